"""Production: everything from the environment, and nothing insecure by default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import FIELD_ENCRYPTION_KEYS, SECRET_KEY, env

DEBUG = False

_KNOWN_DEMO_VALUES = {
    "",
    "local-demo-secret-key-not-for-production",
    "test-secret-key-only-for-the-test-suite-0123456789",
    "ZGVtby1vbmx5LWZpZWxkLWtleS0wMDAwMDAwMDAwMDA=",
    "dGVzdC1vbmx5LWZpZWxkLWtleS0wMDAwMDAwMDAwMDA=",
}
if SECRET_KEY in _KNOWN_DEMO_VALUES or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")
if not FIELD_ENCRYPTION_KEYS or set(FIELD_ENCRYPTION_KEYS) & _KNOWN_DEMO_VALUES:
    raise ImproperlyConfigured(
        "Set FIELD_ENCRYPTION_KEY to a Fernet key of your own, kept apart from SECRET_KEY."
    )

# The audit trail's DELETE and TRUNCATE rules, the login rate limits and the Celery
# broker live in PostgreSQL and Redis: no silent fall-back to SQLite and files.
if not env("DATABASE_URL", default="").startswith(("postgres://", "postgresql://", "pgsql://")):
    raise ImproperlyConfigured("Set DATABASE_URL to the PostgreSQL database (postgres://...).")
if not env("REDIS_URL", default="").startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("Set REDIS_URL to the Redis server (redis://...).")

WORKERCENTRE_REQUIRE_SECOND_FACTOR = env.bool("REQUIRE_SECOND_FACTOR", default=True)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind one TLS-terminating proxy (README): rate limits key on the
# client address it reports, not on the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
# Both bind every subdomain (and, once preloaded, browsers for months): only on request.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Off by decision, not by oversight (the deployment check would warn).
SILENCED_SYSTEM_CHECKS = [
    check
    for check, on in (
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    )
    if not on
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
