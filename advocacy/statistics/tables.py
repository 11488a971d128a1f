"""The exact counts behind a release, read from the database for one centre and one
calendar month (the atoms of `audit`), and the shape of every table a release shows.
Visits are read from the centre's daily roll-ups (`members.rollups`); the other
tables from their rows, which number thousands, not millions.

Only people who may be counted are: anonymous head-counts, and members who consent to
anonymised statistics when the month is released. Labels are strings (they are stored
as JSON): hours "00"–"23", ISO weekdays "1"–"7", category and employer primary keys,
choice codes, and "" for "not recorded".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from django.db.models import Count, Exists, OuterRef, Sum

from members import rollups
from members.models import Consent, ConsentPurpose
from services.models import Session

from ..models import Status
from .periods import Period

OTHER = "*other"  # the pooled row of a table that names only large groups


@dataclass(frozen=True)
class TableSpec:
    """A table as stored for each month (`raw`) and how a release shows it.

    `linked_to`: the raw table whose month total equals this one's (each person is in
    exactly one row), or None. `pooled`: rows are named only with at least `threshold`
    in the release's period; the others are shown together as OTHER."""

    name: str
    group: str
    linked_to: str | None = None
    pooled: bool = False


TABLES = [
    TableSpec("visits.total", "visits"),
    TableSpec("visits.kind", "visits", "visits.total"),
    TableSpec("visits.hour", "visits", "visits.total"),
    TableSpec("visits.weekday", "visits", "visits.total"),
    TableSpec("visits.gender", "visits", "visits.total"),
    TableSpec("visits.age_band", "visits", "visits.total"),
    TableSpec("visits.nationality", "visits", "visits.total", pooled=True),
    TableSpec("visits.purpose", "visits"),  # a visit may have several purposes, or none
    TableSpec("use.people", "use"),
    TableSpec("requests.cell", "requests"),
    TableSpec("cases.total", "cases"),
    TableSpec("cases.status", "cases", "cases.total"),
    TableSpec("cases.sector", "cases", "cases.total"),
    TableSpec("cases.employer", "cases", "cases.total", pooled=True),
    TableSpec("cases.outcome", "cases"),  # linked to resolved + closed: see `links`
    TableSpec("cases.issue", "cases"),  # a case may have several issues
    TableSpec("cases.remedy", "cases"),  # a case may obtain several remedies
    TableSpec("feedback.responses", "feedback"),
    TableSpec("feedback.satisfaction", "feedback"),  # one per rating answer
    TableSpec("feedback.comments", "feedback"),
    TableSpec("feedback.sentiment", "feedback", "feedback.comments"),
    TableSpec("feedback.theme", "feedback"),  # a comment may have several themes
]
SPECS = {spec.name: spec for spec in TABLES}
FINISHED = (Status.RESOLVED.value, Status.CLOSED.value)

Snapshot = dict[str, dict[str, int]]


def _consenting(member_field: str) -> Exists:
    return Exists(
        Consent.objects.current().filter(
            member=OuterRef(member_field), purpose=ConsentPurpose.STATISTICS
        )
    )


def _zeros(labels) -> dict[str, int]:
    return {str(label): 0 for label in labels}


# Raw tables whose labels are properties of the calendar: a range of days that holds
# no Tuesday has nobody on Tuesday, and every reader knows it.
CALENDAR_TABLES = {"visits.weekday": lambda first, end: weekdays(first, end)}


@lru_cache(maxsize=4096)
def weekdays(first: date, end: date) -> frozenset[str]:
    """The ISO weekdays ("1" Monday … "7") of the local days [first, end)."""
    return frozenset(
        str((first + timedelta(days=n)).isoweekday()) for n in range(min(7, (end - first).days))
    )


def calendar_labels(table: str, first: date, end: date) -> frozenset[str] | None:
    """The labels of raw `table` that the local days [first, end) can hold anyone in,
    or None when the calendar rules none out (labels not tied to the calendar). A label
    outside them is a zero every reader can deduce: it is no unknown of the auditor's
    system (`family.release_cells`), and a range's snapshot does not list it."""
    rule = CALENDAR_TABLES.get(table)
    return None if rule is None else rule(first, end)


