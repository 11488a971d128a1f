"""Field encryption and search digests, keyed outside the database and apart from
SECRET_KEY.

`FIELD_ENCRYPTION_KEYS` (the setting `FIELD_ENCRYPTION_KEY`, comma-separated) holds
Fernet master keys, the first one current. From each master key HKDF-SHA256 (RFC 5869)
derives two independent 32-byte sub-keys: one for Fernet encryption of fields, one for
the HMAC-SHA256 digests that let an encrypted value be found by exact match (a phone
number). So a digest never reveals anything about the encryption key and vice versa,
and rotation is: put the new key first, run `manage.py rotate_field_keys`, drop the old
key.

Keys are read from settings on every call (the derived keys are cached per master key),
so changing the setting takes effect at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENCRYPTION_INFO = b"workercentre field encryption v1"
DIGEST_INFO = b"workercentre search digest v1"


def _masters() -> tuple[str, ...]:
    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set.")
    return keys


@lru_cache(maxsize=32)
def _derive(master: str, info: bytes) -> bytes:
    """A 32-byte sub-key of a Fernet master key (HKDF-SHA256, no salt)."""
    material = base64.urlsafe_b64decode(master.encode())
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)


@lru_cache(maxsize=8)
def _fernet(masters: tuple[str, ...]) -> MultiFernet:
    derived = [Fernet(base64.urlsafe_b64encode(_derive(m, ENCRYPTION_INFO))) for m in masters]
    # Tokens written before sub-keys were derived used the master key itself: read them
    # until `rotate_field_keys` has rewritten them.
    legacy = [Fernet(m) for m in masters]
    return MultiFernet(derived + legacy)


@lru_cache(maxsize=8)
def _current(masters: tuple[str, ...]) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(masters[0], ENCRYPTION_INFO)))


def encrypt(text: str) -> str:
    return _fernet(_masters()).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(_masters()).decrypt(token.encode()).decode()


def is_current(token: str) -> bool:
    """Whether `token` was encrypted with the current key's sub-key."""
    try:
        _current(_masters()).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """`token` re-encrypted with the current key (raises InvalidToken if no key reads it)."""
    return _fernet(_masters()).rotate(token.encode()).decode()


def _hmac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def digest(text: str) -> str:
    """A keyed, deterministic digest (HMAC-SHA256, hex) for exact-match lookups of an
    encrypted value, with the current key's digest sub-key."""
    return _hmac(_derive(_masters()[0], DIGEST_INFO), text)


def digests(text: str) -> list[str]:
    """`text`'s digest under every configured key (and as written before sub-keys):
    what a lookup matches while a rotation is under way."""
    masters = _masters()
    derived = [_hmac(_derive(m, DIGEST_INFO), text) for m in masters]
    return derived + [_hmac(m.encode(), text) for m in masters]
