"""Attendance and walk-ins are what happened: they are marked once a session has
started (the start told in the centre's own time), never before and never for a
cancelled session. The action refuses it, not only the page."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.local_time import wall_clock, zone_of
from services.actions import attendance_mark, booking_create, walk_ins_set
from services.models import Booking, Session

from ..factories import MemberFactory, ServiceFactory, SessionFactory, booked_ahead


def _session(centre, starts_in: timedelta) -> Session:
    return SessionFactory(
        service=ServiceFactory(centre=centre, capacity=5), starts_at=timezone.now() + starts_in
    )


@pytest.fixture
def later(centre):
    return _session(centre, timedelta(hours=2))


@pytest.fixture
def running(centre):
    return _session(centre, -timedelta(minutes=10))


def _booking(session, centre) -> Booking:
    return booking_create(
        session=session, member=MemberFactory(centre=centre), by=None, at=booked_ahead(session)
    )


def test_the_action_refuses_attendance_before_the_start(centre, later, social_worker):
    booking = _booking(later, centre)
    with pytest.raises(ValidationError, match="once the session has started"):
        attendance_mark(booking=booking, attended=True, by=social_worker)
    with pytest.raises(ValidationError, match="once the session has started"):
        walk_ins_set(session=later, count=3, by=social_worker)
    booking.refresh_from_db()
    later.refresh_from_db()
    assert booking.attended is None and later.walk_ins == 0


def test_the_refusal_names_the_start_in_the_centre_time(centre, social_worker):
    """18:00 in Amman (UTC+3) is 15:00 UTC: the message says 18:00, whatever the
    server's zone."""
    day = timezone.localdate(timezone.now() + timedelta(days=2), centre.time_zone)
    starts = wall_clock(day, time(18, 0), zone_of(centre))
    session = SessionFactory(service=ServiceFactory(centre=centre), starts_at=starts)
    booking = _booking(session, centre)
    with pytest.raises(ValidationError) as refused:
        attendance_mark(booking=booking, attended=True, by=social_worker)
    assert "18:00" in refused.value.messages[0]


def test_attendance_is_marked_once_the_session_has_started(centre, running, social_worker):
    booking = _booking(running, centre)
    attendance_mark(booking=booking, attended=True, by=social_worker)
    walk_ins_set(session=running, count=2, by=social_worker)
    booking.refresh_from_db()
    running.refresh_from_db()
    assert booking.attended is True and running.walk_ins == 2


def test_a_cancelled_session_takes_no_attendance(centre, running, social_worker):
    booking = _booking(running, centre)
    running.cancelled_at = timezone.now()
    running.save()
    with pytest.raises(ValidationError, match="cancelled"):
        attendance_mark(booking=booking, attended=True, by=social_worker)
    with pytest.raises(ValidationError, match="cancelled"):
        walk_ins_set(session=running, count=2, by=social_worker)


def test_the_page_offers_attendance_only_after_the_start(client, centre, later, social_worker):
    booking = _booking(later, centre)
    client.force_login(social_worker)
    page = client.get(reverse("session_detail", args=[centre.pk, later.pk])).content.decode()
    assert reverse("attendance_mark", args=[centre.pk, later.pk, booking.pk]) not in page
    assert reverse("walk_ins_set", args=[centre.pk, later.pk]) not in page
    assert 'id="attendance-not-yet"' in page


def test_a_post_before_the_start_is_refused_with_a_message(client, centre, later, social_worker):
    booking = _booking(later, centre)
    client.force_login(social_worker)
    url = reverse("attendance_mark", args=[centre.pk, later.pk, booking.pk])
    response = client.post(url, {"attended": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Attendance can be marked once the session has started" in response.content.decode()
    response = client.post(
        reverse("walk_ins_set", args=[centre.pk, later.pk]), {"walk_ins": 4}, follow=True
    )
    assert "Attendance can be marked once the session has started" in response.content.decode()
    booking.refresh_from_db()
    later.refresh_from_db()
    assert booking.attended is None and later.walk_ins == 0


def test_a_started_session_takes_attendance_from_the_page(client, centre, running, social_worker):
    booking = _booking(running, centre)
    client.force_login(social_worker)
    page = client.get(reverse("session_detail", args=[centre.pk, running.pk])).content.decode()
    url = reverse("attendance_mark", args=[centre.pk, running.pk, booking.pk])
    assert url in page and 'id="attendance-not-yet"' not in page
    assert client.post(url, {"attended": "yes"}).status_code == 302
    client.post(url, {"attended": "yes"})  # a double tap: the same single fact
    booking.refresh_from_db()
    assert booking.attended is True
