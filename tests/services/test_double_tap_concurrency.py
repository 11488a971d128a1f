"""Two taps on "cancel my booking" at the same moment, on PostgreSQL: one cancels, the
other gets the page back (never a server error), and the place is freed once."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from centres.categories import BUILT_IN, ServiceCategory
from services.actions import booking_create
from services.models import Booking

from ..factories import MemberFactory, ServiceFactory, SessionFactory

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def test_two_taps_at_once_cancel_once_and_both_get_a_page(transactional_db, centre, worker):
    session = SessionFactory(service=ServiceFactory(centre=centre, capacity=1))
    me = MemberFactory(centre=centre, account=worker)
    booking_create(session=session, member=me, by=worker)
    waiting = booking_create(session=session, member=MemberFactory(centre=centre), by=None)
    url = reverse("unbook_me", args=[centre.pk, session.pk])
    barrier = Barrier(2)

    def tap(_n):
        browser = Client(raise_request_exception=False)
        browser.force_login(worker)
        try:
            barrier.wait(timeout=30)
            return browser.post(url).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        codes = list(pool.map(tap, range(2)))
    assert codes == [302, 302]
    assert Booking.objects.get(member=me).status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "booked"
    assert Booking.objects.filter(session=session, status="booked").count() == 1
