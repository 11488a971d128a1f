"""A manager cites released figures, sends a recommendation and downloads its letter."""

import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from advocacy import actions as case_actions
from advocacy.models import EvidenceSnapshot, Grievance
from advocacy.recommendations.actions import recommendation_draft

from ..factories import MemberFactory
from ..releases import released_for
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

SHOTS = "var/screenshots"


def test_a_manager_sends_a_recommendation_and_downloads_the_letter(
    page: Page, live_server, manager, social_worker, centre
):
    centre.address = "12 Rainbow Street, Amman"
    centre.intermediary_name = "Tamkeen Fields for Aid"
    centre.save()
    for _ in range(7):
        case = case_actions.grievance_open(
            consent_given=True,
            centre=centre, by=social_worker, member=MemberFactory(centre=centre),
            narrative="kept my passport", issue_types=["documents", "wage_theft"],
            assignees=[social_worker],
        )  # fmt: skip
        Grievance.objects.filter(pk=case.pk).update(
            opened_at=datetime(2026, 9, 8, 11, tzinfo=ZoneInfo("UTC"))
        )
    draft = recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="End the retention of workers' passports",
        addressee_kind="labour_office",
        addressee_name="Directorate of Labour Inspection, Amman",
        deficits=["documents", "wages"],
        text="Workers who came to the centre report that recruitment agencies keep their "
        "passports and withhold wages. We ask the inspectorate to inspect the agencies "
        "and to publish what it finds.",
    )
    released_for(centre, "2026-09")  # as the hourly schedule has, by now
    _sign_in(page, live_server, manager.email)
    base = f"{live_server.url}/centres/{centre.pk}/recommendations/{draft.pk}/"
    page.goto(base + "evidence/?period=2026-09")
    page.get_by_label("Grievance cases by issue type: Retention of identity documents").check()
    page.get_by_label("Grievance cases by issue type: Wage theft").check()
    page.get_by_role("button", name="Cite these figures").click()
    expect(page.locator(".messages")).to_contain_text("Figures cited")
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.locator(".messages")).to_contain_text("evidence is now frozen")
    expect(page.locator("main")).to_contain_text("The hash verifies")
    page.screenshot(path=f"{SHOTS}/recommendation_sent.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    path = f"{SHOTS}/letter.pdf"
    download.value.save_as(path)
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    subprocess.run(  # noqa: S603
        ["/usr/bin/pdftoppm", "-png", "-r", "70", "-singlefile", path, f"{SHOTS}/letter"],
        check=True,
    )
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    assert EvidenceSnapshot.objects.get().content_hash in text.replace("\n", "")
    assert "Directorate of Labour Inspection" in text
