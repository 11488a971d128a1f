"""The week calendar and a session's page: what everyone sees, what only the front
desk sees, walk-ins and cancelling a session."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from services.actions import attendance_mark, booking_create
from services.models import Booking, Session

from ..factories import MemberFactory, ServiceFactory, SessionFactory, booked_ahead

ROLES = ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]


AMMAN = ZoneInfo("Asia/Amman")  # the `centre` fixture's zone


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMMAN)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@pytest.fixture
def monday():
    return _monday(timezone.localdate(timezone.now(), AMMAN))


def _started():
    """Attendance is marked once a session has started: one under way."""
    return timezone.now() - timedelta(minutes=20)


@pytest.fixture
def session(centre):
    return SessionFactory(service=ServiceFactory(centre=centre, name="Arabic for beginners"))


# --- The calendar ------------------------------------------------------------


def test_week_lists_each_days_sessions_with_places(client, worker, centre, other_centre, monday):
    # Next week, so that every session is still to come whatever the time of day.
    monday += timedelta(days=7)
    arabic = ServiceFactory(centre=centre, name="Arabic for beginners", capacity=3)
    SessionFactory(service=arabic, starts_at=_at(monday, 10))
    full = SessionFactory(service=arabic, starts_at=_at(monday + timedelta(days=2), 18, 30))
    for _n in range(4):
        booking_create(
            session=full, member=MemberFactory(centre=centre), by=None, at=booked_ahead(full)
        )
    off = SessionFactory(service=arabic, starts_at=_at(monday + timedelta(days=4), 9))
    off.cancelled_at, off.cancel_reason = timezone.now(), "Teacher ill"
    off.save()
    SessionFactory(service=arabic, starts_at=_at(monday + timedelta(days=7), 10))  # next week
    SessionFactory(service=ServiceFactory(centre=other_centre, name="Karaoke night"))

    client.force_login(worker)
    response = client.get(reverse("calendar", args=[centre.pk]), {"week": monday.isoformat()})
    assert response.status_code == 200
    page = response.content.decode()
    days = response.context["days"]
    assert [day for day, _sessions in days] == [monday + timedelta(days=n) for n in range(7)]
    assert [len(sessions) for _day, sessions in days] == [1, 0, 1, 0, 1, 0, 0]
    assert "10:00–11:00" in page and "18:30–19:30" in page
    assert "Language, acculturation and information" in page
    assert "3 places left" in page
    assert "Full — waiting list" in page
    assert "Cancelled" in page and "Teacher ill" in page
    assert "Karaoke night" not in page
    assert page.count("Arabic for beginners") == 3


def test_any_date_shows_its_week_with_links_either_side(client, worker, centre):
    arabic = ServiceFactory(centre=centre, name="Arabic for beginners")
    SessionFactory(service=arabic, starts_at=_at(date(2026, 3, 4), 10))  # a Wednesday
    client.force_login(worker)
    response = client.get(reverse("calendar", args=[centre.pk]), {"week": "2026-03-07"})
    assert response.context["monday"] == date(2026, 3, 2)
    page = response.content.decode()
    assert "Arabic for beginners" in page
    assert "?week=2026-02-23" in page and "?week=2026-03-09" in page
    next_week = client.get(reverse("calendar", args=[centre.pk]), {"week": "2026-03-09"})
    assert "Arabic for beginners" not in next_week.content.decode()


@pytest.mark.parametrize("week", ["not-a-date", "2026-02-30", "0001-01-01", "9999-12-31"])
def test_a_bad_date_shows_this_week_with_a_message(client, worker, centre, monday, week):
    client.force_login(worker)
    response = client.get(reverse("calendar", args=[centre.pk]), {"week": week})
    assert response.status_code == 200
    assert response.context["monday"] == monday
    assert "That date could not be shown: here is this week." in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("manager", 200),
        ("social_worker", 200),
        ("legal", 200),
        ("committee_member", 200),
        ("worker", 200),
        ("coordinator", 403),
    ],
)
def test_calendar_and_session_page_by_role(client, cast, centre, session, role, status):
    client.force_login(cast[role])
    assert client.get(reverse("calendar", args=[centre.pk])).status_code == status
    assert client.get(reverse("session_detail", args=[centre.pk, session.pk])).status_code == status


@pytest.mark.parametrize("role", ROLES)
def test_another_centres_calendar_and_sessions_are_not_found(
    client, cast, centre, other_centre, role
):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre))
    client.force_login(cast[role])
    assert client.get(reverse("calendar", args=[other_centre.pk])).status_code == 404
    url = reverse("session_detail", args=[other_centre.pk, theirs.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "role", ["manager", "social_worker", "legal", "committee_member", "worker"]
)
def test_another_centres_session_through_this_centre_is_not_found(
    client, cast, centre, other_centre, role
):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre))
    client.force_login(cast[role])
    assert client.get(reverse("session_detail", args=[centre.pk, theirs.pk])).status_code == 404


def test_calendar_and_session_page_are_read_only(client, manager, centre, session):
    client.force_login(manager)
    assert client.post(reverse("calendar", args=[centre.pk])).status_code == 405
    assert client.post(reverse("session_detail", args=[centre.pk, session.pk])).status_code == 405


def test_calendar_queries_do_not_grow(
    client, social_worker, centre, monday, django_assert_max_num_queries
):
    client.force_login(social_worker)
    services = [ServiceFactory(centre=centre, capacity=2) for _n in range(5)]
    members = [MemberFactory(centre=centre) for _n in range(3)]
    for count in (5, 60):
        while Session.objects.filter(centre=centre).count() < count:
            n = Session.objects.count()
            created = SessionFactory(
                service=services[n % 5], starts_at=_at(monday + timedelta(days=n % 7), 8 + n // 7)
            )
            for member in members:
                booking_create(session=created, member=member, by=None, at=booked_ahead(created))
        with django_assert_max_num_queries(8):
            response = client.get(reverse("calendar", args=[centre.pk]))
        assert sum(len(sessions) for _day, sessions in response.context["days"]) == count


# --- A session's page --------------------------------------------------------


def _book(session, centre, name, **member):
    return booking_create(
        session=session,
        member=MemberFactory(centre=centre, preferred_name=name, **member),
        by=None,
        at=booked_ahead(session),
    )


def test_front_desk_sees_who_is_booked_and_waiting(client, social_worker, centre):
    session = SessionFactory(
        service=ServiceFactory(centre=centre, capacity=1, fee=2), starts_at=_started()
    )
    first = _book(session, centre, "Sita Rai")
    second = _book(session, centre, "Meron Tesfaye")
    attendance_mark(booking=first, attended=True, by=social_worker)
    client.force_login(social_worker)
    response = client.get(reverse("session_detail", args=[centre.pk, session.pk]))
    page = response.content.decode()
    assert f'<bdi dir="ltr" class="code">{first.member.code}</bdi> · <bdi>Sita Rai</bdi>' in page
    code = f'<bdi dir="ltr" class="code">{second.member.code}</bdi>'
    waiting = f"1. {code} · <bdi>Meron Tesfaye</bdi>"
    assert waiting in page
    assert [b.pk for b in response.context["booked"]] == [first.pk]
    assert [b.pk for b in response.context["waiting"]] == [second.pk]
    assert '<td id="attended-count">1</td>' in page
    assert '<td id="booked-count">1</td>' in page
    assert '<td id="waiting-count">1</td>' in page
    assert "Fee not yet paid" in page
    # Started: no longer booked (test_booking_after_start.py), attendance is marked.
    assert reverse("booking_create", args=[centre.pk, session.pk]) not in page
    assert reverse("attendance_mark", args=[centre.pk, session.pk, first.pk]) in page
    # Cancelling the session is the manager's.
    assert reverse("session_cancel", args=[centre.pk, session.pk]) not in page


@pytest.mark.parametrize("role", ["legal"])
def test_other_staff_see_the_counts_but_never_names(client, cast, centre, role):
    """Workers and the committee see places left only: tests/services/test_session_counts.py."""
    session = SessionFactory(
        service=ServiceFactory(centre=centre, capacity=1), starts_at=_started()
    )
    booking = _book(session, centre, "Sita Rai")
    _book(session, centre, "Meron Tesfaye")
    attendance_mark(booking=booking, attended=True, by=cast["manager"])
    client.force_login(cast[role])
    response = client.get(reverse("session_detail", args=[centre.pk, session.pk]))
    page = response.content.decode()
    assert '<td id="booked-count">1</td>' in page and '<td id="waiting-count">1</td>' in page
    assert '<td id="attended-count">1</td>' in page
    assert "Sita Rai" not in page and "Meron Tesfaye" not in page
    assert f"{centre.code}-0" not in page  # no member code either
    assert "booking_create" not in page and "/book/" not in page
    assert response.context["booked"] == [] and response.context["waiting"] == []


def test_a_no_show_is_visible_once_the_session_is_over(client, social_worker, centre):
    yesterday = timezone.now() - timedelta(days=1)
    session = SessionFactory(service=ServiceFactory(centre=centre), starts_at=yesterday)
    missed = _book(session, centre, "Sita Rai")
    came = _book(session, centre, "Meron Tesfaye")
    attendance_mark(booking=missed, attended=False, by=social_worker)
    attendance_mark(booking=came, attended=True, by=social_worker)
    client.force_login(social_worker)
    page = client.get(reverse("session_detail", args=[centre.pk, session.pk])).content.decode()
    assert '<td id="no-show-count">1</td>' in page
    assert page.count('<span class="flag stop">no-show</span>') == 1


def test_the_session_page_queries_do_not_grow(
    client, manager, centre, django_assert_max_num_queries
):
    session = SessionFactory(
        service=ServiceFactory(centre=centre, capacity=30, fee=1), starts_at=_started()
    )
    client.force_login(manager)
    for count in (5, 50):
        while Booking.objects.filter(session=session).count() < count:
            booking = _book(session, centre, "Someone")
            if booking.status == "booked":
                attendance_mark(booking=booking, attended=True, by=manager)
        with django_assert_max_num_queries(9):
            response = client.get(reverse("session_detail", args=[centre.pk, session.pk]))
        assert len(response.context["booked"]) + len(response.context["waiting"]) == count


# --- Walk-ins ----------------------------------------------------------------


def test_front_desk_sets_the_walk_ins(client, social_worker, centre):
    session = SessionFactory(service=ServiceFactory(centre=centre), starts_at=_started())
    client.force_login(social_worker)
    response = client.post(reverse("walk_ins_set", args=[centre.pk, session.pk]), {"walk_ins": 7})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.walk_ins == 7
    page = client.get(response.url).content.decode()
    assert '<td id="walk-ins-count">7</td>' in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "greater than or equal to 0"),
        ("many", "Enter a whole number"),
        ("", "This field is required"),
        ("10000", "less than or equal to 9999"),
    ],
)
def test_bad_walk_ins_are_refused(client, social_worker, centre, session, value, message):
    client.force_login(social_worker)
    url = reverse("walk_ins_set", args=[centre.pk, session.pk])
    response = client.post(url, {"walk_ins": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    session.refresh_from_db()
    assert session.walk_ins == 0


@pytest.mark.parametrize("role", ["legal", "committee_member", "worker", "coordinator"])
def test_only_the_front_desk_sets_walk_ins(client, cast, centre, session, role):
    client.force_login(cast[role])
    url = reverse("walk_ins_set", args=[centre.pk, session.pk])
    assert client.post(url, {"walk_ins": 3}).status_code == 403
    session.refresh_from_db()
    assert session.walk_ins == 0


# --- Cancelling a session ----------------------------------------------------


def test_manager_cancels_a_session_with_a_reason(client, manager, centre, session, monday):
    client.force_login(manager)
    response = client.post(
        reverse("session_cancel", args=[centre.pk, session.pk]), {"reason": "Teacher ill"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled and session.cancel_reason == "Teacher ill"
    page = client.get(response.url).content.decode()
    assert 'This session is cancelled. <bdi dir="ltr">Teacher ill</bdi>' in page
    # A cancelled session takes no more bookings or walk-ins: the forms are gone.
    assert reverse("booking_create", args=[centre.pk, session.pk]) not in page
    assert reverse("walk_ins_set", args=[centre.pk, session.pk]) not in page
    assert '<td id="places-left">—</td>' in page


def test_a_session_is_not_cancelled_without_a_reason_or_twice(client, manager, centre, session):
    client.force_login(manager)
    url = reverse("session_cancel", args=[centre.pk, session.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    session.refresh_from_db()
    assert not session.is_cancelled
    client.post(url, {"reason": "Flood"})
    response = client.post(url, {"reason": "Again"})
    assert "This session is already cancelled." in client.get(response.url).content.decode()
    session.refresh_from_db()
    assert session.cancel_reason == "Flood"


@pytest.mark.parametrize("role", ["social_worker", "legal", "committee_member", "worker"])
def test_only_the_manager_cancels_a_session(client, cast, centre, session, role):
    client.force_login(cast[role])
    url = reverse("session_cancel", args=[centre.pk, session.pk])
    assert client.post(url, {"reason": "No"}).status_code == 403
    session.refresh_from_db()
    assert not session.is_cancelled


@pytest.mark.parametrize("role", ROLES)
def test_another_centres_session_cannot_be_changed(client, cast, centre, other_centre, role):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre))
    client.force_login(cast[role])
    for view, data in (("session_cancel", {"reason": "x"}), ("walk_ins_set", {"walk_ins": 4})):
        url = reverse(view, args=[other_centre.pk, theirs.pk])
        assert client.post(url, data).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_cancelled and theirs.walk_ins == 0


def test_a_session_from_another_centre_through_this_centre_is_not_found(
    client, manager, centre, other_centre
):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre))
    client.force_login(manager)
    url = reverse("session_cancel", args=[centre.pk, theirs.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    url = reverse("walk_ins_set", args=[centre.pk, theirs.pk])
    assert client.post(url, {"walk_ins": 4}).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_cancelled and theirs.walk_ins == 0


def test_session_changes_need_post(client, manager, centre, session):
    client.force_login(manager)
    assert client.get(reverse("session_cancel", args=[centre.pk, session.pk])).status_code == 405
    assert client.get(reverse("walk_ins_set", args=[centre.pk, session.pk])).status_code == 405
