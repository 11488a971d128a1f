"""On a 360 px phone, the committee ends a ballot's voting early: the page asks first,
wants a reason, and the ballot then says it ended early; staff see when it can be
counted. A rebuild that never comes ends with "ask again"."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from advocacy.reports import views as report_views
from advocacy.reports.actions import report_build
from advocacy.reports.pending import GIVE_UP_AFTER, SESSION_KEY
from advocacy.reports.scope import Scope
from members.models import Ballot

from ..factories import CommitteeFactory, VisitFactory, open_ballot
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

SHOTS = "var/screenshots"


def _language(page: Page, live_server, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_committee_ends_voting_early_on_a_phone(
    page: Page, live_server, committee_member, social_worker, centre, language
):
    ballot = open_ballot(CommitteeFactory(centre=centre))
    detail = f"{live_server.url}/centres/{centre.pk}/ballots/{ballot.pk}/"
    close = f"/centres/{centre.pk}/ballots/{ballot.pk}/close/"
    _language(page, live_server, language)

    _sign_in(page, live_server, social_worker.email)
    page.goto(detail)
    expect(page.locator(f"a[href='{close}']")).to_have_count(0)
    page.screenshot(path=f"{SHOTS}/ballot_open_staff_{language}.png", full_page=True)
    _fits(page)
    page.context.clear_cookies()
    _language(page, live_server, language)

    _sign_in(page, live_server, committee_member.email)
    page.goto(detail)
    page.locator(f"a[href='{close}']").click()
    expect(page.locator("textarea[name=reason]")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/ballot_close_early_{language}.png", full_page=True)
    _fits(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()  # no reason: nothing done
    page.screenshot(path=f"{SHOTS}/ballot_close_no_reason_{language}.png", full_page=True)
    assert Ballot.objects.get(pk=ballot.pk).status == "open"
    page.locator("textarea[name=reason]").fill("المركز مغلق للعيد من يوم الخميس")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("المركز مغلق للعيد")
    page.screenshot(path=f"{SHOTS}/ballot_closed_early_{language}.png", full_page=True)
    _fits(page)
    assert Ballot.objects.get(pk=ballot.pk).status == "closed"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_lost_rebuild_asks_to_try_again_on_a_phone(
    page: Page, live_server, manager, centre, language, monkeypatch
):
    utc = ZoneInfo("UTC")
    for day in range(9, 16):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=utc), people=3)
    report, _built = report_build(scope=Scope.for_centre(centre), period="2026-W11")
    monkeypatch.setattr(report_views, "enqueue_on_commit", lambda *args, **kwargs: None)
    _language(page, live_server, language)
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/reports/{report.pk}/")
    page.locator("form.rebuild button[type=submit]").click()
    expect(page.locator("main p[role=status]")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/report_being_built_{language}.png", full_page=True)
    _fits(page)

    from django.contrib.sessions.models import Session

    for stored in Session.objects.all():
        data = stored.get_decoded()
        for entry in data.get(SESSION_KEY, []):
            at = datetime.fromisoformat(entry["at"]) - GIVE_UP_AFTER - timedelta(minutes=1)
            entry["at"] = at.isoformat()
        Session.objects.filter(pk=stored.pk).update(session_data=Session.objects.encode(data))
    page.reload()
    expect(page.locator("main p[role=alert]")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/report_not_built_{language}.png", full_page=True)
    _fits(page)
