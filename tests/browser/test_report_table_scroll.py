"""On a 360 px phone a report's table too wide for the screen scrolls sideways in its
frame, and its row names stay in view: scrolled to its far end, the first column is
still on the screen, in English and in Arabic (where the table's far end is on the
left). Before any scrolling, each table's own figures are on the screen."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope

from ..factories import CentreFactory, VisitFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

SHOTS = Path("var/screenshots")
UTC = ZoneInfo("UTC")
WIDTH = 360


@pytest.mark.parametrize("language", ["en", "ar"])
def test_row_names_stay_in_view_while_the_figures_scroll(
    page: Page, live_server, coordinator, programme, centre, language
):
    """A programme's report sets its centres side by side: too wide for a phone."""
    second = CentreFactory(programme=programme, name="Irbid centre", code="IRB")
    for where in (centre, second):
        for day in range(1, 21):
            VisitFactory(centre=where, arrived_at=datetime(2026, 9, day, 9, tzinfo=UTC), people=3)
    report, _ = report_build(scope=Scope.for_programme(programme), period="2026-09")
    _open(
        page, live_server, coordinator, language, f"/programmes/{programme.pk}/reports/{report.pk}/"
    )
    frame = page.locator(".table-wrap.figures").first
    frame.scroll_into_view_if_needed()
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth"), "the table fits: nothing to test"
    label = frame.locator("tbody th").first
    before = label.bounding_box()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"report_unscrolled_{language}.png"))
    # To the far end: scrollLeft runs negative in a right-to-left frame.
    frame.evaluate(
        "f => { f.scrollLeft = getComputedStyle(f).direction === 'rtl'"
        " ? -f.scrollWidth : f.scrollWidth; }"
    )
    assert frame.evaluate("f => Math.abs(f.scrollLeft) > 0")
    after = label.bounding_box()
    page.screenshot(path=str(SHOTS / f"report_scrolled_{language}.png"))
    assert 0 <= after["x"] and after["x"] + after["width"] <= WIDTH
    assert after["x"] == pytest.approx(before["x"], abs=1)


@pytest.mark.parametrize("language", ["en", "ar", "bn"])
def test_each_tables_own_figures_are_on_a_phones_screen(
    page: Page, live_server, manager, centre, language
):
    """Before any scrolling, every table's first figure (the period's own) is on the
    screen beside its row name: the columns' headings, which name periods in words,
    wrap between words instead of widening the table (in Bengali, one-line headings
    pushed it off the screen in 23 of 26 tables). A week's heading is the longest."""
    for day in range(7, 14):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 9, day, 9, tzinfo=UTC), people=3)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-W37")
    _open(page, live_server, manager, language, f"/centres/{centre.pk}/reports/{report.pk}/")
    boxes = page.locator(".table-wrap.figures tbody tr:first-child td:first-of-type").evaluate_all(
        "cells => cells.map(c => { const r = c.getBoundingClientRect();"
        " return [c.closest('section, div[id]')?.id || '', r.left, r.right]; })"
    )
    assert len(boxes) > 10
    off = [table for table, left, right in boxes if left < 0 or right > WIDTH]
    assert not off, f"{len(off)} of {len(boxes)} tables show no figure of their own: {off}"


def _open(page: Page, live_server, user, language: str, path: str) -> None:
    """`path` as `user` sees it on a 360 px phone in `language`."""
    user.preferred_language = language
    user.save()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    _sign_in(page, live_server, user.email)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(live_server.url + path)
