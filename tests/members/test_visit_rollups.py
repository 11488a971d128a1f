"""Daily roll-ups of counted visits: the same figures as the visits themselves, kept
correct when a member is erased, withdraws consent or a visit is logged late, and
rebuilt idempotently."""

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members import rollups
from members.actions import consent_withdraw, member_erase, visit_log
from members.models import Consent, ConsentPurpose, Visit, VisitCount, VisitDay
from tests.factories import MemberFactory, VisitFactory

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")
FIRST, LAST = date(2026, 3, 1), date(2026, 3, 4)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, 30, tzinfo=AMMAN)


def from_rows(centre, first: date, last: date) -> dict[str, dict[str, int]]:
    """The tables counted in Python from every visit, as the layer defines them."""
    tables = {table: Counter() for table in rollups.TABLES}
    for visit in Visit.objects.filter(centre=centre).prefetch_related("purposes"):
        local = visit.arrived_at.astimezone(AMMAN)
        if not first <= local.date() <= last:
            continue
        member = visit.member
        if (
            member is not None
            and not Consent.objects.current()
            .filter(member=member, purpose=ConsentPurpose.STATISTICS)
            .exists()
        ):
            continue
        source = member or visit
        n = visit.people
        tables["visits.kind"]["identified" if member else "anonymous"] += n
        tables["visits.hour"][f"{local.hour:02d}"] += n
        tables["visits.weekday"][str(local.isoweekday())] += n
        tables["visits.gender"][source.gender] += n
        tables["visits.age_band"][source.age_band] += n
        tables["visits.nationality"][source.nationality] += n
        for category in visit.purposes.all():
            tables["visits.purpose"][str(category.pk)] += n
    return {table: {k: v for k, v in counts.items() if v} for table, counts in tables.items()}


@pytest.fixture
def amman(centre):
    centre.time_zone = "Asia/Amman"
    centre.save()
    return centre


visit_rows = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=4),  # day
        st.sampled_from([0, 1, 9, 23]),  # local hour: midnight and late evening cross UTC days
        st.integers(min_value=0, max_value=3),  # 0: anonymous; else one of three members
        st.integers(min_value=1, max_value=4),  # people in a head-count
        st.sampled_from(["woman", "man", ""]),
    ),
    max_size=12,
)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(visit_rows)
def test_rolled_up_figures_equal_the_visits(amman, rows):
    Visit.objects.filter(centre=amman).delete()
    rollups.forget_days(amman, [FIRST + timedelta(days=n) for n in range(4)])
    members = [
        MemberFactory(centre=amman, gender="man"),
        MemberFactory(centre=amman, gender="woman", nationality="SY"),
        MemberFactory(centre=amman, consents=("services",)),  # not counted
    ]
    for day, hour, who, people, gender in rows:
        member = members[who - 1] if who else None
        VisitFactory(
            centre=amman,
            member=member,
            people=1 if member else people,
            gender="" if member else gender,
            arrived_at=at(day, hour),
        )
    assert rollups.visit_tables(amman, FIRST, LAST) == from_rows(amman, FIRST, LAST)
    # and read again from the stored days, a sub-range as well
    assert rollups.visit_tables(amman, FIRST, LAST) == from_rows(amman, FIRST, LAST)
    second = FIRST + timedelta(days=1)
    assert rollups.visit_tables(amman, second, second) == from_rows(amman, second, second)


