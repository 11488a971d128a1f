"""A year built from nothing reads its family once and keeps it in step with the
releases it builds (`stored.StoredFamily`), and reads every period's own figures and
every segment's magnitudes' inputs together: the releases are exactly those of the
family read afresh and each figure read on its own, in a number of queries that does
not grow with the year's months."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.models import Grievance, Remedy
from advocacy.statistics.family import waiting_cells, waiting_periods
from advocacy.statistics.magnitudes import month_inputs, range_inputs
from advocacy.statistics.models import Release
from advocacy.statistics.periods import Period, Segment, centre_zone
from advocacy.statistics.releases import _build, own_figures, release, store_segments
from advocacy.statistics.stored import StoredFamily
from advocacy.statistics.tables import (
    session_facts,
    session_facts_of,
    unique_members,
    unique_members_of,
)
from members import rollups
from tests.factories import CentreFactory, MemberFactory, SessionFactory, VisitFactory

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")
YEAR = 2025  # closed, whatever the date the tests run on
NOW = datetime(YEAR + 1, 2, 1, tzinfo=AMMAN)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMMAN)


def record_year(centre) -> None:
    """A YEAR with small cells in most months, a few members who come back
    month after month, sessions, and cases that finish with wages recovered."""
    members = [MemberFactory(centre=centre, gender=["woman", "man"][n % 2]) for n in range(7)]
    for month in range(1, 13):
        first = date(YEAR, month, 1)
        for n in range(6):
            VisitFactory(centre=centre, arrived_at=at(first + timedelta(days=4 * n), 10), people=3)
        if month % 3:  # one person at 03:00: a small cell to protect
            VisitFactory(centre=centre, arrived_at=at(first + timedelta(days=month), 3))
        for n, member in enumerate(members[: 2 + month % 5]):
            VisitFactory(centre=centre, member=member, arrived_at=at(first + timedelta(days=n), 12))
        if month % 4 != 1:
            SessionFactory(service__centre=centre, starts_at=at(first + timedelta(days=2), 9))
        for n, member in enumerate(members[: month % 4 + 1]):
            case = Grievance.objects.create(
                centre=centre, member=member, status="resolved", outcome="favour",
                opened_at=at(first, 9), finished_at=at(first + timedelta(days=3 + 5 * n), 11),
            )  # fmt: skip
            Remedy.objects.create(
                grievance=case, kind="wages", amount=Decimal(100 + 37 * n), currency="jod",
                recorded_at=at(first + timedelta(days=3 + 5 * n), 11),
            )  # fmt: skip


def twin_centres(programme):
    """Two centres of one programme holding the same records, in Amman's time."""
    made = [CentreFactory(programme=programme, code=f"TW{c}", time_zone="Asia/Amman") for c in "AB"]
    for centre in made:
        record_year(centre)
        # A week across a month's end released before the year: its two segments are
        # one piece until March is built, then two (its cells change atoms mid-build).
        release(centre=centre, period=f"{YEAR}-W14", now=NOW)
    return made


def figures(centre) -> dict:
    return {
        r.period.key: (r.published, r.standalone, r.facts, r.magnitudes)
        for r in Release.objects.for_centre(centre)
    }


def built_afresh(centre, year: int) -> None:
    """The year as it was built before the family was kept: read again from the
    database for every build, and each period's own figures read on their own."""
    zone = centre_zone(centre)
    threshold = centre.programme.suppression_threshold
    quarters = [Period.quarter(year, q) for q in range(1, 5)]
    building = [*Period.year(year).months(), *quarters, Period.year(year)]
    store_segments(centre, building, zone)
    own = {}
    for period in building:
        start, end = period.bounds(zone)
        own[period] = (
            {"visits.members": unique_members(centre, start, end)},
            session_facts(centre, start, end),
        )
    for month in Period.year(year).months():
        _build(centre, [month], zone, StoredFamily(centre, year, threshold), own)
    _build(centre, [*quarters, Period.year(year)], zone, StoredFamily(centre, year, threshold), own)


def test_a_year_built_on_the_kept_family_equals_the_family_read_afresh(programme):
    kept, afresh = twin_centres(programme)
    release(centre=kept, period=str(YEAR), now=NOW)
    built_afresh(afresh, YEAR)
    assert len(figures(kept)) == 18  # the week, 12 months, 4 quarters, the year
    assert figures(kept) == figures(afresh)
    hiding = [
        key
        for key, (published, *_rest) in figures(kept).items()
        if any(value is None for table in published.values() for value in table.values())
    ]
    assert len(hiding) >= 8  # small cells were protected: the comparison means something


def test_the_kept_family_is_the_family_read_afresh_at_every_build(centre):
    record_year(centre)
    release(centre=centre, period=f"{YEAR}-W14", now=NOW)
    zone, threshold = centre_zone(centre), centre.programme.suppression_threshold
    quarters = [Period.quarter(YEAR, q) for q in range(1, 5)]
    building = [*Period.year(YEAR).months(), *quarters, Period.year(YEAR)]
    store_segments(centre, building, zone)
    kept, own = StoredFamily(centre, YEAR, threshold), own_figures(centre, building, zone)
    for periods in [*([m] for m in Period.year(YEAR).months()), [*quarters, Period.year(YEAR)]]:
        now, afresh = kept.family(periods), StoredFamily(centre, YEAR, threshold).family(periods)
        assert now == afresh
        assert list(now.cells) == list(afresh.cells)  # the auditor's rows in the same order
        _build(centre, periods, zone, kept, own)


