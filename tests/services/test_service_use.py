"""Use of services on the centre's live dashboard: sessions held against who came, by
kind of service, exactly, for the staff (others read released figures), one query."""

import dataclasses
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from centres.categories import ServiceCategory
from services.demand import service_use
from services.models import Booking, BookingStatus

from ..factories import MemberFactory, ServiceFactory, SessionFactory

DAYS = 90


def _category(code):
    return ServiceCategory.objects.get(code=code, centre=None)


def _use(centre):
    now = timezone.now()
    return service_use(centre=centre, since=now - timedelta(days=DAYS), until=now)


def _held(centre, code="language", capacity=10, days_ago=2, **kwargs):
    service = ServiceFactory(centre=centre, category=_category(code), capacity=capacity)
    starts = timezone.now() - timedelta(days=days_ago)
    return SessionFactory(service=service, starts_at=starts, **kwargs)


def _book(session, *attended, status=BookingStatus.BOOKED, consents=("services", "statistics")):
    for mark in attended:
        Booking.objects.create(
            session=session,
            member=MemberFactory(centre=session.centre, consents=consents),
            status=status,
            attended=mark,
        )


def _rows(use):
    return {row.category.code: row for row in use.rows}


# --- The figures ---------------------------------------------------------------------


def test_one_session_of_ten_places(centre):
    session = _held(centre, capacity=10, walk_ins=4)
    _book(session, True, True, False)
    use = _use(centre)
    row = _rows(use)["language"]
    assert (row.sessions, row.places, row.booked) == (1, 10, 3)
    assert (row.attended, row.walk_ins, row.people, row.no_shows, row.not_marked) == (
        2,
        4,
        6,
        1,
        0,
    )
    assert row.capacity.filled == 60 and row.capacity.over == 0
    assert row.no_show_percent == 33  # 1 of 3
    assert use.total == dataclasses.replace(row, category=None)


def test_what_counts_as_held_and_booked(centre):
    session = _held(centre, capacity=10)
    _book(session, True, None)  # one present, one not marked: neither a no-show
    _book(session, None, status=BookingStatus.WAITING)
    _book(session, None, status=BookingStatus.CANCELLED)
    _held(centre, days_ago=3, cancelled_at=timezone.now(), walk_ins=9)
    _held(centre, days_ago=DAYS + 2, walk_ins=9)  # before the period
    _held(centre, days_ago=-2, walk_ins=9)  # not held yet
    row = _rows(_use(centre))["language"]
    assert (row.sessions, row.places, row.booked) == (1, 10, 2)
    assert (row.attended, row.people, row.no_shows, row.not_marked) == (1, 1, 0, 1)
    assert row.no_show_percent == 0


def test_totals_add_up_over_categories(centre):
    _book(_held(centre, "language", capacity=10, walk_ins=2), True, False)
    _book(_held(centre, "health", capacity=5), True, True, True)
    use = _use(centre)
    assert set(_rows(use)) == {"language", "health"}
    total = use.total
    assert (total.sessions, total.places, total.booked, total.people, total.no_shows) == (
        2,
        15,
        5,
        6,
        1,
    )
    assert total.capacity.filled == 40 and total.no_show_percent == 20


def test_another_centres_sessions_never_count(centre, other_centre):
    _book(_held(centre, walk_ins=1), True)
    _book(_held(other_centre, walk_ins=7), True, True, False)
    use = _use(centre)
    assert (use.total.sessions, use.total.places, use.total.people, use.total.booked) == (
        1,
        10,
        2,
        1,
    )


def test_one_query_whatever_the_number_of_sessions(centre):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            _use(centre)
        return len(captured)

    _book(_held(centre, walk_ins=1), True)
    few = queries()
    for n in range(20):
        _book(_held(centre, ["health", "advice"][n % 2], days_ago=n + 1), True, False)
    assert few == queries() == 1


# --- On the dashboard --------------------------------------------------------------------


def _dashboard(centre):
    return reverse("dashboard", args=[centre.pk])


def test_dashboard_shows_service_use_to_staff_exactly(client, manager, centre):
    _book(_held(centre, capacity=10, walk_ins=4), True, True, False)
    client.force_login(manager)
    response = client.get(_dashboard(centre))
    page = response.content.decode()
    assert "Use of services" in page
    assert response.context["service_use"].total.people == 6
    row = '<th scope="row">Language, acculturation and information</th>'
    assert row in page
    assert '<td class="count">60%</td>' in page and '<td class="count">33%</td>' in page


def test_the_dashboard_uses_the_same_90_days(client, manager, centre):
    _held(centre, days_ago=88, walk_ins=3)
    _held(centre, days_ago=92, walk_ins=7)
    client.force_login(manager)
    assert client.get(_dashboard(centre)).context["service_use"].total.walk_ins == 3


def test_dashboard_without_sessions_says_so(client, manager, centre):
    client.force_login(manager)
    assert "No session was held in this period." in client.get(_dashboard(centre)).content.decode()


@pytest.mark.parametrize("sessions", [2, 30])
def test_dashboard_query_count_does_not_grow_with_sessions(
    client, manager, centre, django_assert_max_num_queries, sessions
):
    codes = ["language", "health", "advice"]
    for n in range(sessions):
        _book(_held(centre, codes[n % 3], days_ago=n % 80 + 1, walk_ins=n % 4), True, False)
    client.force_login(manager)
    # The first read of the day rolls up the closed days; the dashboard's count as read
    # afterwards (tests/members/test_dashboard.py, service use included) must not grow.
    assert client.get(_dashboard(centre)).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(_dashboard(centre)).status_code == 200
