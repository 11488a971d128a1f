"""A choice in a select reads in its own direction: on an Arabic page a long English
option (a booth, a category, a currency, a person) showed its end, cut at its start."""

import pytest
from playwright.sync_api import Page

from members.actions import booth_device_create

from ..factories import CommitteeFactory, MemberFactory, open_ballot
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

BOOTH = "Booth behind the curtain on the first floor, next to the stairs"

# For every select of the page: its text-overflow, and each option's value and
# unicode-bidi as the browser computes them.
SELECTS = """() => [...document.querySelectorAll('main select')].map(s => ({
    name: s.name,
    overflow: getComputedStyle(s).textOverflow,
    options: [...s.options].map(o => [o.value, getComputedStyle(o).unicodeBidi]),
}))"""


def _check_selects(page: Page) -> int:
    selects = page.evaluate(SELECTS)
    for select in selects:
        assert select["overflow"] == "ellipsis", select["name"]
        for value, bidi in select["options"]:
            # An empty choice ("---------") has no direction of its own: the page's.
            assert bidi == ("plaintext" if value else "normal"), (select["name"], value)
    return len(selects)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_option_reads_in_its_own_direction(
    page: Page, live_server, centre, manager, committee_member, language
):
    MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre))
    booth_device_create(centre=centre, label=BOOTH, by=manager)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _sign_in(page, live_server, committee_member.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/ballots/{ballot.pk}/polling/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("select[name=device] option:checked").inner_text() == BOOTH
    assert _check_selects(page) >= 1

    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/services/new/")
    assert _check_selects(page) >= 3  # category, staff, partner, currency
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
