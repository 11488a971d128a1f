"""A social worker takes a case from intake to remedy on a phone; a committee member
trying the case's address is told there is nothing there."""

import re

import pytest
from playwright.sync_api import Page, expect

from advocacy.models import Grievance
from services.models import ReferralPartner

from ..factories import MemberFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser


def test_case_from_intake_to_remedy(
    page: Page, live_server, social_worker, committee_member, centre
):
    member = MemberFactory(centre=centre, consents=("services", "referral", "statistics"))
    partner = ReferralPartner.objects.create(centre=centre, name="Legal aid clinic", kind="lawyer")
    _sign_in(page, live_server, social_worker.email)

    page.goto(f"{live_server.url}/centres/{centre.pk}/cases/new/")
    page.fill("#id_member", member.code)
    page.locator("input[name=issue_types][value=wages_withheld]").check()
    page.fill("#id_narrative", "My employer has not paid me for three months.")
    page.locator(f"input[name=assignees][value='{social_worker.pk}']").check()
    page.locator("#id_consent_given").check()
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("CASE-")
    case_url = page.url

    page.fill("#id_text", "Met her; she has payslips.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".notes")).to_contain_text("she has payslips")

    page.select_option("#id_to", "advice")
    page.locator("form[action$='/move/'] button").click()
    page.select_option("#id_partner", str(partner.pk))
    page.get_by_role("button", name="Refer").click()
    expect(page.locator("main")).to_contain_text("Legal aid clinic")

    page.select_option("#id_kind", "wages")
    page.fill("#id_amount", "450")
    page.select_option("#id_currency", "JOD")
    page.get_by_role("button", name="Record the remedy").click()
    page.select_option("#id_to", "resolved")
    page.select_option("#id_outcome", "favour")
    page.locator("form[action$='/move/'] button").click()
    expect(page.locator("h1")).to_contain_text("Resolved")
    expect(page.locator("main")).to_contain_text("450")

    case = Grievance.objects.get()
    assert (case.status, case.outcome) == ("resolved", "favour")
    assert case.referrals.get().consent_override == ""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.context.clear_cookies()
    _sign_in(page, live_server, committee_member.email)
    response = page.goto(case_url)
    assert response.status == 404
    expect(page.locator("h1")).to_have_text(re.compile("Not found"))
    expect(page.locator("main")).not_to_contain_text("three months")
