"""Secret tokens carried in links (invitations, kiosks, booths): only their hash is
stored, and a device's new link is shown once."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps

from cryptography.fernet import InvalidToken
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import crypto


def hash_token(token: str) -> str:
    """SHA-256 of the token, as 64 hex characters: what the database keeps instead."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_device_token() -> tuple[str, str]:
    """A device's secret token (192 random bits, URL-safe) and the hash to store."""
    token = secrets.token_urlsafe(24)
    return token, hash_token(token)


class DeviceQuerySet(models.QuerySet):
    """Devices reached by the token in their link (kiosks, booths): a `token_hash`,
    a `centre` and a `revoked_at` column."""

    def usable(self) -> DeviceQuerySet:
        return self.filter(revoked_at__isnull=True)

    def issued_before(self, cutoff) -> DeviceQuerySet:
        """Live devices whose link was issued before `cutoff` (a datetime)."""
        return self.usable().filter(created_at__lt=cutoff)

    def for_token(self, token: str):
        """The live device whose link carries this token, or None."""
        return self.usable().select_related("centre").filter(token_hash=hash_token(token)).first()


def device_view(model: type[models.Model], invalid_template: str) -> Callable:
    """A decorator for the pages a device opens with the token in its link: the view is
    called as `view(request, device, token, ...)` with the live device; an unknown or
    revoked token gets `invalid_template` with a 404, before anything is read."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
            device = model.objects.for_token(token)
            if device is None:
                return render(request, invalid_template, status=404)
            return view(request, device, token, *args, **kwargs)

        return wrapper

    return decorate


def new_link_keep(request: HttpRequest, key: str, link: str) -> None:
    """Keep a new device's link, encrypted in the session, for the page the redirect
    leads to: a repeated click is sent to the same page and still finds it there."""
    request.session[key] = crypto.encrypt(link)


def new_link_pop(request: HttpRequest, key: str) -> str | None:
    """The new device's link kept under `key`, once; None when there is none."""
    stored = request.session.pop(key, None)
    if not stored:
        return None
    try:
        return crypto.decrypt(stored)
    except (InvalidToken, ValueError):
        return None
