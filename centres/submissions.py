"""One action, one effect: every state-changing form carries a key used once.

A double click, a double tap or a form sent again (the back button, a flaky network)
reaches the server as the same POST twice. Each rendered form gets a fresh random
key (`{% form_key %}`, a template builtin); `FormKeyMiddleware` claims the key in the
same transaction as the view's own writes, unique per (sender, key):

- the first request claims it, runs the view, and keeps the claim if the view
  succeeded (a redirect, or a page the view marks with `succeeded(request)`);
  a refused form (a page with errors, 403, 404, 405, 500) gives the key back;
- a second request with that key finds it taken and is sent where the first one
  went, with a notice, never doing the thing again. On PostgreSQL a request that
  arrives while the first is still running waits on the unique index until the
  first commits or rolls back, so two at the same moment still make one effect.

What is stored names nobody: a keyed one-way digest of (sender, key), the day (UTC)
and where the request led, sealed with a key derived from the form key itself. Only
the page that carried the key can find or read its record, so the record of an
anonymous comment, answer or request cannot be tied to the account that sent it, nor
to the page it went to, nor by the time of day; no sequence numbers the rows. Claims
are deleted after `KEPT_FOR` by `purge_expired_access`.
"""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Callable
from datetime import UTC, date, timedelta

from cryptography.fernet import Fernet, InvalidToken
from django.contrib import messages
from django.db import connection, models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

FIELD = "form_key"
KEY = re.compile(r"[A-Za-z0-9_-]{32}")
KEPT_FOR = timedelta(days=7)
_SUCCEEDED = "_form_key_succeeded"


class FormSubmission(models.Model):
    """A form key that was used: who sent it and where it led, readable only with the key."""

    # HMAC (the site's secret key) of sender and form key: one row per pair, found again
    # only by whoever holds the key. The primary key, so that no sequence orders the rows.
    digest = models.CharField(max_length=64, primary_key=True, editable=False)
    used_on = models.DateField(db_index=True, editable=False)  # UTC day, for the purge
    # Sealed with a key derived from the form key: unreadable without the page.
    went_to = models.TextField(blank=True, editable=False)

    def __str__(self) -> str:
        return f"{self.digest[:8]} {self.used_on}"


def _mac(purpose: str, owner: str, key: str):
    return salted_hmac(f"centres.submissions.{purpose}", f"{owner}\n{key}", algorithm="sha256")


def digest_of(owner: str, key: str) -> str:
    return _mac("digest", owner, key).hexdigest()


def _seal(owner: str, key: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_mac("seal", owner, key).digest()))


def _utc_day() -> date:
    return timezone.now().astimezone(UTC).date()


def new_key() -> str:
    return secrets.token_urlsafe(24)


def succeeded(request: HttpRequest) -> None:
    """Mark a POST that did its work and answers with a page rather than a redirect
    (e.g. a link shown only once), so that its key is not given back."""
    setattr(request, _SUCCEEDED, True)


def key_of(request: HttpRequest) -> str:
    key = request.POST.get(FIELD, "")
    return key if KEY.fullmatch(key) else ""


def owner_of(request: HttpRequest) -> str:
    """Signed-in people by id. Anyone else (a kiosk, someone accepting an invitation)
    shares one owner: a first request may start their session, so it cannot name
    them, and a key is a 192-bit random value that only the page it was sent in holds."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "anonymous"


def once(
    request: HttpRequest, key: str, get_response: Callable[[HttpRequest], HttpResponse]
) -> HttpResponse:
    owner = owner_of(request)
    digest = digest_of(owner, key)
    with transaction.atomic():
        if not _claim(digest):
            return _replay(request, owner, key, digest)
        response = get_response(request)
        if response.status_code in (301, 302, 303, 307, 308) or getattr(request, _SUCCEEDED, False):
            went_to = _local_location(request, response)
            # A repeat is sent back to its own page when nothing is stored (`_replay`):
            # a form that leads back to itself (logging visit after visit) stores nothing.
            if went_to not in ("", request.get_full_path()):
                sealed = _seal(owner, key).encrypt(went_to.encode()).decode()
                FormSubmission.objects.filter(pk=digest).update(went_to=sealed)
        elif not transaction.get_rollback():
            # refused: the corrected form may be sent again
            FormSubmission.objects.filter(pk=digest).delete()
        # else a fault left the transaction to be rolled back, the claim with it
    return response


def _claim(digest: str) -> bool:
    """Claim the key, or False if it is taken: one INSERT … ON CONFLICT DO NOTHING, which
    waits, like a plain INSERT, for a claim of the same key that is not committed yet,
    and needs no savepoint to survive a conflict."""
    table, digest_, used_on, went = map(
        connection.ops.quote_name,
        (FormSubmission._meta.db_table, "digest", "used_on", "went_to"),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({digest_}, {used_on}, {went}) VALUES (%s, %s, '')"  # noqa: S608
            f" ON CONFLICT ({digest_}) DO NOTHING RETURNING {digest_}",
            [digest, _utc_day()],
        )
        return cursor.fetchone() is not None


def _local_location(request: HttpRequest, response: HttpResponse) -> str:
    location = response.get("Location", "")
    if location and url_has_allowed_host_and_scheme(
        location, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return location
    return ""


def _replay(request: HttpRequest, owner: str, key: str, digest: str) -> HttpResponse:
    sealed = FormSubmission.objects.filter(pk=digest).values_list("went_to", flat=True).first()
    try:
        went_to = _seal(owner, key).decrypt(sealed.encode()).decode() if sealed else ""
    except InvalidToken:  # sealed under an earlier secret key
        went_to = ""
    messages.info(request, _("This form had already been sent: it was recorded once."))
    return HttpResponseRedirect(went_to or request.get_full_path())


def purge_old() -> int:
    deleted, _per_model = FormSubmission.objects.filter(used_on__lt=_utc_day() - KEPT_FOR).delete()
    return deleted


class FormKeyMiddleware:
    """Runs every POST that carries a form key at most once (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return self.get_response(request)
        key = key_of(request)
        if not key:
            return self.get_response(request)
        return once(request, key, self.get_response)
