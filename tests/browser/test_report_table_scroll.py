"""On a 360 px phone a report's table scrolls sideways in its frame, and its row names
stay in view: scrolled to its far end, the first column is still on the screen, in
English and in Arabic (where the table's far end is on the left)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope

from ..factories import VisitFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

SHOTS = Path("var/screenshots")
UTC = ZoneInfo("UTC")
WIDTH = 360


@pytest.mark.parametrize("language", ["en", "ar"])
def test_row_names_stay_in_view_while_the_figures_scroll(
    page: Page, live_server, manager, centre, language
):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 9, day, 9, tzinfo=UTC), people=3)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-09")
    manager.preferred_language = language
    manager.save()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    _sign_in(page, live_server, manager.email)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/centres/{centre.pk}/reports/{report.pk}/")
    frame = page.locator("#table-visits-total .table-wrap")
    frame.scroll_into_view_if_needed()
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth"), "the table fits: nothing to test"
    label = page.locator("#table-visits-total tbody th").first
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
