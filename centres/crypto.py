"""Field encryption with the key kept outside the database and apart from SECRET_KEY."""

from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet() -> MultiFernet:
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set.")
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def digest(text: str) -> str:
    """A keyed, deterministic digest for exact-match lookups of encrypted values."""
    import hashlib
    import hmac

    key = settings.FIELD_ENCRYPTION_KEYS[0].encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
