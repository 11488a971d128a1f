"""A heading that wraps on a phone keeps its lines together, in Bengali, Hindi and
Nepali as in English and Arabic: each line a quarter more than the type, not the half
that body text takes, in every stylesheet that sets headings."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CSS = Path(settings.BASE_DIR) / "static" / "css"

# The report's title in each language, as the demo's weekly report shows it.
TITLES = {
    "bn": "Amman Workers' Centre-এর মতামত প্রতিবেদন · 2026 সালের 48 নং সপ্তাহ: 23–29 নভে.",
    "hi": "Amman Workers' Centre की राय रिपोर्ट · 2026 का हफ़्ता 48: 23–29 नव",
    "ne": "Amman Workers' Centre को प्रतिक्रिया प्रतिवेदन · 2026 को हप्ता 48: 23–29 नभम्वर",
    "ar": "تقرير الملاحظات لـ Amman Workers' Centre · الأسبوع 48، 2026: 23–29 نوفمبر",
    "en": "Feedback report of Amman Workers' Centre · Week 48, 2026: 23–29 Nov",
}


@pytest.mark.parametrize("stylesheet", ["workercentre.css", "yousaid.css"])
@pytest.mark.parametrize("language", TITLES)
def test_a_wrapped_heading_keeps_its_lines_together(page: Page, stylesheet, language):
    direction = "rtl" if language == "ar" else "ltr"
    title = TITLES[language]
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_content(
        f'<!doctype html><html lang="{language}" dir="{direction}"><head><meta '
        f'name="viewport" content="width=device-width"><style>{(CSS / stylesheet).read_text()}'
        f"</style></head><body><main><h1>{title}</h1><h2>{title}</h2><h3>{title}</h3>"
        "</main></body></html>"
    )
    for heading in ("h1", "h2", "h3"):
        lines, height, size = page.evaluate(
            """(tag) => {
                const heading = document.querySelector(tag);
                const range = document.createRange();
                range.selectNodeContents(heading);
                const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                const style = getComputedStyle(heading);
                return [tops.size, heading.clientHeight, parseFloat(style.fontSize)];
            }""",
            heading,
        )
        assert lines >= 2, (heading, "the title should wrap at 360 px")
        assert height / lines <= 1.3 * size, (heading, height / lines, size)