def month_snapshot(centre, month: Period, zone: tzinfo) -> Snapshot:
    """Every raw table of `centre` for one calendar month, zeros included. About
    fifteen queries, whatever the numbers (`snapshots.range_snapshots`, which reads
    many months, or any local date ranges, in the same queries)."""
    from .snapshots import range_snapshots

    return range_snapshots(centre, [(month.first, month.end)], zone)[0]


def counted_visits(centre, start, end):
    """Visits from `start` to `end` that may be counted outside the staff."""
    return rollups.counted_visits(centre, start, end)


def unique_members(centre, start, end) -> int:
    """Different consenting members who came: not additive over days or months, so it
    is computed for each release on its own, with one COUNT(DISTINCT) over the
    period's visits (read through the (centre, arrived_at) index)."""
    return counted_visits(centre, start, end).aggregate(n=Count("member", distinct=True))["n"]


def unique_members_of(centre, periods: Sequence[Period], zone: tzinfo) -> list[int]:
    """`unique_members` of each of `periods` (cut in `zone`), in the order given, in
    one query: the different members who came in each of the finest ranges of days the
    periods' bounds cut out, joined per period (a quarter's members are its months'
    members together), which is what COUNT(DISTINCT) over each period counts."""
    pieces, inside = _finest(periods, zone)
    came: list[set] = [set() for _ in pieces]
    for n, member in (
        counted_visits(centre, pieces[0][0], pieces[-1][1])
        .filter(member__isnull=False)
        .annotate(range_no=rollups.bucket("arrived_at", pieces))
        .values_list("range_no", "member")
        .distinct()
    ):
        if n is not None:
            came[n].add(member)
    return [len(set().union(*(came[n] for n in numbers))) for numbers in inside]


def session_facts_of(centre, periods: Sequence[Period], zone: tzinfo) -> list[dict]:
    """`session_facts` of each of `periods` (cut in `zone`), in the order given, in one
    query: sessions and places are counted in each of the finest ranges of days the
    periods' bounds cut out (a session is in the one its start falls in), then added
    up per period."""
    pieces, inside = _finest(periods, zone)
    per_piece: list[dict] = [{} for _ in pieces]
    for n, category, sessions, places in (
        Session.objects.for_centre(centre)
        .running()
        .between(pieces[0][0], pieces[-1][1])
        .annotate(range_no=rollups.bucket("starts_at", pieces))
        .order_by()
        .values("range_no", "service__category")
        .annotate(sessions=Count("pk"), places=Sum("capacity"))
        .values_list("range_no", "service__category", "sessions", "places")
    ):
        if n is not None:
            per_piece[n][str(category)] = (sessions, places)
    facts = []
    for numbers in inside:
        offer: dict[str, dict[str, int]] = {}
        for n in numbers:
            for category, (sessions, places) in per_piece[n].items():
                row = offer.setdefault(category, {"sessions": 0, "places": 0})
                row["sessions"] += sessions
                row["places"] += places
        facts.append(offer)
    return facts


def _finest(periods: Sequence[Period], zone: tzinfo) -> tuple[list, list[list[int]]]:
    """([start, end) instants of the finest ranges of days the bounds of `periods` cut
    out, in order], [the numbers of the ranges each period is made of])."""
    cuts = sorted({day for period in periods for day in (period.first, period.end)})
    days = [
        (first, end)
        for first, end in zip(cuts, cuts[1:], strict=False)
        if any(p.first <= first and end <= p.end for p in periods)
    ]
    inside = [
        [n for n, (first, end) in enumerate(days) if p.first <= first and end <= p.end]
        for p in periods
    ]
    pieces = [(_midnight(first, zone), _midnight(end, zone)) for first, end in days]
    return pieces, inside


def _midnight(day, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def session_facts(centre, start, end) -> dict[str, dict[str, int]]:
    """Sessions held and places offered per category: the centre's own offer, which
    describes nobody, so it is released exactly."""
    rows = (
        Session.objects.for_centre(centre)
        .running()
        .between(start, end)
        .order_by()
        .values("service__category")
        .annotate(sessions=Count("pk"), places=Sum("capacity"))
    )
    return {
        str(row["service__category"]): {"sessions": row["sessions"], "places": row["places"]}
        for row in rows
    }
