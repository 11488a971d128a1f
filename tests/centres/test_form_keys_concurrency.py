"""Two identical requests at the same moment, on PostgreSQL: the second waits on the
form key's unique index until the first commits, then repeats its result."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from centres.categories import BUILT_IN, ServiceCategory
from centres.submissions import FIELD, new_key
from members.models import Member, Visit
from tests.devices import paired_kiosk

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    """A transactional test empties the database afterwards, data migrations included:
    put the shared categories back for the next one."""
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def _at_once(clients, url, data, count=2):
    barrier = Barrier(count)

    def send(client):
        try:
            barrier.wait(timeout=30)
            return client.post(url, data)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(send, clients))


def test_two_identical_registrations_at_once_make_one_member(
    transactional_db, social_worker, centre
):
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(social_worker)
    data = {"preferred_name": "Sita", FIELD: new_key()}
    responses = _at_once(clients, reverse("member_register", args=[centre.pk]), data)
    assert Member.objects.count() == 1
    member = Member.objects.get()
    # Both land on the new member's page.
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {
        reverse("member_detail", args=[centre.pk, member.pk])
    }


def test_two_identical_kiosk_head_counts_at_once_log_one_visit(transactional_db, manager, centre):
    tablet = Client()
    paired_kiosk(tablet, centre, by=manager)
    kiosk_url = reverse("kiosk_checkin")
    again = Client()  # the same tablet's second request: its cookies
    again.cookies = tablet.cookies
    # Anonymous: the per-member check-in window does not cover a head count.
    responses = _at_once([tablet, again], kiosk_url, {"code": "", FIELD: new_key()})
    assert [r.status_code for r in responses] == [302, 302]
    assert Visit.objects.count() == 1
