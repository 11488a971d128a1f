"""Secret tokens (invitation links, device pairing codes and device cookies): only their
hash is stored, and a device's pairing code is shown once. Devices themselves
(pairing, their cookie, their pages) are in `centres.devices`."""

from __future__ import annotations

import hashlib
import secrets

from cryptography.fernet import InvalidToken
from django.http import HttpRequest

from . import crypto


def hash_token(token: str) -> str:
    """SHA-256 of the token, as 64 hex characters: what the database keeps instead."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_device_token() -> tuple[str, str]:
    """A device's secret token (192 random bits, URL-safe) and the hash to store: what a
    paired device's cookie carries."""
    token = secrets.token_urlsafe(24)
    return token, hash_token(token)


def new_link_keep(request: HttpRequest, key: str, link: str) -> None:
    """Keep a new device's pairing code, encrypted in the session, for the page the
    redirect leads to: a repeated click is sent to the same page and still finds it there."""
    request.session[key] = crypto.encrypt(link)


def new_link_pop(request: HttpRequest, key: str) -> str | None:
    """The new device's pairing code kept under `key`, once; None when there is none."""
    stored = request.session.pop(key, None)
    if not stored:
        return None
    try:
        return crypto.decrypt(stored)
    except (InvalidToken, ValueError):
        return None
