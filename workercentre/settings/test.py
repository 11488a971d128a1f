"""The test suite: the same stack as production, fast hashing, mail kept in memory."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-secret-key-only-for-the-test-suite-0123456789"  # noqa: S105
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWtleS0wMDAwMDAwMDAwMDA="]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker started in its own process by a test writes its mail to files the test reads.
if env("TEST_EMAIL_FILE_PATH", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("TEST_EMAIL_FILE_PATH")
WORKERCENTRE_REQUIRE_SECOND_FACTOR = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests log anonymous check-ins one after another; the kiosk tests set it themselves.
KIOSK_ANONYMOUS_REPEAT_SECONDS = 0

if REDIS_URL:
    # A prefix of its own per run, so a test run never reads another's rate limits.
    CACHES["default"]["KEY_PREFIX"] = f"wc-test-{os.getpid()}"  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Each run gets its own broker folder.
    _broker = Path(tempfile.gettempdir()) / f"workercentre-test-broker-{os.getpid()}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        "data_folder_in": str(_broker / "queue"),
        "data_folder_out": str(_broker / "queue"),
        "processed_folder": str(_broker / "processed"),
        "control_folder": str(_broker / "control"),
        "store_processed": False,
    }

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # Django empties tables with TRUNCATE between transactional tests; the trail's
    # TRUNCATE trigger lets these connections do it (see centres migration 0008).
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c workercentre.allow_audit_truncate=on"

LOGGING["root"]["level"] = env("LOG_LEVEL", default="WARNING")  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run in the test's own thread; tests/centres/test_celery_worker.py sends
# them through the real broker to a real worker instead.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
SITE_URL = "http://testserver"

EXPORT_ROOT = Path(tempfile.gettempdir()) / f"workercentre-test-exports-{os.getpid()}"
