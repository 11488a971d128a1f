"""Session pages and the calendar: the front desk sees exact bookings, attendance and
no-shows (everyone included); workers and the committee see only whether places are
left, so summing sessions cannot rebuild the released figures' hidden cells."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import Booking, BookingStatus

from ..factories import MemberFactory, ServiceFactory, SessionFactory

COUNTS = ['id="booked-count"', 'id="attended-count"', 'id="no-show-count"', 'id="waiting-count"']


def _session(centre, days):
    service = ServiceFactory(centre=centre, capacity=3)
    starts = timezone.now() + timedelta(days=days)
    session = SessionFactory(service=service, starts_at=starts)
    for n, attended in enumerate([True, False, None, None]):
        Booking.objects.create(
            session=session,
            member=MemberFactory(centre=centre, consents=("services",)),
            status=BookingStatus.BOOKED if n < 3 else BookingStatus.WAITING,
            attended=attended,
        )
    return session


def _page(client, centre, session):
    response = client.get(reverse("session_detail", args=[centre.pk, session.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["worker", "committee_member"])
def test_workers_and_committee_see_places_left_only(client, cast, centre, role):
    client.force_login(cast[role])
    upcoming = _page(client, centre, _session(centre, days=2))
    assert 'id="places-left"' in upcoming
    assert not any(count in upcoming for count in COUNTS)
    past = _page(client, centre, _session(centre, days=-2))
    assert not any(count in past for count in COUNTS)
    assert '<td id="places-left">—</td>' in past


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_the_front_desk_sees_exact_counts(client, cast, centre, role):
    client.force_login(cast[role])
    past = _page(client, centre, _session(centre, days=-2))
    assert '<td id="booked-count">3</td>' in past
    assert '<td id="no-show-count">1</td>' in past
    assert '<td id="attended-count">1</td>' in past


def test_the_calendar_shows_the_waiting_list_to_the_front_desk_only(
    client, worker, social_worker, centre
):
    session = _session(centre, days=1)
    week = timezone.localtime(session.starts_at).date().isoformat()
    url = reverse("calendar", args=[centre.pk]) + f"?week={week}"
    client.force_login(worker)
    assert "1 waiting" not in client.get(url).content.decode()
    client.force_login(social_worker)
    assert "1 waiting" in client.get(url).content.decode()
