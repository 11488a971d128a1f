"""Kiosks and voting booths: tablets that act for one centre without anyone signing in.

The manager creates a device and is shown its pairing code, once. On the tablet, staff
type or scan the code into the device's pairing page (`/kiosk/pair/`, `/booth/pair/`):
the code travels in a POST body, never in an address, since addresses land in access
logs, browser history and Referer headers (DESIGN.md: nothing sensitive in URLs).
Pairing replaces the code's hash by the hash of a new secret that only the tablet's
cookie holds (signed, HttpOnly, SameSite=Strict, Secure in production, sent only to the
device's own pages), so a code works once. Every page looks its device up again from
the cookie, so switching a device off ends its cookie's access at once.
"""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formfields import ShortTextField
from .tokens import hash_token, new_device_token

# The server decides whether a device still works (switched off, retention); the
# cookie's own life only spares a tablet in daily use from being paired again.
COOKIE_SECONDS = 365 * 24 * 3600


def new_pairing_code() -> tuple[str, str]:
    """A one-time pairing code and the hash to store. The code is 24 characters of
    base32 (A–Z, 2–7: 120 random bits), easy to read out and type on a tablet."""
    code = base64.b32encode(secrets.token_bytes(15)).decode()
    return code, hash_token(code)


def shown_code(code: str) -> str:
    """The code in groups of four, as the manager's page shows it: `ABCD EFGH ...`."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


# Base32 has no 0, 1 or 8: typed for the letters they look like, they are read as those.
LOOK_ALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def typed_code(text: str) -> str:
    """The code as typed or scanned, read as it was issued: capitals, without the spaces
    or dashes between groups (anything but letters and digits is dropped), and a 0, 1 or
    8 read as the O, I or B it stands for."""
    return re.sub(r"[^A-Z0-9]", "", text.upper()).translate(LOOK_ALIKES)


class DeviceQuerySet(models.QuerySet):
    """Devices (kiosks, booths): a `token_hash`, `centre`, `created_at`, `paired_at` and
    `revoked_at` column. Before pairing, `token_hash` is the hash of the pairing code;
    after, the hash of the secret in the tablet's cookie."""

    def usable(self) -> DeviceQuerySet:
        return self.filter(revoked_at__isnull=True)

    def issued_before(self, cutoff) -> DeviceQuerySet:
        """Live devices issued before `cutoff` (a datetime)."""
        return self.usable().filter(created_at__lt=cutoff)

    def awaiting_pairing(self, code: str) -> DeviceQuerySet:
        """The live, unpaired device this pairing code (as typed) was issued for."""
        code = typed_code(code)
        if not code:
            return self.none()
        return self.usable().filter(paired_at__isnull=True, token_hash=hash_token(code))

    def for_secret(self, secret: str):
        """The live, paired device whose cookie carries this secret, or None. Looked up
        by the secret's SHA-256, so the comparison reveals nothing of the secret."""
        found = self.usable().filter(paired_at__isnull=False, token_hash=hash_token(secret))
        return found.select_related("centre").first()


@transaction.atomic
def device_pair(model: type[models.Model], *, code: str) -> tuple[models.Model, str] | None:
    """Pair the device `code` was issued for: a new secret replaces the code, so the code
    works once. Returns the device and the secret for its cookie, or None for a code
    that is wrong, used already or of a device switched off. Two tablets sending one
    code at once: the device's row is locked and read again, so one of them pairs."""
    device = model.objects.awaiting_pairing(code).select_for_update().first()
    if device is None:
        return None
    secret, device.token_hash = new_device_token()
    device.paired_at = timezone.now()
    device.save(update_fields=["token_hash", "paired_at"])  # audited: the time, not the hash
    return device, secret


@dataclass(frozen=True)
class DeviceKind:
    """One kind of device: its model, its cookie and the pages it opens."""

    model: type[models.Model]
    cookie: str  # the cookie's name
    path: str  # the cookie is sent to these pages only, e.g. "/kiosk/"
    home: str  # URL name of the page a device opens after pairing
    pair_url_name: str
    title: str  # the pairing page's title (lazy)
    invalid_template: str

    def device(self, request: HttpRequest):
        """The live, paired device whose signed cookie this request carries, or None."""
        secret = request.get_signed_cookie(self.cookie, default=None, salt=self.cookie)
        return self.model.objects.for_secret(secret) if secret else None

    def set_cookie(self, response: HttpResponse, secret: str) -> None:
        response.set_signed_cookie(
            self.cookie,
            secret,
            salt=self.cookie,
            max_age=COOKIE_SECONDS,
            path=self.path,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )

    def refused(self, request: HttpRequest) -> HttpResponse:
        """The page of a tablet that is not (or no longer) this kind of device: 404,
        with the way to pair it; a dead cookie is removed."""
        context = {"pair_url": reverse(self.pair_url_name)}
        response = render(request, self.invalid_template, context, status=404)
        if self.cookie in request.COOKIES:
            response.delete_cookie(self.cookie, path=self.path, samesite="Strict")
        return response


def device_view(kind: DeviceKind) -> Callable:
    """A decorator for a device's pages: the view is called as `view(request, device,
    ...)` with the live device of the request's cookie; a tablet without one gets
    `kind.refused`, before anything is read."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            device = kind.device(request)
            if device is None:
                return kind.refused(request)
            return view(request, device, *args, **kwargs)

        return wrapper

    return decorate


class PairingForm(forms.Form):
    code = ShortTextField(
        label=gettext_lazy("Pairing code"),
        max_length=100,
        help_text=gettext_lazy(
            "Type or scan the code the manager's page showed when the device was set up."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}
        ),
    )


def pairing_page(request: HttpRequest, kind: DeviceKind, pair: Callable) -> HttpResponse:
    """The pairing page of `kind`: `pair(code=...)` is the app's pairing action, which
    returns the device and its cookie's secret, or None for a code that pairs nothing."""
    form = PairingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        paired = pair(code=form.cleaned_data["code"])
        if paired is None:
            form.add_error(
                "code",
                _(
                    "This code does not pair a device: it may be mistyped, used already, or "
                    "the device was switched off. Ask the centre's manager for a new one."
                ),
            )
        else:
            messages.success(request, _("This tablet is set up."))
            response = redirect(kind.home)
            kind.set_cookie(response, paired[1])
            return response
    return render(request, "centres/device_pair.html", {"form": form, "title": kind.title})
