"""Settings shared by every environment; values come from the environment.

`local` (the demo), `test` and `production` import this and change only what
differs. Without DATABASE_URL and REDIS_URL everything runs embedded: SQLite and
a file-system Celery broker under var/.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where links in e-mails point.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Fernet key(s) for case text, contact details and TOTP secrets. Kept apart from
# SECRET_KEY so that rotating one never touches the other. Comma-separated: the
# first encrypts, all decrypt (rotation).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEY", default=[])

INSTALLED_APPS = [
    "workercentre.apps.AdminConfig",  # the admin needs the second factor too
    "django.forms",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "auditlog",
    "csp",
    "django_celery_beat",
    "django_filters",
    "import_export",
    "rules.apps.AutodiscoverRulesConfig",
    "centres",
    "members",
    "services",
    "advocacy",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed (static files come compressed from WhiteNoise, which answers
    # before this). BREACH needs a secret repeated in a compressed body next to text the
    # attacker controls: Django masks the CSRF token afresh on every response and
    # GZipMiddleware pads each body with random bytes, so no secret repeats as-is.
    "django.middleware.gzip.GZipMiddleware",
    "centres.middleware.NoStoreMiddleware",
    "centres.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "centres.middleware.AuditActorMiddleware",
    # After sessions, users and messages: a repeated form is answered with a notice.
    "centres.submissions.FormKeyMiddleware",
    # Innermost: the page replacing an empty 405 is rendered as any other page.
    "centres.middleware.MethodNotAllowedPage",
]

# Widgets are rendered with the project's templates first, so templates/ may correct
# a stock widget (the admin's date and time inputs get a label each).
FORM_RENDERER = "centres.renderers.FormRenderer"

ROOT_URLCONF = "workercentre.urls"
WSGI_APPLICATION = "workercentre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": [
                "centres.templatetags.bidi",
                "centres.templatetags.figures",
                "centres.templatetags.form_keys",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'workercentre.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the Celery worker and beat share one file: wait for locks
    # instead of failing, and take the write lock at the start of a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif env.bool("DATABASE_POOL", default=False):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 10}
else:
    # Each process keeps its connection (checked before reuse) instead of opening one
    # per request: a new PostgreSQL connection costs a backend process and its setup.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=300)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler starts on a query's estimated cost alone: on a year of
    # a big centre's visits it spent 1.3 s compiling a query that ran in 0.5 s. Pages
    # run short queries; a DATABASE_URL that sets `options` keeps its own.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (login rate limits live here) ------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="wc"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "centres.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# A filter's empty choice, read aloud and translated (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = _("Any")
ACCOUNT_ADAPTER = "centres.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# An invitation proves its address (accepting it stores the address as verified);
# any address added later in the account settings must be confirmed through the link
# mailed to it before it signs anyone in or receives a password reset.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_NOTIFICATIONS = True  # the owner hears of every address added or removed
ACCOUNT_FORMS = {"reset_password": "centres.account_forms.VerifiedResetPasswordForm"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# Failed logins are limited per account: 5 per 15 minutes per account from one client
# (see InvitationOnlyAccountAdapter: nobody can lock a colleague out). A whole centre
# often signs in through one connection, so the per-address ceilings are high: 30 failed
# and 60 attempted sign-ins a minute. The account's limit comes first: once it refuses,
# further wrong passwords for that account no longer count against the address.
ACCOUNT_RATE_LIMITS = {"login_failed": "5/900s/key,30/m/ip", "login": "60/m/ip"}
# The client address is the one the trusted proxy adds to X-Forwarded-For (count of
# proxies in front of the application; 0 without a proxy).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_ADAPTER = "centres.adapters.EncryptingMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Worker Centre"
# Roles that can open a grievance case must have a second factor before they
# reach any page of their centre. Production turns this on; the demo leaves it off.
WORKERCENTRE_REQUIRE_SECOND_FACTOR = env.bool("REQUIRE_SECOND_FACTOR", default=True)
INVITATION_VALID_FOR = timedelta(days=env.int("INVITATION_VALID_DAYS", default=7))

# Entrance kiosks: how many check-ins (and, separately, service requests) one kiosk
# may write a minute and an hour before it asks people to wait (members.kiosk_limits).
KIOSK_WRITES_PER_MINUTE = env.int("KIOSK_WRITES_PER_MINUTE", default=20)
KIOSK_WRITES_PER_HOUR = env.int("KIOSK_WRITES_PER_HOUR", default=300)
# Taps of "I'm here" without a card on one kiosk this close together count one visit.
KIOSK_ANONYMOUS_REPEAT_SECONDS = env.int("KIOSK_ANONYMOUS_REPEAT_SECONDS", default=5)

# Sessions expire after 30 idle minutes: a request pushes the expiry on, writing the
# session at most once a minute (centres.middleware.IdleSessionMiddleware), not on
# every request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Audit ------------------------------------------------------------------
from .audit import *  # noqa: E402, F401, F403

# --- Languages --------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("hi", _("Hindi")),
    ("ne", _("Nepali")),
    ("bn", _("Bengali")),
]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [
    # Our own strings: `makemessages` writes here.
    BASE_DIR / "locale",
    # django-allauth's strings for the languages allauth ships no catalogue for (hi, ne, bn).
    # makemessages never rewrites this directory: no project source lives under it.
    BASE_DIR / "locale_allauth",
]
# Unambiguous dates in every language (29 Nov 2026, never 12/04/2026): see the module.
FORMAT_MODULE_PATH = ["workercentre.formats"]
USE_I18N = True
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_TZ = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security headers -------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- E-mail -----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Worker Centre <no-reply@localhost>")

# --- Celery -----------------------------------------------------------------
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A task taken by a worker that died (acks_late: never acknowledged) goes back to
    # the queue after this many seconds: longer than the longest task.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 3600)
    }
else:
    # A broker that needs no server: messages are files under var/broker, written
    # whole before a worker can see them (`workercentre.broker`).
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT = "workercentre.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Defaults; the admin (django-celery-beat) can change them at run time.
CELERY_BEAT_SCHEDULE = {
    "purge-expired-access": {
        "task": "centres.tasks.purge_expired_access",
        "schedule": crontab(hour=3, minute=17),
    },
    "send-pending-tasks": {
        "task": "centres.tasks.send_pending_tasks",
        "schedule": crontab(),  # every minute
    },
    "apply-retention": {
        "task": "centres.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=47),
    },
    "overdue-case-reminders": {
        "task": "advocacy.tasks.send_overdue_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "recommendation-follow-ups": {
        "task": "advocacy.recommendations.tasks.send_follow_up_reminders",
        "schedule": crontab(hour=6, minute=40),
    },
    "generate-sessions": {
        "task": "services.tasks.generate_sessions",
        "schedule": crontab(hour=2, minute=41),
    },
    "roll-up-visits": {
        "task": "members.tasks.roll_up_visits",
        "schedule": crontab(minute=7),  # hourly: each centre's midnight, in its zone
    },
    "release-closed-periods": {
        "task": "advocacy.tasks.release_closed_periods",
        # Hourly, after the roll-ups: a period closed at a centre's midnight is
        # released within the hour. Pages only read stored releases.
        "schedule": crontab(minute=17),
    },
    "sync-committee-roles": {
        "task": "members.tasks.sync_committee_roles",
        "schedule": crontab(hour=0, minute=23),
    },
    "remind-decision-reviews": {
        "task": "members.tasks.remind_decision_reviews",
        "schedule": crontab(hour=7, minute=5),
    },
}

# Retention (centres.retention): rows per transaction, and a pause between batches that
# leaves the database to the web during a long first run.
RETENTION_BATCH_SIZE = env.int("RETENTION_BATCH_SIZE", default=200)
RETENTION_BATCH_PAUSE = env.float("RETENTION_BATCH_PAUSE", default=0.0)

# --- Logging: no personal data, ever; ids only ------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request logs carry URLs and would log 404s of invitation links.
        "django.request": {"level": "ERROR"},
    },
}

# Exports of more rows than this run as a Celery job; their files are kept this many
# hours in EXPORT_ROOT (never a served folder: only the requester downloads them,
# through the application).
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=50_000)
EXPORT_KEEP_HOURS = env.int("EXPORT_KEEP_HOURS", default=24)
EXPORT_ROOT = Path(env("EXPORT_ROOT", default=str(BASE_DIR / "var" / "exports")))
