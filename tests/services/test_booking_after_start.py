"""A place is booked ahead: a session that has started or is over is refused by the
action itself, for the worker booking themselves and for staff, with a clear message
and nothing saved; the page no longer offers it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from services.actions import booking_create
from services.models import Booking

from ..factories import MemberFactory, ServiceFactory, SessionFactory

REFUSAL = "it can no longer be booked"


def _session(centre, starts_in):
    return SessionFactory(
        service=ServiceFactory(centre=centre, capacity=1), starts_at=timezone.now() + starts_in
    )


@pytest.fixture
def me(centre, worker):
    member = MemberFactory(centre=centre)
    member.account = worker
    member.save()
    return member


STARTED = {"over": timedelta(days=-10), "under way": timedelta(minutes=-5)}


@pytest.mark.parametrize("starts_in", STARTED.values(), ids=STARTED.keys())
def test_a_worker_cannot_book_a_session_that_has_started(client, worker, me, centre, starts_in):
    session = _session(centre, starts_in)
    client.force_login(worker)
    page = client.get(reverse("session_detail", args=[centre.pk, session.pk])).content.decode()
    assert "Book me" not in page
    response = client.post(reverse("book_me", args=[centre.pk, session.pk]), follow=True)

    assert REFUSAL in response.content.decode()
    assert "waiting list" not in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize("starts_in", STARTED.values(), ids=STARTED.keys())
def test_staff_cannot_book_a_session_that_has_started(client, social_worker, centre, starts_in):
    session = _session(centre, starts_in)
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    url = reverse("session_detail", args=[centre.pk, session.pk])
    assert "id_member" not in client.get(url).content.decode()
    response = client.post(
        reverse("booking_create", args=[centre.pk, session.pk]), {"member": member.code}
    )

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Booking.objects.exists()


def test_the_action_refuses_at_the_start_and_books_just_before(centre, social_worker):
    # Just begun, so that both instants are in the past: a booking is never dated later
    # than now (`centres.dates.check_happened`).
    session = _session(centre, timedelta(minutes=-1))
    member = MemberFactory(centre=centre)
    with pytest.raises(ValidationError, match=REFUSAL):
        booking_create(session=session, member=member, by=social_worker, at=session.starts_at)
    assert not Booking.objects.exists()
    just_before = session.starts_at - timedelta(seconds=1)
    booking = booking_create(session=session, member=member, by=social_worker, at=just_before)
    assert booking.status == "booked"