day_ranges = st.lists(
    st.tuples(st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=3)).map(
        lambda r: (FIRST + timedelta(days=r[0] - 1), FIRST + timedelta(days=r[0] - 1 + r[1]))
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(visit_rows, day_ranges, st.sets(st.integers(min_value=0, max_value=3)))
def test_ranges_read_together_equal_the_visits_of_each(amman, rows, ranges, forgotten):
    """Several ranges of days [first, end) read in one query over the roll-ups (some
    days rolled up already, others forgotten) give each range's visits as counted from
    the rows themselves. The ranges are disjoint when sorted and de-duplicated."""
    Visit.objects.filter(centre=amman).delete()
    rollups.forget_days(amman, [FIRST + timedelta(days=n) for n in range(4)])
    members = [
        MemberFactory(centre=amman, gender="man"),
        MemberFactory(centre=amman, gender="woman", nationality="SY"),
        MemberFactory(centre=amman, consents=("services",)),  # not counted
    ]
    for day, hour, who, people, gender in rows:
        member = members[who - 1] if who else None
        VisitFactory(
            centre=amman,
            member=member,
            people=1 if member else people,
            gender="" if member else gender,
            arrived_at=at(day, hour),
        )
    rollups.rebuild(amman, FIRST, LAST)
    rollups.forget_days(amman, [FIRST + timedelta(days=n) for n in forgotten])
    disjoint, end = [], FIRST
    for first, stop in sorted(set(ranges)):
        if first >= end:
            disjoint.append((first, stop))
            end = stop
    read = rollups.visit_tables_by_range(amman, disjoint)
    expected = [
        from_rows(amman, first, stop - timedelta(days=1))
        if first < stop
        else {t: {} for t in rollups.TABLES}
        for first, stop in disjoint
    ]
    assert [{t: v for t, v in r.items() if v} for r in read] == [
        {t: v for t, v in r.items() if v} for r in expected
    ]


def test_rebuilding_a_day_twice_leaves_one_set_of_rows(amman):
    VisitFactory(centre=amman, people=3, gender="woman", arrived_at=at(2, 10))
    rollups.rebuild(amman, FIRST, LAST)
    first = sorted(VisitCount.objects.values_list("day", "table", "label", "people"))
    rollups.rebuild(amman, FIRST, LAST)
    rollups.rebuild(amman, date(2026, 3, 2), date(2026, 3, 2))
    assert sorted(VisitCount.objects.values_list("day", "table", "label", "people")) == first
    assert VisitDay.objects.filter(centre=amman).count() == 4
    assert ("visits.gender", "woman", 3) in [(t, lab, n) for _d, t, lab, n in first]


def test_erasure_changes_the_rolled_up_days(amman):
    member = MemberFactory(centre=amman, gender="woman")
    VisitFactory(centre=amman, member=member, arrived_at=at(2, 10))
    assert rollups.visit_tables(amman, FIRST, LAST)["visits.gender"] == {"woman": 1}
    member_erase(member=member, by=None)
    assert rollups.visit_tables(amman, FIRST, LAST)["visits.gender"] == {}


def test_consent_withdrawal_changes_the_rolled_up_days(amman, manager):
    member = MemberFactory(centre=amman)
    VisitFactory(centre=amman, member=member, arrived_at=at(3, 23))
    assert rollups.visit_tables(amman, FIRST, LAST)["visits.kind"] == {"identified": 1}
    consent_withdraw(member=member, purpose=ConsentPurpose.STATISTICS, by=manager)
    assert rollups.visit_tables(amman, FIRST, LAST)["visits.kind"] == {}


def test_a_back_dated_visit_changes_a_rolled_up_day(amman, manager):
    assert rollups.visit_tables(amman, FIRST, LAST)["visits.hour"] == {}
    visit_log(centre=amman, by=manager, people=2, arrived_at=at(1, 0))
    assert rollups.visit_tables(amman, FIRST, LAST)["visits.hour"] == {"00": 2}


def test_the_hourly_task_rolls_up_closed_days_once(amman):
    from django.utils import timezone

    from members.tasks import roll_up_visits

    now = timezone.now()
    VisitFactory(centre=amman, arrived_at=now - timedelta(days=1), people=2)
    VisitFactory(centre=amman, arrived_at=now, people=5)  # today: never rolled up
    assert roll_up_visits() >= 1
    yesterday = timezone.localdate(now, AMMAN) - timedelta(days=1)
    built = {row.day: row.built_at for row in VisitDay.objects.filter(centre=amman)}
    assert len(built) == 90 and yesterday in built
    assert timezone.localdate(now, AMMAN) not in built
    assert roll_up_visits() == 0  # nothing missing: nothing rebuilt
    assert {row.day: row.built_at for row in VisitDay.objects.filter(centre=amman)} == built