def test_the_kept_waiting_cells_are_those_derived_afresh_at_every_build(centre):
    # The week W14 (30 March to 5 April) cut in two by March's end, then March and
    # April released: the pieces inside a waiting period change between builds.
    record_year(centre)
    release(centre=centre, period=f"{YEAR}-W14", now=NOW)
    zone, threshold = centre_zone(centre), centre.programme.suppression_threshold
    quarters = [Period.quarter(YEAR, q) for q in range(1, 5)]
    building = [*Period.year(YEAR).months(), *quarters, Period.year(YEAR)]
    store_segments(centre, building, zone)
    kept, own = StoredFamily(centre, YEAR, threshold), own_figures(centre, building, zone)
    kept_before = StoredFamily(centre, YEAR, threshold)
    for periods in [*([m] for m in Period.year(YEAR).months()), [*quarters, Period.year(YEAR)]]:
        released = [*(r.period.key for r in kept.releases), *(p.key for p in periods)]
        waiting = waiting_periods(kept.pieces, released)
        assert waiting  # the later months, quarters and weeks, at every build
        for known in (kept, kept_before):  # kept_before: cuts of the week's build only
            now = known.family([*periods, *waiting])
            afresh = waiting_cells(waiting, now.snapshots, threshold=threshold)
            assert known.waiting(waiting, now.snapshots) == afresh
        _build(centre, periods, zone, kept, own)


def test_a_year_from_nothing_costs_a_bounded_number_of_queries(centre):
    record_year(centre)
    rollups.rebuild(centre, date(YEAR, 1, 1), date(YEAR, 12, 31))  # as the nightly task does
    with CaptureQueriesContext(connection) as year:
        release(centre=centre, period=str(YEAR), now=NOW)
    assert Release.objects.for_centre(centre).count() == 17
    # Before: the family read again for each of 13 builds, the members and the
    # sessions read per period, two queries per segment for the magnitudes: about 250.
    # Now a fixed set of reads (one of them when the centre's records begin), and one
    # INSERT per release.
    assert len(year) <= 31 + 17, len(year)


periods = st.lists(
    st.one_of(
        st.integers(1, 12).map(lambda m: Period.month(YEAR, m)),
        st.integers(1, 4).map(lambda q: Period.quarter(YEAR, q)),
        st.integers(1, 52).map(lambda w: Period.week(YEAR, w)),
        st.just(Period.year(YEAR)),
    ),
    min_size=1,
    max_size=6,
    unique=True,
)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(periods)
def test_own_figures_read_together_equal_each_period_read_alone(centre, chosen):
    if not Grievance.objects.filter(centre=centre).exists():
        record_year(centre)
    zone = centre_zone(centre)
    bounds = [p.bounds(zone) for p in chosen]
    assert unique_members_of(centre, chosen, zone) == [unique_members(centre, *b) for b in bounds]
    assert session_facts_of(centre, chosen, zone) == [session_facts(centre, *b) for b in bounds]


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(periods)
def test_inputs_of_segments_read_together_equal_each_read_alone(centre, chosen):
    if not Grievance.objects.filter(centre=centre).exists():
        record_year(centre)
    zone = centre_zone(centre)
    segments = sorted({s for p in chosen for s in p.segments()})
    together = range_inputs(centre, [(s.first, s.end) for s in reversed(segments)], zone)
    assert together[::-1] == [month_inputs(centre, s, zone) for s in segments]


def test_inputs_count_each_case_in_the_local_day_it_finished(centre):
    record_year(centre)
    zone = centre_zone(centre)
    case = Grievance.objects.filter(centre=centre).first()
    midnight = datetime(YEAR, 5, 1, tzinfo=zone)
    Grievance.objects.filter(pk=case.pk).update(finished_at=midnight)
    Remedy.objects.filter(grievance=case).update(recorded_at=midnight)
    april = Segment(date(YEAR, 4, 28), date(YEAR, 5, 1))
    may = Segment(date(YEAR, 5, 1), date(YEAR, 5, 5))
    before, after = range_inputs(centre, [(april.first, april.end), (may.first, may.end)], zone)
    assert str(case.pk) in after["cases.days"] and str(case.pk) not in before["cases.days"]
    assert Decimal(after["cases.wages"]["JOD"][str(case.pk)]) == 100
    assert str(case.pk) not in before["cases.wages"].get("JOD", {})


def test_a_build_pauses_the_cyclic_collector_and_restores_it(centre, monkeypatch):
    """The cyclic garbage collector is off while a release is built and on again
    after, also when the build fails."""
    import gc

    from advocacy.statistics import releases

    seen = []
    build = releases._build_with_parts

    def watched(*args):
        seen.append(gc.isenabled())
        return build(*args)

    monkeypatch.setattr(releases, "_build_with_parts", watched)
    release(centre=centre, period=Period.month(YEAR, 3), now=NOW)
    assert seen == [False] and gc.isenabled()

    def failing(*args):
        raise RuntimeError("no build")

    monkeypatch.setattr(releases, "_build_with_parts", failing)
    with pytest.raises(RuntimeError):
        release(centre=centre, period=Period.month(YEAR, 4), now=NOW)
    assert gc.isenabled()
