"""At the centre: a polling officer checks a member in on a phone, and the booth tablet
takes that member's one ballot; the officer then sees only that the member voted."""

import os

import pytest
from playwright.sync_api import Page, expect

from members.actions import booth_device_create
from members.models import BoothPass, Participation, Receipt, Vote

from ..devices import pair_in_browser
from ..factories import CommitteeFactory, MemberFactory, open_ballot
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

# Set to a folder to keep screenshots of the pages (for a person to look at).
SHOTS = os.environ.get("WC_SCREENSHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_officer_checks_a_member_in_and_the_booth_takes_one_ballot(
    page: Page, browser, live_server, committee_member, manager, centre, language
):
    voter = MemberFactory(centre=centre, preferred_name="Sita Rai")
    ballot = open_ballot(
        CommitteeFactory(centre=centre),
        options=("حضانة يوم الجمعة", "Legal clinic", "Evening English class"),
    )
    _device, code = booth_device_create(centre=centre, label="Booth 1", by=manager)
    cookie = [{"name": "django_language", "value": language, "url": live_server.url}]
    page.context.add_cookies(cookie)
    _sign_in(page, live_server, committee_member.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/ballots/{ballot.pk}/")
    page.locator(f"a[href$='/ballots/{ballot.pk}/polling/']").click()
    page.locator("input[name=code]").fill(voter.code)
    page.locator("main form button.primary").click()
    expect(page.locator(".messages")).to_contain_text("Booth 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, f"polling-{language}")

    tablet = browser.new_context(viewport={"width": 360, "height": 740})
    tablet.add_cookies(cookie)
    booth = tablet.new_page()
    pair_in_browser(booth, live_server.url, code, "booth")
    expect(booth.locator("h1")).to_contain_text(ballot.question)
    expect(booth.locator("main")).not_to_contain_text(voter.code)
    assert booth.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(booth, f"booth-{language}")
    booth.get_by_label("Legal clinic").check()
    sent = {
        "csrfmiddlewaretoken": booth.locator(
            "form.booth-vote [name=csrfmiddlewaretoken]"
        ).input_value(),
        "pass": booth.locator("form.booth-vote [name=pass]").input_value(),
        "choices": str(ballot.options.get(label="Legal clinic").pk),
    }
    booth.locator("form.booth-vote button[type=submit]").click()
    code = booth.locator(".receipt-code code").inner_text()
    assert Receipt.objects.filter(code=code).exists()
    _shot(booth, f"booth-receipt-{language}")
    # The same form sent again: the booth takes no second ballot.
    again = tablet.request.post(f"{live_server.url}/booth/", form=sent)
    assert again.ok and "booth-vote" not in again.text()
    booth.goto(f"{live_server.url}/booth/")
    expect(booth.locator("form.booth-vote")).to_have_count(0)
    tablet.close()

    assert Participation.objects.filter(member=voter, channel="booth").count() == 1
    assert Vote.objects.count() == Receipt.objects.count() == 1
    assert not BoothPass.objects.exists()
    page.reload()
    expect(page.locator("main")).to_contain_text(voter.code)
    expect(page.locator("main")).not_to_contain_text("Legal clinic")
    _shot(page, f"polling-voted-{language}")
