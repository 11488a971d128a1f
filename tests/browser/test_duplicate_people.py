"""On a 360 px phone, in Arabic and in English, registering someone already registered
warns with their code and name, and "same person" logs their visit instead."""

import pytest
from playwright.sync_api import Page, expect

from members.models import Member, Visit

from ..factories import MemberFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_same_person_is_not_registered_twice(
    page: Page, live_server, social_worker, centre, language
):
    amina = MemberFactory(centre=centre, preferred_name="أمينة رحمن", phone="0795550101")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _sign_in(page, live_server, social_worker.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/members/new/")
    page.fill("#id_preferred_name", "Amina")
    page.fill("#id_phone", "٠٧٩٥٥٥٠١٠١")
    page.check("#id_safe_to_contact")  # a phone comes with consent to be contacted
    page.locator("main form.card button[type=submit]").click()

    warning = page.locator("main section.warning")
    expect(warning).to_contain_text(amina.code)
    expect(warning).to_contain_text("أمينة رحمن")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    warning.locator("button[name=same_person]").click()

    expect(page.locator("h1")).to_contain_text("أمينة رحمن")
    assert Member.objects.count() == 1
    assert Visit.objects.filter(member=amina).count() == 1
