"""Members with an account book themselves and ask for services themselves."""

import pytest
from django.urls import reverse

from services.models import Booking, ServiceRequest

from ..factories import MemberFactory, ServiceFactory, SessionFactory


@pytest.fixture
def me(centre, worker):
    member = MemberFactory(centre=centre)
    member.account = worker
    member.save()
    return member


@pytest.fixture
def session(centre):
    return SessionFactory(service=ServiceFactory(centre=centre, capacity=1))


def test_a_member_books_and_cancels_themselves(client, worker, me, centre, session):
    client.force_login(worker)
    page = client.get(reverse("session_detail", args=[centre.pk, session.pk])).content.decode()
    assert "Book me" in page
    response = client.post(reverse("book_me", args=[centre.pk, session.pk]), follow=True)
    assert "You are booked" in response.content.decode()
    booking = Booking.objects.get(member=me)
    assert booking.status == "booked" and booking.created_by == worker
    client.post(reverse("unbook_me", args=[centre.pk, session.pk]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_a_full_session_puts_the_member_on_the_waiting_list(client, worker, me, centre, session):
    from services.actions import booking_create

    booking_create(session=session, member=MemberFactory(centre=centre), by=None)
    client.force_login(worker)
    response = client.post(reverse("book_me", args=[centre.pk, session.pk]), follow=True)
    assert "waiting list" in response.content.decode()
    assert Booking.objects.get(member=me).status == "waiting"


def test_an_account_without_a_member_record_books_nothing(client, worker, centre, session):
    client.force_login(worker)
    response = client.post(reverse("book_me", args=[centre.pk, session.pk]), follow=True)
    assert "not linked to a member record" in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize("role", ["social_worker", "committee_member", "coordinator"])
def test_only_worker_members_book_themselves(client, cast, centre, session, role):
    client.force_login(cast[role])
    assert client.post(reverse("book_me", args=[centre.pk, session.pk])).status_code in (403, 404)
    assert not Booking.objects.exists()


def test_self_booking_scoping_and_method(client, worker, me, centre, other_centre):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre))
    client.force_login(worker)
    assert client.post(reverse("book_me", args=[other_centre.pk, theirs.pk])).status_code == 404
    assert client.post(reverse("book_me", args=[centre.pk, theirs.pk])).status_code == 404
    session = SessionFactory(service=ServiceFactory(centre=centre))
    assert client.get(reverse("book_me", args=[centre.pk, session.pk])).status_code == 405
    # Nothing to cancel: the page says so (a stale page or a second tap), never an error.
    response = client.post(reverse("unbook_me", args=[centre.pk, session.pk]), follow=True)
    assert "You have no booking for this session." in response.content.decode()
    assert not Booking.objects.exists()


def test_a_member_asks_for_a_service_anonymously_by_default(client, worker, me, centre):
    client.force_login(worker)
    url = reverse("my_request_new", args=[centre.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"wish": "An evening English class", "anonymous": "on"})
    client.post(url, {"wish": "A laundry"})
    anonymous, named = ServiceRequest.objects.order_by("created_at")
    assert anonymous.member is None and anonymous.created_by is None and anonymous.channel == "self"
    assert named.member == me


def test_my_request_bad_input_roles_scoping(client, cast, centre, other_centre):
    client.force_login(cast["worker"])
    url = reverse("my_request_new", args=[centre.pk])
    response = client.post(url, {"wish": ""})
    assert "This field is required" in response.content.decode()
    assert client.put(url).status_code == 405
    assert client.get(reverse("my_request_new", args=[other_centre.pk])).status_code == 404
    for role in ["social_worker", "committee_member", "coordinator"]:
        client.force_login(cast[role])
        assert client.post(url, {"wish": "x"}).status_code == 403
    assert not ServiceRequest.objects.exists()


def test_a_double_tap_on_cancel_my_booking_gets_the_page(client, worker, me, centre, session):
    from services.actions import booking_create

    booking_create(session=session, member=me, by=worker)
    client.force_login(worker)
    url = reverse("unbook_me", args=[centre.pk, session.pk])
    first = client.post(url)
    second = client.post(url, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "You have no booking for this session." in second.content.decode()
    assert Booking.objects.get(member=me).status == "cancelled"


def test_own_member_is_the_linked_record_of_this_centre_only_and_never_erased(
    centre, other_centre, worker, me
):
    from django.utils import timezone

    from centres.models import Role
    from members.selectors import own_member

    from ..factories import CentreRoleFactory

    assert own_member(worker, centre) == me
    # Holding a role in another centre does not make this record theirs there.
    CentreRoleFactory(centre=other_centre, user=worker, role=Role.WORKER_MEMBER)
    assert own_member(worker, other_centre) is None
    # An erased record is nobody's, even while an account still points at it.
    me.erased_at = timezone.now()
    me.save()
    assert own_member(type(worker).objects.get(pk=worker.pk), centre) is None
