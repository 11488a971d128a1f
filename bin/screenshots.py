#!/usr/bin/env python
"""Screenshots of pages as a person sees them, on a phone-sized screen, in a language.

    .venv/bin/python bin/screenshots.py [--port N | --base-url URL] [--width PX]
        EMAIL LANGUAGE OUTDIR PATH [PATH ...]

Runs against the demo (`make run`) at http://127.0.0.1:$PORT (8000 without PORT, as
`make run`), or at the port or base URL given, in Debian's Chromium. EMAIL "-" stays
signed out; a demo user signs in with the demo password. Each PATH is saved as
OUTDIR/LANGUAGE-PATH.png, the whole page.
"""

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "demo-pass-2026"  # noqa: S105 - the documented demo credential (load_demo)


def _options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--port",
        type=int,
        default=None,
        help="the demo's port on 127.0.0.1 (default: $PORT, else 8000)",
    )
    where.add_argument("--base-url", help="the demo's address, e.g. http://127.0.0.1:8012")
    parser.add_argument("--width", type=int, default=360, help="screen width in px (360)")
    parser.add_argument("email", help='the user to sign in as, or "-" to stay signed out')
    parser.add_argument("language", help="a language code: ar, en, hi, ne, bn")
    parser.add_argument("outdir")
    parser.add_argument("paths", nargs="+", metavar="path")
    options = parser.parse_args(argv)
    if options.base_url is None:
        port = options.port or os.environ.get("PORT") or "8000"
        if not str(port).isdigit():
            parser.error(f"PORT must be a number, not {port!r}")
        options.base_url = f"http://127.0.0.1:{port}"
    options.base_url = options.base_url.rstrip("/")
    return options


def main(argv: list[str] | None = None) -> None:
    options = _options(argv)
    base, language = options.base_url, options.language
    out = Path(options.outdir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        viewport = {"width": options.width, "height": 740}
        page = browser.new_context(viewport=viewport).new_page()
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        if options.email != "-":
            page.goto(f"{base}/accounts/login/")
            page.fill("input[name=login]", options.email)
            page.fill("input[type=password]", PASSWORD)
            page.click("main button[type=submit]")
        for path in options.paths:
            page.goto(base + path)
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            page.screenshot(path=str(out / f"{language}-{name}.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
