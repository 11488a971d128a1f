"""Twenty people booking ten places at the same moment, on PostgreSQL: the session row
lock lets exactly ten in and puts exactly ten on the waiting list."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from centres.categories import BUILT_IN, ServiceCategory
from services.actions import booking_cancel, booking_create
from services.models import Booking

from ..factories import MemberFactory, ServiceFactory, SessionFactory

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    """A transactional test empties the database afterwards, data migrations included:
    put the shared categories back for the next one."""
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def _in_thread(function, barrier: Barrier):
    """Run `function` in a worker thread once every thread is ready, then close the
    thread's own database connection."""

    def run(*args):
        try:
            barrier.wait(timeout=30)
            return function(*args)
        finally:
            connection.close()

    return run


def test_20_concurrent_bookings_for_10_places(transactional_db, centre, social_worker):
    session = SessionFactory(service=ServiceFactory(centre=centre, capacity=10))
    members = [MemberFactory(centre=centre) for _n in range(20)]
    book = _in_thread(
        lambda member: booking_create(session=session, member=member, by=social_worker),
        Barrier(20),
    )
    with ThreadPoolExecutor(max_workers=20) as pool:
        bookings = list(pool.map(book, members))
    assert sorted(b.status for b in bookings) == ["booked"] * 10 + ["waiting"] * 10
    rows = Booking.objects.filter(session=session)
    assert rows.filter(status="booked").count() == 10
    assert rows.filter(status="waiting").count() == 10
    # First come, first served: the waiting list is everyone who came after the tenth.
    first_ten = list(rows.order_by("created_at", "pk").values_list("status", flat=True))[:10]
    assert first_ten == ["booked"] * 10


def test_cancelling_and_booking_at_once_never_overfills(transactional_db, centre):
    session = SessionFactory(service=ServiceFactory(centre=centre, capacity=10))
    for _n in range(15):
        booking_create(session=session, member=MemberFactory(centre=centre), by=None)
    rows = Booking.objects.filter(session=session)
    leaving = list(rows.filter(status="booked").order_by("pk")[:5])
    arriving = [MemberFactory(centre=centre) for _n in range(5)]
    barrier = Barrier(10)
    cancel = _in_thread(lambda booking: booking_cancel(booking=booking, by=None), barrier)
    book = _in_thread(
        lambda member: booking_create(session=session, member=member, by=None), barrier
    )
    with ThreadPoolExecutor(max_workers=10) as pool:
        futures = [pool.submit(cancel, b) for b in leaving] + [
            pool.submit(book, m) for m in arriving
        ]
        for future in futures:
            future.result()
    assert rows.filter(status="booked").count() == 10
    assert rows.filter(status="waiting").count() == 5
    assert rows.filter(status="cancelled").count() == 5
