"""On a 360 px phone, a social worker opens the week, opens a session that has
started (booked ahead, so no longer offered for booking) and marks the attendance;
the session page and the dashboard's service use count it. The same in Arabic."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from centres import local_time
from services.actions import booking_create

from ..factories import MemberFactory, ServiceFactory, SessionFactory, centre_today
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "ar"])
def test_social_worker_books_and_marks_attendance_on_a_phone(
    page: Page, live_server, social_worker, centre, language
):
    member = MemberFactory(centre=centre, preferred_name="Sita Rai")
    service = ServiceFactory(centre=centre, name="Arabic for beginners", capacity=8)
    # Started a minute ago (or at midnight): in this week's calendar, and already held,
    # so it counts on the dashboard.
    midnight = local_time.day_start(centre_today(centre), local_time.zone_of(centre))
    session = SessionFactory(
        service=service, starts_at=max(midnight, timezone.now() - timedelta(minutes=1))
    )
    booking_create(
        session=session, member=member, by=social_worker, at=session.starts_at - timedelta(hours=1)
    )
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _sign_in(page, live_server, social_worker.email)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    use = page.locator("section[aria-labelledby=service-use] tbody tr").first.locator("td")
    page.goto(f"{live_server.url}/centres/{centre.pk}/calendar/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator(f"a[href='/centres/{centre.pk}/sessions/{session.pk}/']").click()
    expect(page.locator("h1")).to_have_text("Arabic for beginners")
    expect(page.locator("#booked-count")).to_have_text("1")
    expect(page.locator("main article").first).to_contain_text(f"{member.code} · Sita Rai")
    # Under way: booking is over, attendance is open.
    expect(page.locator(f"form[action$='/sessions/{session.pk}/book/']")).to_have_count(0)

    page.locator("form[action$='/attendance/'] button[value=yes]").click()
    expect(page.locator(".messages")).to_contain_text(member.code)
    expect(page.locator("#attended-count")).to_have_text("1")
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(f"{live_server.url}/centres/{centre.pk}/dashboard/")
    expect(use.nth(2)).to_have_text("1")  # booked
    expect(use.nth(3)).to_have_text("1")  # booked and came
