"""bin/screenshots.py reaches the demo wherever it runs: at $PORT, at --port, or at
--base-url, and refuses a port that is not a number."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.browser


def _run(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k != "PORT"}
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(ROOT / "bin" / "screenshots.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _shot(outdir: Path) -> bytes:
    return (outdir / "en-accounts_login.png").read_bytes()


@pytest.mark.parametrize("how", ["PORT", "--port", "--base-url"])
def test_the_demo_is_reached_where_it_runs(live_server, tmp_path, how):
    port = str(urlsplit(live_server.url).port)
    shot = ["-", "en", str(tmp_path), "/accounts/login/"]
    if how == "PORT":
        result = _run(*shot, PORT=port)
    elif how == "--port":
        result = _run("--port", port, *shot, PORT="1")
    else:
        result = _run("--base-url", f"{live_server.url}/", *shot, PORT="1")
    assert result.returncode == 0, result.stderr
    assert _shot(tmp_path).startswith(b"\x89PNG")


def test_a_port_that_is_not_a_number_is_refused_with_a_message(tmp_path):
    result = _run("-", "en", str(tmp_path), "/", PORT="eighty")
    assert result.returncode == 2
    assert "PORT must be a number" in result.stderr
    assert not list(tmp_path.iterdir())
