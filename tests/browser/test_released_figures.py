"""On a 360 px phone, a committee member reads the released figures of last month, in
English and in Arabic: nothing wider than the screen, hidden cells marked."""

from datetime import datetime, time

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from advocacy.statistics.labels import period_name
from advocacy.statistics.periods import Period, centre_zone
from centres import local_time

from ..factories import VisitFactory
from ..releases import released_for
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "ar"])
def test_committee_reads_last_months_figures_on_a_phone(
    page: Page, live_server, committee_member, centre, language
):
    month = Period.containing("month", local_time.today(centre)).previous()
    zone = centre_zone(centre)
    for day in month.days()[:15]:
        VisitFactory(centre=centre, people=6, arrived_at=datetime.combine(day, time(10), zone))
    VisitFactory(centre=centre, arrived_at=datetime.combine(month.first, time(3), zone))
    released_for(centre, month)  # as the hourly schedule has, by now
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _sign_in(page, live_server, committee_member.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/figures/")
    expect(page.locator("#people-total")).to_have_text("91")
    with translation.override(language):
        expect(page.locator("h1")).to_contain_text(period_name(month))  # "March 2026"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
