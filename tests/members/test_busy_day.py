"""A busy day on PostgreSQL: concurrent writes lose nothing and never share a member code."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from members.actions import member_register, visit_log
from members.models import Member, Visit

pytestmark = pytest.mark.postgresql


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


def test_200_concurrent_visits_are_all_kept(transactional_db, centre, social_worker):
    log = _in_thread(lambda _n: visit_log(centre=centre, by=social_worker, people=1))
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(log, range(200)))
    assert len(results) == 200
    assert Visit.objects.filter(centre=centre).count() == 200


def test_concurrent_registrations_get_distinct_codes(transactional_db, centre, social_worker):
    register = _in_thread(
        lambda n: member_register(
            centre=centre, by=social_worker, consents=[], preferred_name=f"P{n}"
        )
    )
    with ThreadPoolExecutor(max_workers=10) as pool:
        members = list(pool.map(register, range(40)))
    codes = {m.code for m in members}
    assert len(codes) == 40
    assert codes == {f"AMM-{n:04d}" for n in range(1, 41)}
    assert Member.objects.filter(centre=centre).count() == 40
