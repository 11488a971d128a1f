"""At 360 px typed text wraps inside the page, while codes and hour ranges stay on one
line: the site's stylesheet applied to the report body and to a case list row."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

from ..advocacy.test_report_direction import render_body

pytestmark = pytest.mark.browser

CSS = Path(settings.BASE_DIR) / "static" / "css"


def show(page: Page, body: str, direction: str) -> None:
    styles = "".join((CSS / name).read_text() for name in ("workercentre.css", "report.css"))
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_content(
        f'<!doctype html><html dir="{direction}"><head><meta name="viewport" '
        f'content="width=device-width"><style>{styles}</style></head>'
        f"<body><main>{body}</main></body></html>"
    )


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_a_report_with_long_english_titles_fits_a_phone(page: Page, language, direction):
    show(page, render_body(language), direction)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide"


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_a_code_in_a_narrow_cell_stays_on_one_line(page: Page, direction):
    from django.template import engines

    row = (
        engines["django"]
        .from_string(
            '<table style="width: 100%"><tr><td style="width: 3.5rem"><a href="#">'
            "{{ code|ltr }}</a></td><td>{{ words }}</td></tr></table>"
        )
        .render({"code": "CASE-2026-0008", "words": "Unpaid wages " * 6})
    )
    show(page, row, direction)
    lines = page.evaluate("document.querySelector('td bdi').getClientRects().length")
    assert lines == 1
