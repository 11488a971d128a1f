"""At 360 px a candidate's statement on an election's page takes the card's full
width, whatever the length of the name beside the picture."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CSS = Path(settings.BASE_DIR) / "static" / "css" / "workercentre.css"

CARD = (
    '<article class="card candidate">'
    '<img src="data:," alt="" width="96" height="96">'
    '<h3><bdi>{name}</bdi> <span class="muted">(waiting for acceptance)</span></h3>'
    '<p dir="auto">I will work for all the members of the centre</p>'
    "</article>"
)


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
@pytest.mark.parametrize("name", ["A" * 100, "Priya"])
def test_the_statement_takes_the_cards_width_on_a_phone(page: Page, direction, name):
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_content(
        f'<!doctype html><html dir="{direction}"><head><meta name="viewport" '
        f'content="width=device-width"><style>{CSS.read_text()}</style></head>'
        f"<body><main>{CARD.format(name=name)}</main></body></html>"
    )
    card, statement = page.evaluate(
        "[document.querySelector('.candidate').clientWidth,"
        " document.querySelector('.candidate > p').getBoundingClientRect().width]"
    )
    padding = 2 * 16
    assert statement >= card - padding - 1, f"the statement is {statement} px of {card}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
