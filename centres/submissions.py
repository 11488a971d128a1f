"""One action, one effect: every state-changing form carries a key used once.

A double click, a double tap or a form sent again (the back button, a flaky network)
reaches the server as the same POST twice. Each rendered form gets a fresh random
key (`{% form_key %}`, a template builtin); `FormKeyMiddleware` claims the key in the
same transaction as the view's own writes, under a unique constraint on (owner, key):

- the first request claims it, runs the view, and keeps the claim if the view
  succeeded (a redirect, or a page the view marks with `succeeded(request)`);
  a refused form (a page with errors, 403, 404, 405, 500) gives the key back;
- a second request with that key finds it taken and is sent where the first one
  went, with a notice, never doing the thing again. On PostgreSQL a request that
  arrives while the first is still running waits on the unique index until the
  first commits or rolls back, so two at the same moment still make one effect.

Claims are deleted after `KEPT_FOR` by `purge_expired_access`.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.db import connection, models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .fields import EncryptedTextField

FIELD = "form_key"
KEY = re.compile(r"[A-Za-z0-9_-]{32}")
KEPT_FOR = timedelta(days=7)
_SUCCEEDED = "_form_key_succeeded"


class FormSubmission(models.Model):
    """A form key that was used, by whom, and where its request led."""

    owner = models.CharField(max_length=40)
    key = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Encrypted: a kiosk's page address holds its token.
    went_to = EncryptedTextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="form_key_used_once"),
        ]

    def __str__(self) -> str:
        return f"{self.owner}:{self.created_at:%Y-%m-%d %H:%M}"


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
    with transaction.atomic():
        claim = _claim(owner, key)
        if claim is None:
            return _replay(request, owner, key)
        response = get_response(request)
        if response.status_code in (301, 302, 303, 307, 308) or getattr(request, _SUCCEEDED, False):
            claim.went_to = _local_location(request, response)
            # A repeat is sent back to its own page when nothing is stored (`_replay`):
            # a form that leads back to itself (logging visit after visit) stores nothing.
            if claim.went_to not in ("", request.get_full_path()):
                claim.save(update_fields=["went_to"])
        elif not transaction.get_rollback():
            claim.delete()  # refused: the corrected form may be sent again
        # else a fault left the transaction to be rolled back, the claim with it
    return response


def _claim(owner: str, key: str) -> FormSubmission | None:
    """Claim the key, or None if it is taken: one INSERT … ON CONFLICT DO NOTHING, which
    waits, like a plain INSERT, for a claim of the same key that is not committed yet,
    and needs no savepoint to survive a conflict."""
    claim = FormSubmission(owner=owner, key=key)
    table, owner_, key_, created, went, pk = map(
        connection.ops.quote_name,
        (FormSubmission._meta.db_table, "owner", "key", "created_at", "went_to", "id"),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({owner_}, {key_}, {created}, {went}) VALUES (%s, %s, %s, %s)"  # noqa: S608
            f" ON CONFLICT ({owner_}, {key_}) DO NOTHING RETURNING {pk}",
            [
                owner,
                key,
                FormSubmission._meta.get_field("created_at").get_db_prep_value(
                    claim.created_at, connection
                ),
                FormSubmission._meta.get_field("went_to").get_db_prep_value("", connection),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    claim.pk = row[0]
    claim._state.adding = False
    return claim


def _local_location(request: HttpRequest, response: HttpResponse) -> str:
    location = response.get("Location", "")
    if location and url_has_allowed_host_and_scheme(
        location, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return location
    return ""


def _replay(request: HttpRequest, owner: str, key: str) -> HttpResponse:
    first = FormSubmission.objects.filter(owner=owner, key=key).first()
    messages.info(request, _("This form had already been sent: it was recorded once."))
    return HttpResponseRedirect((first.went_to if first else "") or request.get_full_path())


def purge_old() -> int:
    deleted, _per_model = FormSubmission.objects.filter(
        created_at__lt=timezone.now() - KEPT_FOR
    ).delete()
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
