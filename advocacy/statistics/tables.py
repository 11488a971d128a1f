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

from dataclasses import dataclass
from datetime import tzinfo

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
