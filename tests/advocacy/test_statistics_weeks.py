"""Weekly releases: weeks and months are sums of segments (week ∩ month), so the
auditor sees what a month minus its whole weeks leaves, and every release covering a
segment reuses the segment's stored exact tables."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from advocacy.statistics.audit import audit
from advocacy.statistics.family import merge_pieces, month_links, release_cells
from advocacy.statistics.models import Release, SegmentSnapshot
from advocacy.statistics.periods import Period, PeriodRefused
from advocacy.statistics.releases import audit_family, release
from advocacy.statistics.suppression import protect
from tests.factories import VisitFactory

AMMAN = ZoneInfo("Asia/Amman")
APRIL = Period.month(2026, 4)  # Wednesday 1 to Thursday 30: partial weeks at each end
WHOLE_WEEKS = [Period.parse(f"2026-W{w}") for w in (15, 16, 17)]  # 6–12, 13–19, 20–26


def segment(hours: dict[str, int]) -> dict:
    hours = {"03": 0, "10": 0, "22": 0, **hours}
    return {"visits.total": {"people": sum(hours.values())}, "visits.hour": hours}


# April's segments: one person at 03:00 in each partial week (1–5 and 27–30 April), the
# whole weeks busy at 10:00, and six people at 22:00, all in the first whole week.
SEGMENTS = {
    "2026-04-01/2026-04-06": segment({"03": 1}),
    "2026-04-06/2026-04-13": segment({"10": 20, "22": 6}),
    "2026-04-13/2026-04-20": segment({"10": 20}),
    "2026-04-20/2026-04-27": segment({"10": 20}),
    "2026-04-27/2026-05-01": segment({"03": 1}),
}


def links_of(snapshots):
    """What every reader knows of each piece (only the tables these pieces have)."""
    return [
        link
        for key, snap in snapshots.items()
        for link in month_links(key, snap)
        if link.left and link.right
    ]


def publish(periods, snapshots, cells, hidden, links):
    """Protect `periods` as released one after the other; returns the hidden cells."""
    for period in periods:
        new = release_cells(period, snapshots, threshold=5, standalone={})
        cells.update(new)
        hidden = protect(cells, threshold=5, new=new, hidden_before=hidden, links=links)
    return hidden


def test_a_month_minus_its_whole_weeks_does_not_pin_the_partial_weeks():
    links = links_of(SEGMENTS)
    cells, hidden = {}, set()
    hidden = publish([APRIL, *WHOLE_WEEKS], SEGMENTS, cells, hidden, links)
    result = audit(cells, hidden, 5, links)
    assert result.safe
    assert ("2026-04", "visits.hour", "03") in result.intervals  # the small cell is guarded
    assert result.intervals[("2026-04", "visits.hour", "03")].width >= 5


def test_atoms_by_month_let_the_difference_through():
    """Weeks whose cells the auditor cannot relate to their month's (a month's atoms
    are not made of its weeks') are protected as if alone: nothing of them is hidden,
    and then April's hidden 03:00 (two people) is pinned by April minus its weeks."""
    links = links_of(SEGMENTS)
    cells = release_cells(APRIL, SEGMENTS, threshold=5, standalone={})
    hidden = protect(cells, threshold=5, new=cells, links=links)
    for week in WHOLE_WEEKS:  # each week on its own atoms, as a month would be
        own = {week.key: sum_of(SEGMENTS, week)}
        alone = release_cells(week, own, threshold=5, standalone={})
        hidden |= protect(alone, threshold=5, new=alone, links=links_of(own))
    # The same published figures, read by someone who knows weeks and months share days:
    every = dict(cells)
    for week in WHOLE_WEEKS:
        every.update(release_cells(week, SEGMENTS, threshold=5, standalone={}))
    result = audit(every, hidden, 5, links)
    assert not result.safe
    low, high = (
        result.intervals[("2026-04", "visits.hour", "03")].__dict__[k] for k in ("low", "high")
    )
    assert (low, high) == (0, 2)


