"""Two merges of one record at the same moment, on PostgreSQL: one merge, one audit row.
Also two opposite merges (A into B, B into A): one wins, the other is refused."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from centres.categories import BUILT_IN, ServiceCategory
from centres.models import AuditEntry
from members.actions import member_merge
from members.models import Member, Visit

from ..factories import MemberFactory, VisitFactory

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def _at_once(centre, manager, pairs):
    barrier = Barrier(len(pairs))

    def merge(pair):
        keep, absorb = pair
        try:
            barrier.wait(timeout=30)
            member_merge(centre=centre, by=manager, keep=keep, absorb=absorb)
            return "merged"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(pairs)) as pool:
        return sorted(pool.map(merge, pairs))


def test_the_same_merge_twice_at_once_merges_once(transactional_db, manager, centre):
    keep, absorb = MemberFactory(centre=centre), MemberFactory(centre=centre)
    VisitFactory(centre=centre, member=absorb)
    assert _at_once(centre, manager, [(keep, absorb), (keep, absorb)]) == ["merged", "refused"]
    assert Visit.objects.get().member == keep
    assert AuditEntry.objects.filter(changes__icontains="merged").count() == 1


def test_opposite_merges_at_once_leave_one_record(transactional_db, manager, centre):
    a, b = MemberFactory(centre=centre), MemberFactory(centre=centre)
    assert _at_once(centre, manager, [(a, b), (b, a)]) == ["merged", "refused"]
    assert Member.objects.active().count() == 1
    assert Member.objects.filter(merged_into__isnull=False).count() == 1
