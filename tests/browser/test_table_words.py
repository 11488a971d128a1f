"""On a 360 px phone a table's words wrap only between words: in a report's tables in
Arabic the heading of the row names stays whole ("محسوب كـ", counted as, lost its
last letter to a line of its own), and no word of any cell is cut; in any table, even
inside a block that lets words break anywhere."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope

from ..factories import VisitFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

UTC = ZoneInfo("UTC")
CSS = Path(settings.BASE_DIR) / "static" / "css"

# Each word (split at spaces and hyphens, where a line may break) of every cell whose
# boxes lie on more than one line; and the lines of each figures table's first heading.
CUT_WORDS = r"""
() => {
  const cut = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const words = /[^\s\-‐–]+/g;
      let word;
      while ((word = words.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) cut.push(word[0]);
      }
    }
  }
  return cut;
}
"""
HEADING_LINES = r"""
() => [...document.querySelectorAll('.table-wrap.figures thead tr > :first-child')].map(th => {
  const range = document.createRange();
  range.selectNodeContents(th);
  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  return [th.textContent.trim(), tops.size];
})
"""


def test_a_reports_tables_keep_their_words_whole_in_arabic(
    page: Page, live_server, manager, centre
):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 9, day, 9, tzinfo=UTC), people=3)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-09")
    page.set_viewport_size({"width": 360, "height": 800})
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/reports/{report.pk}/")
    headings = dict(page.evaluate(HEADING_LINES))
    with translation.override("ar"):
        assert gettext("Counted as") in headings
    assert {text: lines for text, lines in headings.items() if lines > 1} == {}
    assert page.evaluate(CUT_WORDS) == []
    # The report is built in the frame's own boxes, not as a grid of summary figures.
    frame = page.locator(".table-wrap.figures").first
    assert frame.evaluate("f => getComputedStyle(f).display") == "block"


@pytest.mark.parametrize("direction", ["rtl", "ltr"])
def test_a_table_in_a_block_that_breaks_words_anywhere_keeps_them_whole(page: Page, direction):
    styles = (CSS / "workercentre.css").read_text()
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_content(
        f'<!doctype html><html dir="{direction}"><head><meta name="viewport" '
        f'content="width=device-width"><style>{styles}</style></head><body><main>'
        '<div style="overflow-wrap: anywhere; word-break: break-all"><div class="table-wrap">'
        '<table><tr><th style="width: 2rem">المحسوب</th><td>Counted</td></tr></table>'
        "</div></div></main></body></html>"
    )
    assert page.evaluate(CUT_WORDS) == []