def test_pieces_no_release_tells_apart_are_audited_as_one_with_the_same_intervals():
    alone = merge_pieces(SEGMENTS, cuts={APRIL.first, APRIL.end})
    assert list(alone) == ["2026-04-01/2026-05-01"]
    assert alone["2026-04-01/2026-05-01"] == segment({"03": 2, "10": 60, "22": 6})
    cuts = {day for p in [APRIL, *WHOLE_WEEKS] for day in (p.first, p.end)}
    assert merge_pieces(SEGMENTS, cuts=cuts) == SEGMENTS  # every boundary is released
    hidden = publish([APRIL], SEGMENTS, {}, set(), links_of(SEGMENTS))
    intervals = [
        audit(release_cells(APRIL, pieces, threshold=5, standalone={}), hidden, 5,
              links_of(pieces), every=True).intervals
        for pieces in (SEGMENTS, alone)
    ]  # fmt: skip
    assert intervals[0] == intervals[1] and intervals[0]


def sum_of(snapshots, period):
    total: dict = {}
    for key, snap in snapshots.items():
        first = datetime.fromisoformat(key.split("/")[0]).date()
        if period.first <= first < period.end:
            for table, rows in snap.items():
                for label, n in rows.items():
                    total.setdefault(table, {}).setdefault(label, 0)
                    total[table][label] += n
    return total


# --- with the database ---------------------------------------------------------------

pytestmark_db = pytest.mark.django_db
MAY = datetime(2026, 5, 10, 12, tzinfo=AMMAN)


def visit(centre, day, hour, people=1, **fields):
    return VisitFactory(
        centre=centre,
        arrived_at=datetime(2026, 4, day, hour, tzinfo=AMMAN),
        people=people,
        **fields,
    )


def busy_april(centre):
    for day in range(1, 31):
        visit(centre, day, 10, people=3, gender="woman")
        visit(centre, day, 15, people=2, gender="man")
    visit(centre, 2, 3, gender="other")  # alone, in the partial first week
    visit(centre, 29, 3, gender="other")  # alone, in the partial last week


@pytestmark_db
def test_released_weeks_and_their_month_pass_the_audit(centre):
    busy_april(centre)
    for week in WHOLE_WEEKS:
        release(centre=centre, period=week, now=MAY)
    april = release(centre=centre, period="2026-04", now=MAY)
    assert april.value("visits.gender", "other") is None
    assert april.value("visits.total", "people") == 152
    weeks = [Release.objects.get(period_kind="week", period_start=w.first) for w in WHOLE_WEEKS]
    assert [w.value("visits.total", "people") for w in weeks] == [35, 35, 35]
    assert [s.segment.key for s in SegmentSnapshot.objects.all()] == list(SEGMENTS)
    result = audit_family(centre, 2026)
    assert result.safe and result.intervals


@pytestmark_db
def test_a_week_across_the_new_year_or_not_ended_is_refused(centre):
    with pytest.raises(PeriodRefused, match="two calendar years"):
        release(centre=centre, period="2026-W53", now=datetime(2027, 2, 1, tzinfo=AMMAN))
    with pytest.raises(PeriodRefused, match="ended"):
        release(centre=centre, period="2026-W19", now=MAY)  # 4–10 May: ends at midnight
    assert not Release.objects.exists() and not SegmentSnapshot.objects.exists()


@pytestmark_db
def test_a_month_reuses_the_segments_its_weeks_were_built_from(centre):
    busy_april(centre)
    week = release(centre=centre, period="2026-W15", now=datetime(2026, 4, 14, tzinfo=AMMAN))
    assert week.value("visits.total", "people") == 35
    visit(centre, 8, 3, gender="other")  # recorded late, into the released week
    april = release(centre=centre, period="2026-04", now=MAY)
    # April is its stored first whole week plus its other segments read now: April
    # minus the week shows no trace of the late visit.
    assert april.value("visits.total", "people") - week.value("visits.total", "people") == 117
    assert SegmentSnapshot.objects.filter(first="2026-04-06").count() == 1


@pytestmark_db
def test_weeks_of_a_month_stored_in_one_piece_are_refused(centre):
    busy_april(centre)
    release(centre=centre, period="2026-04", now=MAY)
    piece = SegmentSnapshot.objects.filter(first__month=4)
    exact = sum_of({s.segment.key: s.exact for s in piece}, APRIL)
    piece.delete()  # as migrated from a month released before segments
    SegmentSnapshot.objects.create(
        centre=centre, first=APRIL.first, end=APRIL.end, zone="Asia/Amman", read_at=MAY,
        exact=exact,
    )  # fmt: skip
    with pytest.raises(PeriodRefused, match="in one piece"):
        release(centre=centre, period="2026-W16", now=MAY)
    assert release(centre=centre, period="2026-Q2", now=datetime(2026, 7, 2, tzinfo=AMMAN))
