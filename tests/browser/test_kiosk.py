"""The manager sets up a kiosk; staff pair the entrance tablet with its code (no address
carries it); a group of three checks in with one tap."""

import os

import pytest
from playwright.sync_api import Page, expect

from members.models import Visit

from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

# Set to a folder to keep screenshots of the pages (for a person to look at).
SHOTS = os.environ.get("WC_SCREENSHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pairing_a_kiosk_and_checking_a_group_in(
    page: Page, browser, live_server, manager, centre, language
):
    cookie = [{"name": "django_language", "value": language, "url": live_server.url}]
    page.context.add_cookies(cookie)
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/kiosks/")
    page.locator("input[name=label]").fill("Front door")
    page.locator("main form.card button[type=submit]").click()
    code = page.locator("code.pairing-code").inner_text()
    expect(page.locator(".notice")).to_contain_text("/kiosk/pair/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, f"kiosk-code-{language}")

    tablet = browser.new_context(viewport={"width": 360, "height": 740})
    tablet.add_cookies(cookie)
    kiosk = tablet.new_page()
    seen = []
    kiosk.on("request", lambda request: seen.append(request.url))
    response = kiosk.goto(f"{live_server.url}/kiosk/")
    assert response.status == 404  # not paired yet: it says how to pair
    kiosk.locator("main a[href='/kiosk/pair/']").click()
    kiosk.locator("input[name=code]").fill(code.lower())
    assert kiosk.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(kiosk, f"kiosk-pair-{language}")
    kiosk.locator("main form button[type=submit]").click()
    expect(kiosk).to_have_url(f"{live_server.url}/kiosk/")
    cookies = {c["name"]: c for c in tablet.cookies()}
    assert cookies["wc_kiosk"]["httpOnly"] and cookies["wc_kiosk"]["sameSite"] == "Strict"

    kiosk.locator("label[for=id_people_2]").click()  # three of us
    expect(kiosk.locator("#id_people_2")).to_be_checked()
    box = kiosk.locator("label[for=id_people_2]").bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # a large target for a finger
    assert kiosk.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(kiosk, f"kiosk-group-{language}")
    kiosk.locator("main form button.big[type=submit]").click()
    expect(kiosk.locator(".messages")).to_be_visible()
    _shot(kiosk, f"kiosk-checked-in-{language}")
    tablet.close()

    visit = Visit.objects.get()
    assert visit.people == 3 and visit.member is None and visit.channel == "kiosk"
    compact = code.replace(" ", "")
    assert not [url for url in seen if compact.lower() in url.lower()]
