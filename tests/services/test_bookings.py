"""Booking a member by code, the waiting list, cancelling, attendance, and fees that
never block a booking."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.templatetags.bidi import isolated
from services.actions import booking_create
from services.models import Booking

from ..factories import MemberFactory, ServiceFactory, SessionFactory, booked_ahead

ROLES = ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]
NOT_FRONT_DESK = ["legal", "committee_member", "worker", "coordinator"]


@pytest.fixture
def session(centre):
    return SessionFactory(service=ServiceFactory(centre=centre, capacity=2))


@pytest.fixture
def running(centre):
    """A session under way: attendance can be marked."""
    return SessionFactory(
        service=ServiceFactory(centre=centre, capacity=2),
        starts_at=timezone.now() - timezone.timedelta(minutes=20),
    )


@pytest.fixture
def paying(centre):
    return SessionFactory(service=ServiceFactory(centre=centre, capacity=1, fee="2.50"))


@pytest.fixture
def member(centre):
    return MemberFactory(centre=centre)


def _book_url(session):
    return reverse("booking_create", args=[session.centre_id, session.pk])


def _url(view, booking):
    return reverse(view, args=[booking.session.centre_id, booking.session_id, booking.pk])


# --- Booking -----------------------------------------------------------------


def test_the_action_refuses_a_cancelled_session(session, member, social_worker):
    session.cancelled_at = timezone.now()
    session.save()
    with pytest.raises(ValidationError, match="cancelled"):
        booking_create(session=session, member=member, by=social_worker, at=booked_ahead(session))
    assert not Booking.objects.exists()


def test_the_action_refuses_an_erased_member(session, member, social_worker):
    member.erased_at = timezone.now()
    member.save()
    with pytest.raises(ValidationError, match="cannot be booked"):
        booking_create(session=session, member=member, by=social_worker, at=booked_ahead(session))
    assert not Booking.objects.exists()


def test_the_action_refuses_a_member_of_another_centre(session, other_centre, social_worker):
    elsewhere = MemberFactory(centre=other_centre)
    with pytest.raises(ValidationError, match="cannot be booked"):
        booking_create(
            session=session, member=elsewhere, by=social_worker, at=booked_ahead(session)
        )
    assert not Booking.objects.exists()


def test_front_desk_books_a_member_by_code(client, social_worker, centre, session, member):
    client.force_login(social_worker)
    response = client.post(_book_url(session), {"member": f" {member.code.lower()} "})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.session, booking.member, booking.status) == (session, member, "booked")
    assert booking.created_by == social_worker and booking.fee_status == "none"
    assert f"{isolated(member.code)} is booked." in client.get(response.url).content.decode()


def test_a_full_session_puts_the_member_on_the_waiting_list(client, social_worker, centre, session):
    client.force_login(social_worker)
    members = [MemberFactory(centre=centre) for _n in range(3)]
    for member in members:
        response = client.post(_book_url(session), {"member": member.code})
    assert [b.status for b in Booking.objects.order_by("pk")] == ["booked", "booked", "waiting"]
    page = client.get(response.url).content.decode()
    assert f"The session is full: {isolated(members[2].code)} is on the waiting list." in page


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("AMM-9999", "No member of this centre has the code \u2068AMM-9999\u2069."),
        ("", "This field is required"),
        ("X" * 101, "at most 100 characters"),
    ],
)
def test_a_bad_code_is_refused_and_nothing_saved(client, social_worker, session, code, message):
    client.force_login(social_worker)
    response = client.post(_book_url(session), {"member": code})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_a_member_of_another_centre_cannot_be_booked_here(
    client, social_worker, centre, other_centre, session
):
    elsewhere = MemberFactory(centre=other_centre)
    client.force_login(social_worker)
    response = client.post(_book_url(session), {"member": elsewhere.code})
    assert response.status_code == 200
    assert (
        f"No member of this centre has the code {isolated(elsewhere.code)}."
        in response.content.decode()
    )
    assert not Booking.objects.exists()


def test_an_erased_member_cannot_be_booked(client, social_worker, centre, session, member):
    from members.actions import member_erase

    member_erase(member=member, by=social_worker)
    client.force_login(social_worker)
    response = client.post(_book_url(session), {"member": member.code})
    assert "No member of this centre has the code" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_member_is_booked_once(client, social_worker, session, member):
    client.force_login(social_worker)
    client.post(_book_url(session), {"member": member.code})
    response = client.post(_book_url(session), {"member": member.code})
    assert response.status_code == 200
    assert "already booked or waiting for this session" in response.content.decode()
    assert Booking.objects.count() == 1


def test_a_cancelled_session_takes_no_booking(client, manager, session, member):
    client.force_login(manager)
    client.post(reverse("session_cancel", args=[session.centre_id, session.pk]), {"reason": "Ill"})
    response = client.post(_book_url(session), {"member": member.code})
    assert response.status_code == 200
    assert "This session is cancelled." in response.content.decode()
    assert not Booking.objects.exists()


# --- Fees --------------------------------------------------------------------


def test_a_fee_never_blocks_a_booking(client, social_worker, centre, paying):
    first, second = MemberFactory(centre=centre), MemberFactory(centre=centre)
    client.force_login(social_worker)
    client.post(_book_url(paying), {"member": first.code})
    client.post(_book_url(paying), {"member": second.code})
    booked, waiting = Booking.objects.order_by("pk")
    assert (booked.status, booked.fee_status) == ("booked", "due")
    assert (waiting.status, waiting.fee_status) == ("waiting", "due")


def test_a_waived_fee_is_recorded_with_its_reason(client, social_worker, paying, member):
    client.force_login(social_worker)
    client.post(
        _book_url(paying), {"member": member.code, "waiver_reason": " No wages this month "}
    )
    booking = Booking.objects.get()
    assert booking.status == "booked"
    assert (booking.fee_status, booking.waiver_reason) == ("waived", "No wages this month")
    page = client.get(reverse("session_detail", args=[paying.centre_id, paying.pk])).content
    assert "Waived (<bdi>No wages this month</bdi>)" in page.decode()


def test_the_waiver_is_offered_only_when_the_service_has_a_fee(
    client, social_worker, session, paying
):
    client.force_login(social_worker)
    free = client.get(reverse("session_detail", args=[session.centre_id, session.pk]))
    assert 'name="waiver_reason"' not in free.content.decode()
    paid = client.get(reverse("session_detail", args=[paying.centre_id, paying.pk]))
    assert 'name="waiver_reason"' in paid.content.decode()


def test_front_desk_marks_a_fee_paid_or_waived(client, social_worker, centre, paying):
    first = booking_create(
        session=paying, member=MemberFactory(centre=centre), by=None, at=booked_ahead(paying)
    )
    second = booking_create(
        session=paying, member=MemberFactory(centre=centre), by=None, at=booked_ahead(paying)
    )
    client.force_login(social_worker)
    response = client.post(_url("fee_settle", first), {"status": "paid"})
    assert response.status_code == 302
    response = client.post(_url("fee_settle", second), {"status": "waived", "reason": "Sick"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.fee_status == "paid"
    assert (second.fee_status, second.waiver_reason) == ("waived", "Sick")
    assert (
        f"Fee of {isolated(second.member.code)}: Waived."
        in client.get(response.url).content.decode()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "waived", "reason": "  "}, "Give the reason for the waiver."),
        ({"status": "due"}, "Select a valid choice"),
        ({"status": "paid", "reason": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_bad_fee_change_is_refused(client, social_worker, centre, paying, data, message):
    booking = booking_create(
        session=paying, member=MemberFactory(centre=centre), by=None, at=booked_ahead(paying)
    )
    client.force_login(social_worker)
    response = client.post(_url("fee_settle", booking), data)
    assert message in client.get(response.url).content.decode()
    booking.refresh_from_db()
    assert (booking.fee_status, booking.waiver_reason) == ("due", "")


def test_a_free_service_has_no_fee_to_settle(client, social_worker, session, member):
    booking = booking_create(session=session, member=member, by=None, at=booked_ahead(session))
    client.force_login(social_worker)
    response = client.post(_url("fee_settle", booking), {"status": "paid"})
    assert "This service has no fee." in client.get(response.url).content.decode()
    booking.refresh_from_db()
    assert booking.fee_status == "none"


# --- Cancelling and the waiting list -----------------------------------------


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list(
    client, social_worker, centre, session
):
    bookings = [
        booking_create(
            session=session, member=MemberFactory(centre=centre), by=None, at=booked_ahead(session)
        )
        for _n in range(4)
    ]
    assert [b.status for b in bookings] == ["booked", "booked", "waiting", "waiting"]
    client.force_login(social_worker)
    response = client.post(_url("booking_cancel", bookings[0]))
    assert response.status_code == 302
    for booking in bookings:
        booking.refresh_from_db()
    assert [b.status for b in bookings] == ["cancelled", "booked", "booked", "waiting"]
    page = client.get(response.url).content.decode()
    assert f"The booking of {isolated(bookings[0].member.code)} is cancelled." in page
    assert (
        f"{isolated(bookings[2].member.code)} moves up from the waiting list and now has a place."
        in page
    )


def test_leaving_the_waiting_list_promotes_nobody(client, social_worker, centre, session):
    bookings = [
        booking_create(
            session=session, member=MemberFactory(centre=centre), by=None, at=booked_ahead(session)
        )
        for _n in range(4)
    ]
    client.force_login(social_worker)
    response = client.post(_url("booking_cancel", bookings[2]))
    for booking in bookings:
        booking.refresh_from_db()
    assert [b.status for b in bookings] == ["booked", "booked", "cancelled", "waiting"]
    assert "moves up" not in client.get(response.url).content.decode()


def test_a_booking_is_cancelled_once(client, social_worker, session, member):
    booking = booking_create(session=session, member=member, by=None, at=booked_ahead(session))
    client.force_login(social_worker)
    client.post(_url("booking_cancel", booking))
    response = client.post(_url("booking_cancel", booking))
    assert "This booking is already cancelled." in client.get(response.url).content.decode()


# --- Attendance --------------------------------------------------------------


def test_front_desk_marks_attended_and_missed(client, social_worker, centre, running):
    session = running
    came = booking_create(
        session=session, member=MemberFactory(centre=centre), by=None, at=booked_ahead(session)
    )
    missed = booking_create(
        session=session, member=MemberFactory(centre=centre), by=None, at=booked_ahead(session)
    )
    client.force_login(social_worker)
    assert client.post(_url("attendance_mark", came), {"attended": "yes"}).status_code == 302
    response = client.post(_url("attendance_mark", missed), {"attended": "no"})
    came.refresh_from_db()
    missed.refresh_from_db()
    assert came.attended is True and missed.attended is False
    page = client.get(response.url).content.decode()
    assert '<td id="attended-count">1</td>' in page
    assert f"{isolated(missed.member.code)} did not come." in page


def test_bad_attendance_is_refused(client, social_worker, centre, running):
    session = running
    booked = booking_create(
        session=session, member=MemberFactory(centre=centre), by=None, at=booked_ahead(session)
    )
    client.force_login(social_worker)
    response = client.post(_url("attendance_mark", booked), {"attended": "maybe"})
    assert "Choose attended or missed." in client.get(response.url).content.decode()
    booked.refresh_from_db()
    assert booked.attended is None
    for _n in range(2):
        waiting = booking_create(
            session=session, member=MemberFactory(centre=centre), by=None, at=booked_ahead(session)
        )
    assert waiting.status == "waiting"
    response = client.post(_url("attendance_mark", waiting), {"attended": "yes"})
    page = client.get(response.url).content.decode()
    assert "Only a booked place can be marked as attended or missed." in page
    waiting.refresh_from_db()
    assert waiting.attended is None


# --- Who may, where, and how -------------------------------------------------


BOOKING_VIEWS = [
    ("booking_cancel", {}),
    ("attendance_mark", {"attended": "yes"}),
    ("fee_settle", {"status": "paid"}),
]


@pytest.mark.parametrize("role", NOT_FRONT_DESK)
def test_only_the_front_desk_books_and_marks(client, cast, centre, paying, role):
    booking = booking_create(
        session=paying, member=MemberFactory(centre=centre), by=None, at=booked_ahead(paying)
    )
    other = MemberFactory(centre=centre)
    client.force_login(cast[role])
    assert client.post(_book_url(paying), {"member": other.code}).status_code == 403
    for view, data in BOOKING_VIEWS:
        assert client.post(_url(view, booking), data).status_code == 403
    assert Booking.objects.count() == 1
    booking.refresh_from_db()
    assert (booking.status, booking.attended, booking.fee_status) == ("booked", None, "due")


@pytest.mark.parametrize("role", ROLES)
def test_another_centres_bookings_are_not_found(client, cast, other_centre, role):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre, fee=1))
    booking = booking_create(
        session=theirs, member=MemberFactory(centre=other_centre), by=None, at=booked_ahead(theirs)
    )
    other = MemberFactory(centre=other_centre)
    client.force_login(cast[role])
    assert client.post(_book_url(theirs), {"member": other.code}).status_code == 404
    for view, data in BOOKING_VIEWS:
        assert client.post(_url(view, booking), data).status_code == 404
    assert Booking.objects.count() == 1
    booking.refresh_from_db()
    assert (booking.status, booking.attended, booking.fee_status) == ("booked", None, "due")


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_another_centres_session_or_booking_through_this_centre_is_not_found(
    client, cast, centre, other_centre, session, role
):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre, fee=1))
    booking = booking_create(
        session=theirs, member=MemberFactory(centre=other_centre), by=None, at=booked_ahead(theirs)
    )
    mine = MemberFactory(centre=centre)
    client.force_login(cast[role])
    book_theirs = reverse("booking_create", args=[centre.pk, theirs.pk])
    assert client.post(book_theirs, {"member": mine.code}).status_code == 404
    for view, data in BOOKING_VIEWS:
        # Their session through this centre, and their booking through one of our sessions.
        url = reverse(view, args=[centre.pk, theirs.pk, booking.pk])
        assert client.post(url, data).status_code == 404
        url = reverse(view, args=[centre.pk, session.pk, booking.pk])
        assert client.post(url, data).status_code == 404
    assert Booking.objects.count() == 1
    booking.refresh_from_db()
    assert (booking.status, booking.attended, booking.fee_status) == ("booked", None, "due")


def test_a_booking_belongs_to_its_own_session(client, social_worker, centre, session, member):
    elsewhere = SessionFactory(service=ServiceFactory(centre=centre))
    booking = booking_create(session=elsewhere, member=member, by=None, at=booked_ahead(elsewhere))
    client.force_login(social_worker)
    url = reverse("booking_cancel", args=[centre.pk, session.pk, booking.pk])
    assert client.post(url).status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_booking_changes_need_post(client, social_worker, session, member):
    booking = booking_create(session=session, member=member, by=None, at=booked_ahead(session))
    client.force_login(social_worker)
    assert client.get(_book_url(session)).status_code == 405
    for view, _data in BOOKING_VIEWS:
        assert client.get(_url(view, booking)).status_code == 405
