"""On a 360 px Arabic page, an election's date ranges read right to left, each date with
its time on one line: a range breaks at its dash, never between a date and its time."""

import pytest
from playwright.sync_api import Page

from ..factories import MemberFactory
from .governance_world import governance_world
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

RANGES = """
[...document.querySelectorAll('dl.facts dd')]
  .map(dd => [...dd.querySelectorAll('bdi.when')].map(b => {
    // One box per direction run; the runs of one line share its top.
    const tops = new Set([...b.getClientRects()].map(r => Math.round(r.top)));
    const box = b.getBoundingClientRect();
    return {lines: tops.size, top: box.top, right: box.right, dir: b.dir};
  }))
  .filter(dates => dates.length)
"""
# The ranges (a start and an end); the state's single date ("Nominations open until …").
RANGES_ONLY = f"({RANGES}).filter(dates => dates.length === 2)"
SINGLE_DATES = f"({RANGES}).filter(dates => dates.length === 1)"


def test_an_elections_ranges_read_right_to_left_each_date_whole(
    page: Page, live_server, centre, cast
):
    election = governance_world(centre, cast, MemberFactory(centre=centre))["election"]
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    _sign_in(page, live_server, cast["committee_member"].email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/elections/{election.pk}/")
    ranges = page.evaluate(RANGES_ONLY)
    assert len(ranges) == 3  # nominations, voting, term
    assert all(date["lines"] == 1 for (date,) in page.evaluate(SINGLE_DATES))
    for start, end in ranges:
        assert start["lines"] == end["lines"] == 1
        assert start["dir"] == end["dir"] == "rtl"  # Arabic month names
        # The start is read first: above the end, or on its line to its right.
        assert start["top"] < end["top"] or start["right"] > end["right"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
