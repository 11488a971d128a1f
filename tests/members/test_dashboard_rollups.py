"""The dashboard's figures read whole closed days from the daily roll-ups and the rest
from the visits: the same figures as the visits themselves, kept right when a visit is
logged back-dated, and never a staff table in a release."""

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from centres.categories import ServiceCategory
from members import rollups
from members.actions import visit_log
from members.models import Visit, VisitCount, VisitDay
from members.selectors import visit_figures
from tests.factories import MemberFactory, VisitFactory

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")


@pytest.fixture
def amman(centre):
    centre.time_zone = "Asia/Amman"
    centre.save()
    return centre


def _category(code):
    return ServiceCategory.objects.get(code=code, centre=None)


def _from_visits(centre, since, until):
    """The figures counted in Python from every visit."""
    days, hours, purposes, members = Counter(), Counter(), Counter(), set()
    kinds = Counter()
    for visit in Visit.objects.filter(centre=centre).prefetch_related("purposes"):
        if not since <= visit.arrived_at < until:
            continue
        local = visit.arrived_at.astimezone(AMMAN)
        days[local.date()] += visit.people
        hours[local.hour] += visit.people
        kinds["identified" if visit.member_id else "anonymous"] += visit.people
        if visit.member_id:
            members.add(visit.member_id)
        for category in visit.purposes.all():
            purposes[category.code] += visit.people
    return days, hours, purposes, kinds, len(members)


def _assert_same(centre, since, until):
    figures = visit_figures(centre=centre, since=since, until=until)
    days, hours, purposes, kinds, members = _from_visits(centre, since, until)
    assert {d: n for d, n in figures.days if n} == dict(days)
    assert {h: n for h, n in figures.hours if n} == dict(hours)
    assert {c.code: n for c, n in figures.purposes if n} == dict(purposes)
    assert (figures.anonymous, figures.identified) == (kinds["anonymous"], kinds["identified"])
    assert figures.unique_identified == members
    return figures


def _visits(centre, now):
    """Visits on closed days, today, and at both ends of a range that does not start at
    midnight; one member on a closed day and today (counted once), one only today."""
    regular, other = MemberFactory(centre=centre), MemberFactory(centre=centre)
    newcomer = MemberFactory(centre=centre)
    for days_ago, hours, member, people, purposes in [
        (0, 0, regular, 1, ["advice"]),
        (0, 0, newcomer, 1, []),
        (0, 0, None, 3, ["advice", "health"]),
        (1, 2, regular, 1, []),
        (5, 7, other, 1, ["language"]),
        (9, 1, None, 2, ["health"]),
        (12, 5, None, 4, []),
    ]:
        visit = VisitFactory(
            centre=centre,
            member=member,
            people=people,
            arrived_at=now - timedelta(days=days_ago, hours=hours),
        )
        visit.purposes.set([_category(code) for code in purposes])


def test_figures_from_roll_ups_equal_the_visits(amman):
    now = timezone.now()
    _visits(amman, now)
    since = now - timedelta(days=10, hours=3)  # not a local midnight: a part day first
    until = now + timedelta(minutes=1)  # the visits of this instant included
    first = _assert_same(amman, since, until)
    assert VisitDay.objects.filter(centre=amman).exists()  # closed days were rolled up
    assert first.unique_identified == 3
    # Read again from the roll-ups and the cached members: the same.
    assert _assert_same(amman, since, until) == first


def test_staff_tables_count_every_visit_and_never_leave_in_releases(amman):
    now = timezone.now()
    _visits(amman, now)
    yesterday = timezone.localdate(now, AMMAN) - timedelta(days=1)
    first = yesterday - timedelta(days=20)
    tables = rollups.staff_tables(amman, first, yesterday)
    assert sum(n for day in tables.values() for n in day["staff.kind"].values()) >= 8
    released = rollups.visit_tables(amman, first, yesterday)
    assert set(released) == set(rollups.TABLES)
    assert VisitCount.objects.filter(table__in=rollups.STAFF_TABLES).exists()


def test_a_back_dated_visit_changes_the_figures_and_members(amman, manager):
    now = timezone.now()
    _visits(amman, now)
    since, until = now - timedelta(days=30), now + timedelta(minutes=1)
    before = _assert_same(amman, since, until)
    newcomer = MemberFactory(centre=amman)
    visit_log(centre=amman, by=manager, member=newcomer, arrived_at=now - timedelta(days=3))
    after = _assert_same(amman, since, until)
    assert after.total == before.total + 1
    assert after.unique_identified == before.unique_identified + 1


def test_ranges_without_a_closed_day_read_the_visits(amman):
    now = timezone.now()
    _visits(amman, now)
    start = datetime.combine(timezone.localdate(now, AMMAN), datetime.min.time(), tzinfo=AMMAN)
    _assert_same(amman, start, now + timedelta(minutes=1))
    assert not VisitDay.objects.exists()
