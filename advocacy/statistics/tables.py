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
from datetime import timedelta, tzinfo

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from centres.categories import ServiceCategory
from members import rollups
from members.models import AgeBand, Consent, ConsentPurpose, Gender, Sector
from services.models import Booking, BookingStatus, RequestStatus, ServiceRequest, Session

from ..models import Grievance, IssueType, Outcome, Remedy, RemedyKind, Status
from .feedback_tables import feedback_snapshot
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
    """Every raw table of `centre` for one calendar month, zeros included. About a
    dozen queries, whatever the numbers."""
    start, end = month.bounds(zone)
    categories = [
        str(pk) for pk in ServiceCategory.objects.for_centre(centre).values_list("pk", flat=True)
    ]
    snapshot: Snapshot = {}
    snapshot.update(_visits(centre, month, categories))
    snapshot["use.people"] = _use(centre, start, end, categories)
    snapshot["requests.cell"] = _requests(centre, start, end, categories)
    snapshot.update(_cases(centre, start, end))
    snapshot.update(feedback_snapshot(centre, month, _consenting("member")))
    return snapshot


def counted_visits(centre, start, end):
    """Visits from `start` to `end` that may be counted outside the staff."""
    return rollups.counted_visits(centre, start, end)


def _visits(centre, month: Period, categories) -> Snapshot:
    """The month's visits tables, summed from the centre's daily roll-ups
    (`members.rollups`: a few rows per day, not the visits themselves)."""
    rolled = rollups.visit_tables(centre, month.first, month.end - timedelta(days=1))
    hours = {**_zeros(f"{h:02d}" for h in range(24)), **rolled["visits.hour"]}
    purposes = _zeros(categories)
    for pk, people in rolled["visits.purpose"].items():
        if pk in purposes:
            purposes[pk] = people
    return {
        "visits.total": {"people": sum(hours.values())},
        "visits.kind": {**_zeros(["anonymous", "identified"]), **rolled["visits.kind"]},
        "visits.hour": hours,
        "visits.weekday": {**_zeros(range(1, 8)), **rolled["visits.weekday"]},
        "visits.gender": {**_zeros([*Gender.values, ""]), **rolled["visits.gender"]},
        "visits.age_band": {**_zeros([*AgeBand.values, ""]), **rolled["visits.age_band"]},
        "visits.nationality": {"": 0, **rolled["visits.nationality"]},
        "visits.purpose": purposes,
    }


def unique_members(centre, start, end) -> int:
    """Different consenting members who came: not additive over days or months, so it
    is computed for each release on its own, with one COUNT(DISTINCT) over the
    period's visits (read through the (centre, arrived_at) index)."""
    return counted_visits(centre, start, end).aggregate(n=Count("member", distinct=True))["n"]


def _use(centre, start, end, categories) -> dict[str, int]:
    """People who came to the sessions held, per category: consenting members marked
    as attended, plus walk-ins (a head-count)."""
    attended = Booking.objects.filter(
        session=OuterRef("pk"), status=BookingStatus.BOOKED, attended=True
    ).filter(_consenting("member"))
    per_session = attended.order_by().values("session").annotate(n=Count("pk")).values("n")
    rows = (
        Session.objects.for_centre(centre)
        .running()
        .between(start, end)
        .annotate(booked=Coalesce(Subquery(per_session, output_field=IntegerField()), 0))
        .order_by()
        .values("service__category")
        .annotate(people=Sum("booked") + Sum("walk_ins"))
    )
    people = _zeros(categories)
    for row in rows:
        people[str(row["service__category"])] = row["people"]
    return people


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


def _requests(centre, start, end, categories) -> dict[str, int]:
    """Requests made in the month, by kind of service and status (as it is when the
    month is released). Anonymous requests always count; a member's only with consent."""
    requests = (
        ServiceRequest.objects.for_centre(centre)
        .filter(created_at__gte=start, created_at__lt=end)
        .filter(Q(member__isnull=True) | _consenting("member"))
        .order_by()
    )
    cells = {f"{c}|{s}": 0 for c in [*categories, ""] for s in RequestStatus.values}
    for category, status, n in (
        requests.values("category", "status")
        .annotate(n=Count("pk"))
        .values_list("category", "status", "n")
    ):
        key = f"{category or ''}|{status}"
        if key in cells:
            cells[key] = n
    return cells


def consenting_cases(centre, start, end):
    """Cases opened from `start` to `end` whose member consents to anonymised
    statistics. Pseudonymous cases never count: nobody could agree for them."""
    return (
        Grievance.objects.for_centre(centre)
        .filter(opened_at__gte=start, opened_at__lt=end, member__isnull=False)
        .filter(_consenting("member"))
        .order_by()
    )


def _counts(cases, field: str, labels) -> dict[str, int]:
    counts = _zeros(labels)
    for value, n in (
        cases.values(field).annotate(n=Count("pk", distinct=True)).values_list(field, "n")
    ):
        key = "" if value is None else str(value)
        counts[key] = counts.get(key, 0) + n
    return counts


def _cases(centre, start, end) -> Snapshot:
    cases = consenting_cases(centre, start, end)
    status = _counts(cases, "status", Status.values)
    remedies = _zeros(RemedyKind.values)
    for kind, n in (
        Remedy.objects.filter(grievance__in=cases)
        .order_by()
        .values("kind")
        .annotate(n=Count("grievance", distinct=True))
        .values_list("kind", "n")
    ):
        remedies[kind] = n
    return {
        "cases.total": {"cases": sum(status.values())},
        "cases.status": status,
        "cases.sector": _counts(cases, "sector", [*Sector.values, ""]),
        "cases.employer": _counts(cases, "employer", [""]),
        "cases.outcome": _counts(
            cases.filter(status__in=FINISHED), "outcome", [*Outcome.values, ""]
        ),
        "cases.issue": _counts(cases, "issues__issue_type", IssueType.values),
        "cases.remedy": remedies,
    }
