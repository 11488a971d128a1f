"""Production settings refuse insecure defaults and pass Django's deployment checks."""

import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "workercentre.settings.production",
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


GOOD = {
    "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-0123456789",
    "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "centre.example.org",
    "DATABASE_URL": "postgres://workercentre@127.0.0.1:5432/workercentre",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_missing_database_or_redis_is_refused():
    """Without them production would run on SQLite and files, where the trail's DELETE
    rule does not exist."""
    for name, message in (("DATABASE_URL", "PostgreSQL"), ("REDIS_URL", "Redis")):
        result = _manage("check", **{k: v for k, v in GOOD.items() if k != name})
        assert result.returncode != 0
        assert message in result.stderr
    sqlite = {**GOOD, "DATABASE_URL": "sqlite:////tmp/workercentre-deploy-check.sqlite3"}
    assert "PostgreSQL" in _manage("check", **sqlite).stderr


def test_hsts_preload_and_subdomains_only_when_configured():
    code = (
        "from django.conf import settings; "
        "print(settings.SECURE_HSTS_PRELOAD, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    assert _manage("shell", "-c", code, **GOOD).stdout.split()[-2:] == ["False", "False"]
    on = {**GOOD, "SECURE_HSTS_PRELOAD": "1", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1"}
    assert _manage("shell", "-c", code, **on).stdout.split()[-2:] == ["True", "True"]


def test_missing_secret_is_refused():
    env = {k: v for k, v in GOOD.items() if k != "SECRET_KEY"}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_demo_secret_is_refused():
    result = _manage("check", **{**GOOD, "SECRET_KEY": "local-demo-secret-key-not-for-production"})
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_missing_or_demo_field_key_is_refused():
    env = {k: v for k, v in GOOD.items() if k != "FIELD_ENCRYPTION_KEY"}
    assert "FIELD_ENCRYPTION_KEY" in _manage("check", **env).stderr
    demo = {**GOOD, "FIELD_ENCRYPTION_KEY": "ZGVtby1vbmx5LWZpZWxkLWtleS0wMDAwMDAwMDAwMDA="}
    assert "FIELD_ENCRYPTION_KEY" in _manage("check", **demo).stderr


def test_check_deploy_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **GOOD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_second_factor_is_required_by_default_in_production():
    code = "from django.conf import settings; print(settings.WORKERCENTRE_REQUIRE_SECOND_FACTOR)"
    result = _manage("shell", "-c", code, **GOOD)
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
