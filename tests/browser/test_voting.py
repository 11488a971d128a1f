"""On a 360 px phone in Arabic, a worker votes in a priority ballot, keeps the receipt,
and after the close finds it in the published list of counted receipts."""

import pytest
from playwright.sync_api import Page, expect

from members.models import Participation, Receipt, Vote

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["ar", "en"])
def test_worker_votes_on_a_phone_and_checks_the_receipt(
    page: Page, live_server, worker, centre, language
):
    member = MemberFactory(centre=centre, preferred_name="Sita Rai")
    member.account = worker
    member.save()
    ballot = open_ballot(
        CommitteeFactory(centre=centre),
        options=("حضانة يوم الجمعة", "Legal clinic", "Evening English class"),
    )
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _sign_in(page, live_server, worker.email)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    page.goto(f"{live_server.url}/centres/{centre.pk}/governance/")
    page.locator(f"a[href='/centres/{centre.pk}/ballots/{ballot.pk}/vote/']").first.click()
    # The click starts a navigation: measure the voting page once it has loaded.
    page.wait_for_url(f"**/centres/{centre.pk}/ballots/{ballot.pk}/vote/")
    expect(page.locator("form.vote")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("حضانة يوم الجمعة").check()
    page.get_by_label("Legal clinic").check()
    page.locator("form.vote button[type=submit]").click()

    code = page.locator(".receipt-code code").inner_text()
    assert Receipt.objects.filter(code=code).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Participation.objects.count() == Vote.objects.count() == 1

    close_voting(ballot=ballot, by=None)
    page.goto(f"{live_server.url}/centres/{centre.pk}/ballots/{ballot.pk}/")
    page.locator(f"a[href='/centres/{centre.pk}/ballots/{ballot.pk}/receipts/']").click()
    expect(page.locator(".receipt-list")).to_contain_text(code)
