"""`make run` takes PORT (default 8000), and the links in e-mails follow it."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _dry_run(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("PORT", "SITE_URL")}
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [str(ROOT / "bin" / "run-local"), "--dry-run"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_port_sets_the_server_and_the_link_base():
    result = _dry_run(PORT="8123")
    assert result.returncode == 0
    assert "SITE_URL=http://127.0.0.1:8123" in result.stdout
    assert "runserver 127.0.0.1:8123" in result.stdout


def test_the_default_port_is_8000():
    result = _dry_run()
    assert "SITE_URL=http://127.0.0.1:8000" in result.stdout
    assert "runserver 127.0.0.1:8000" in result.stdout


def test_a_site_url_given_is_kept():
    result = _dry_run(PORT="8123", SITE_URL="https://demo.example.org")
    assert "SITE_URL=https://demo.example.org" in result.stdout
    assert "runserver 127.0.0.1:8123" in result.stdout


def test_a_bad_port_is_refused_with_a_message():
    for port in ("80a", "0", "70000", "8000; rm -rf /"):
        result = _dry_run(PORT=port)
        assert result.returncode == 2, port
        assert "PORT must be a number" in result.stderr


def test_make_run_passes_the_port_on():
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "run", "PORT=8123"],  # noqa: S607 - make from PATH, as a developer runs it
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "PORT=8123 bin/run-local" in result.stdout
