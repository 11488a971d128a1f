"""On a 360 px phone, a social worker logs a head-count and an identified visit,
and both show on the dashboard; the same in Arabic."""

import pytest
from playwright.sync_api import Page, expect

from ..factories import MemberFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "ar"])
def test_social_worker_logs_visits_on_a_phone(
    page: Page, live_server, social_worker, centre, language
):
    member = MemberFactory(centre=centre)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _sign_in(page, live_server, social_worker.email)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    page.goto(f"{live_server.url}/centres/{centre.pk}/visits/headcount/")
    page.fill("#id_count_woman", "4")
    page.fill("#id_count_man", "2")
    page.locator("input[name=purposes]").first.check()
    page.locator("main button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("6")

    page.goto(f"{live_server.url}/centres/{centre.pk}/visits/new/")
    page.fill("#id_member", member.code)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(member.code)

    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(f"{live_server.url}/centres/{centre.pk}/dashboard/")
    figures = page.locator("dl.figures dd")
    expect(figures.nth(0)).to_have_text("7")
    expect(figures.nth(1)).to_have_text("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
