"""Every table wider than a 360 px phone scrolls in its frame with a shadow on the side
where more of it lies: the visit log's purposes in Arabic were cut off with no sign
that the table went on. Where the first column names the row, it stays in view."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

from .test_accessibility import _session_cookie

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("WC_SCREENSHOTS", "var/screenshots"))
SHADOW = "radial-gradient"


def _open(page: Page, live_server, user, url: str, language: str) -> None:
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        + _session_cookie("user", {"user": user}, live_server.url)
    )
    page.goto(live_server.url + url)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_visit_log_shows_that_it_scrolls(
    page: Page, live_server, social_worker, centre, language
):
    from centres.categories import ServiceCategory
    from members.actions import visit_log

    purposes = list(ServiceCategory.objects.filter(centre=None)[:4])
    from ..factories import MemberFactory

    for _ in range(3):
        member = MemberFactory(centre=centre)
        visit_log(centre=centre, by=social_worker, member=member, purposes=purposes)
    _open(page, live_server, social_worker, f"/centres/{centre.pk}/visits/", language)
    frame = page.locator("main .table-wrap").first
    frame.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"visit_log_{language}.png"))
    widths = frame.evaluate("f => [f.scrollWidth, f.clientWidth]")
    assert widths[0] > widths[1], f"the table fits ({widths}): nothing to test"
    assert SHADOW in frame.evaluate("f => getComputedStyle(f).backgroundImage")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_every_table_frame_draws_the_shadow(page: Page):
    """The stylesheet gives the shadow to every frame, not only to reports' figures."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "workercentre.css").read_text()
    page.set_content(
        f"<style>{css}</style><div class='table-wrap'><table><tr><td>x</td></tr></table></div>"
        "<div class='table-wrap row-names'><table><tr><th>a</th><td>b</td></tr></table></div>"
    )
    frames = page.locator(".table-wrap")
    for index in range(frames.count()):
        assert SHADOW in frames.nth(index).evaluate("f => getComputedStyle(f).backgroundImage")
    sticky = page.locator(".row-names th").evaluate("c => getComputedStyle(c).position")
    assert sticky == "sticky"
