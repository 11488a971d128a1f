"""In Arabic, on a 360 px phone, a social worker registers a member whose phone is typed
with Arabic-Indic digits and finds them again by the same number in ASCII, and back."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

ARABIC_PHONE = "+٩٦٢ ٧٩ ٥٥٥ ٠١٠١"


def test_register_with_arabic_digits_and_find_again(page: Page, live_server, social_worker, centre):
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    _sign_in(page, live_server, social_worker.email)

    page.goto(f"{live_server.url}/centres/{centre.pk}/members/new/")
    page.fill("#id_preferred_name", "أمينة")
    page.fill("#id_phone", ARABIC_PHONE)
    page.check("#id_safe_to_contact")
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("أمينة")
    # The number reads left to right inside the Arabic page.
    expect(page.locator('bdi[dir="ltr"]', has_text=re.compile("555|٥٥٥"))).to_be_visible()

    for query in ("0795550101", "٠٧٩٥٥٥٠١٠١", "امينه"):
        page.goto(f"{live_server.url}/centres/{centre.pk}/members/")
        page.fill("input[name=q]", query)
        page.locator("main form button[type=submit]").first.click()
        expect(page.locator("main table")).to_contain_text("أمينة")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
