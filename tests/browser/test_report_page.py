"""The committee reads a feedback report on a 360 px phone, in English and Arabic, and
downloads its PDF, which renders the Arabic centre name."""

import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope

from ..factories import MemberFactory, VisitFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

SHOTS = Path("var/screenshots")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_committee_reads_a_report_and_its_pdf(
    page: Page, live_server, committee_member, centre, language
):
    centre.name = "مركز عمان للعمال Amman"
    centre.save()
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 9, day, 9, tzinfo=UTC), people=3)
        VisitFactory(centre=centre, arrived_at=datetime(2026, 9, day, 15, tzinfo=UTC), gender="man")
    member = MemberFactory(centre=centre)
    for day in range(1, 8):
        VisitFactory(
            centre=centre, member=member, arrived_at=datetime(2026, 9, day, 11, tzinfo=UTC)
        )
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-09")
    committee_member.preferred_language = language
    committee_member.save()
    page.set_viewport_size({"width": 360, "height": 800})
    _sign_in(page, live_server, committee_member.email)
    url = f"{live_server.url}/centres/{centre.pk}/reports/{report.pk}/"
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("#table-visits-total")).to_contain_text("87")
    expect(page.locator("svg.row-chart").first).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"report_{language}.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf = SHOTS / f"report_{language}.pdf"
    download.value.save_as(pdf)
    subprocess.run(  # noqa: S603
        ["/usr/bin/pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
         str(SHOTS / f"report_{language}_pdf")],
        check=True,
    )  # fmt: skip
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "مركز عمان للعمال" in text.replace("\u202b", "").replace("\u202c", "")
