#!/usr/bin/env python
"""Screenshots of pages as a person sees them, on a phone-sized screen, in a language.

    .venv/bin/python bin/screenshots.py EMAIL LANGUAGE OUTDIR PATH [PATH ...]

Runs against the demo at http://127.0.0.1:8000 (`make run`), in Debian's Chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = "http://127.0.0.1:8000"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(email: str, language: str, outdir: str, *paths: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        page.context.add_cookies([{"name": "django_language", "value": language, "url": BASE}])
        if email != "-":
            page.goto(f"{BASE}/accounts/login/")
            page.fill("input[name=login]", email)
            page.fill("input[type=password]", "demo-pass-2026")
            page.click("main button[type=submit]")
        for path in paths:
            page.goto(BASE + path)
            name = path.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(out / f"{language}-{name}.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
