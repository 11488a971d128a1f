"""Two identical check-ins at the same moment, on PostgreSQL: the member row lock
makes them one visit."""

import time
from concurrent.futures import ThreadPoolExecutor
from threading import Event

import pytest
from django.db import connection, transaction

from centres.categories import BUILT_IN, ServiceCategory
from members.actions import kiosk_checkin, kiosk_create
from members.models import Visit

from ..factories import MemberFactory

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def test_two_taps_at_once_make_one_visit(transactional_db, centre):
    member = MemberFactory(centre=centre)
    kiosk, _token = kiosk_create(centre=centre, label="Door", by=None)
    first_written = Event()

    def first():
        # The first check-in stays uncommitted while the second one arrives.
        try:
            with transaction.atomic():
                visit = kiosk_checkin(kiosk=kiosk, card_token=member.card_token)
                first_written.set()
                time.sleep(1)
            return visit
        finally:
            connection.close()

    def second():
        try:
            first_written.wait(timeout=30)
            return kiosk_checkin(kiosk=kiosk, card_token=member.card_token)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [pool.submit(first), pool.submit(second)]
        visits = [r.result(timeout=60) for r in results]
    assert visits[0] is not None and visits[1] is None
    assert Visit.objects.filter(member=member).count() == 1
