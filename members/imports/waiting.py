"""Between the dry run and the confirmation the checked file waits, encrypted, in the
cache under a random id that only the importer's session knows; it is taken once."""

from __future__ import annotations

import base64
import binascii
import re
import secrets

from cryptography.fernet import InvalidToken
from django.core.cache import cache

from centres import crypto
from centres.models import Centre, User

from .sheet import Upload

KEPT_FOR_SECONDS = 15 * 60
SESSION_KEY = "member_import"
IMPORT_ID = re.compile(r"[A-Za-z0-9_-]{32}")


def upload_set_aside(session, upload: Upload, *, centre: Centre, user: User) -> str:
    """Keep the checked file until the importer confirms; returns its import id."""
    import_id = secrets.token_urlsafe(24)
    content = crypto.encrypt(base64.b64encode(upload.content).decode())
    stored = {"centre": centre.pk, "user": user.pk, "fmt": upload.fmt, "content": content}
    cache.set(_cache_key(import_id), stored, KEPT_FOR_SECONDS)
    session[SESSION_KEY] = import_id
    return import_id


def upload_claim(session, import_id: str, *, centre: Centre, user: User) -> Upload | None:
    """The file kept under `import_id`, once: None if the id is unknown, expired, already
    used, or not this session's, user's and centre's."""
    expected = session.get(SESSION_KEY, "")
    if not IMPORT_ID.fullmatch(import_id) or not secrets.compare_digest(import_id, expected):
        return None
    del session[SESSION_KEY]
    key = _cache_key(import_id)
    stored = cache.get(key)
    # Only the request that removes the entry may use it: a double click imports once.
    if stored is None or not cache.delete(key):
        return None
    if stored["centre"] != centre.pk or stored["user"] != user.pk:
        return None
    try:
        content = base64.b64decode(crypto.decrypt(stored["content"]))
    except (InvalidToken, binascii.Error):
        return None
    return Upload(content=content, fmt=stored["fmt"])


def upload_discard(session) -> None:
    """Forget the file set aside for this session, if any."""
    import_id = session.pop(SESSION_KEY, "")
    if IMPORT_ID.fullmatch(import_id):
        cache.delete(_cache_key(import_id))


def _cache_key(import_id: str) -> str:
    return f"members:import:{import_id}"
