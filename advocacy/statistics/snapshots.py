"""The exact raw tables of a centre for many local date ranges at once.

`range_snapshots(centre, ranges, zone)` returns, for each range [first, end) of local
days, what `tables.month_snapshot` returns for a month — the same queries, each one
grouped by range instead of run once per range: a CASE expression numbers the range a
row falls in, and the rows of every range are counted in one GROUP BY. A year's twelve
months (or its week∩month segments) cost about a dozen queries, not a dozen per month.
Visits are read from the daily roll-ups (`members.rollups.visit_tables_by_range`); the
other tables (cases, requests, sessions, feedback) from their rows, through their
(centre, date) indexes: thousands of rows per centre and year, not millions.

Ranges may overlap: they are then split into layers of disjoint ranges, one set of
queries per layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from centres.categories import ServiceCategory
from members import rollups
from members.models import AgeBand, Gender, Sector
from members.rollups import bucket
from services.models import Booking, BookingStatus, RequestStatus, ServiceRequest, Session

from ..feedback.models import Answer, Comment, QuestionKind, Response, Sentiment, Theme, ThemeCode
from ..models import Grievance, IssueType, Outcome, Remedy, RemedyKind, Status
from .feedback_tables import RATINGS
from .tables import FINISHED, Snapshot, _consenting, _zeros, calendar_labels

Range = tuple[date, date]  # local days [first, end)


def layers(ranges: Sequence[Range]) -> list[list[int]]:
    """The indexes of `ranges` in groups of ranges that do not overlap (one group when
    none overlap), each group in date order."""
    groups: list[list[int]] = []
    for index in sorted(range(len(ranges)), key=lambda i: ranges[i]):
        for group in groups:
            if ranges[group[-1]][1] <= ranges[index][0]:
                group.append(index)
                break
        else:
            groups.append([index])
    return groups


def range_snapshots(centre, ranges: Sequence[Range], zone: tzinfo) -> list[Snapshot]:
    """Every raw table of `centre` for each range of local days [first, end) of
    `ranges`, zeros included, in the order given. About fifteen queries per layer of
    non-overlapping ranges, whatever the number of ranges or of rows."""
    categories = [
        str(pk) for pk in ServiceCategory.objects.for_centre(centre).values_list("pk", flat=True)
    ]
    result: list[Snapshot] = [{} for _ in ranges]
    for group in layers(ranges):
        days = [ranges[i] for i in group]
        instants = [
            (
                datetime.combine(first, time.min, tzinfo=zone),
                datetime.combine(end, time.min, tzinfo=zone),
            )
            for first, end in days
        ]
        parts = [
            _visits(centre, days, categories),
            _use(centre, instants, categories),
            _requests(centre, instants, categories),
            _cases(centre, instants),
            _feedback(centre, days),
        ]
        for n, index in enumerate(group):
            for part in parts:
                result[index].update(part[n])
    return result


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _visits(centre, days: list[Range], categories) -> list[Snapshot]:
    snapshots = []
    rolled_ranges = rollups.visit_tables_by_range(centre, days)
    for (first, end), rolled in zip(days, rolled_ranges, strict=True):
        hours = {**_zeros(f"{h:02d}" for h in range(24)), **rolled["visits.hour"]}
        purposes = _zeros(categories)
        for pk, people in rolled["visits.purpose"].items():
            if pk in purposes:
                purposes[pk] = people
        snapshots.append(
            {
                "visits.total": {"people": sum(hours.values())},
                "visits.kind": {**_zeros(["anonymous", "identified"]), **rolled["visits.kind"]},
                "visits.hour": hours,
                "visits.weekday": {
                    **_zeros(sorted(calendar_labels("visits.weekday", first, end))),
                    **rolled["visits.weekday"],
                },
                "visits.gender": {**_zeros([*Gender.values, ""]), **rolled["visits.gender"]},
                "visits.age_band": {**_zeros([*AgeBand.values, ""]), **rolled["visits.age_band"]},
                "visits.nationality": {"": 0, **rolled["visits.nationality"]},
                "visits.purpose": purposes,
            }
        )
    return snapshots


def _use(centre, instants, categories) -> list[Snapshot]:
    attended = Booking.objects.filter(
        session=OuterRef("pk"), status=BookingStatus.BOOKED, attended=True
    ).filter(_consenting("member"))
    per_session = attended.order_by().values("session").annotate(n=Count("pk")).values("n")
    people = [_zeros(categories) for _ in instants]
    for n, category, count in (
        Session.objects.for_centre(centre)
        .running()
        .between(instants[0][0], instants[-1][1])
        .annotate(
            booked=Coalesce(Subquery(per_session, output_field=IntegerField()), 0),
            range_no=bucket("starts_at", instants),
        )
        .order_by()
        .values("range_no", "service__category")
        .annotate(people=Sum("booked") + Sum("walk_ins"))
        .values_list("range_no", "service__category", "people")
    ):
        if n is not None:
            people[n][str(category)] = count
    return [{"use.people": table} for table in people]


def _requests(centre, instants, categories) -> list[Snapshot]:
    cells = [
        {f"{c}|{s}": 0 for c in [*categories, ""] for s in RequestStatus.values} for _ in instants
    ]
    for n, category, status, count in (
        ServiceRequest.objects.for_centre(centre)
        .filter(created_at__gte=instants[0][0], created_at__lt=instants[-1][1])
        .filter(Q(member__isnull=True) | _consenting("member"))
        .annotate(range_no=bucket("created_at", instants))
        .order_by()
        .values("range_no", "category", "status")
        .annotate(n=Count("pk"))
        .values_list("range_no", "category", "status", "n")
    ):
        key = f"{category or ''}|{status}"
        if n is not None and key in cells[n]:
            cells[n][key] = count
    return [{"requests.cell": table} for table in cells]


def _counts(cases, field: str, labels, size: int) -> list[dict[str, int]]:
    counts = [_zeros(labels) for _ in range(size)]
    for n, value, count in (
        cases.values("range_no", field)
        .annotate(n=Count("pk", distinct=True))
        .values_list("range_no", field, "n")
    ):
        if n is None:
            continue
        key = "" if value is None else str(value)
        counts[n][key] = counts[n].get(key, 0) + count
    return counts


def _cases(centre, instants) -> list[Snapshot]:
    size = len(instants)
    cases = (
        Grievance.objects.for_centre(centre)
        .filter(opened_at__gte=instants[0][0], opened_at__lt=instants[-1][1], member__isnull=False)
        .filter(_consenting("member"))
        .annotate(range_no=bucket("opened_at", instants))
        .order_by()
    )
    status = _counts(cases, "status", Status.values, size)
    remedies = [_zeros(RemedyKind.values) for _ in instants]
    for n, kind, count in (
        Remedy.objects.filter(grievance__in=cases.values("pk"))
        .annotate(range_no=bucket("grievance__opened_at", instants))
        .order_by()
        .values("range_no", "kind")
        .annotate(n=Count("grievance", distinct=True))
        .values_list("range_no", "kind", "n")
    ):
        if n is not None:
            remedies[n][kind] = count
    sector = _counts(cases, "sector", [*Sector.values, ""], size)
    employer = _counts(cases, "employer", [""], size)
    outcome = _counts(cases.filter(status__in=FINISHED), "outcome", [*Outcome.values, ""], size)
    issue = _counts(cases, "issues__issue_type", IssueType.values, size)
    return [
        {
            "cases.total": {"cases": sum(status[n].values())},
            "cases.status": status[n],
            "cases.sector": sector[n],
            "cases.employer": employer[n],
            "cases.outcome": outcome[n],
            "cases.issue": issue[n],
            "cases.remedy": remedies[n],
        }
        for n in range(size)
    ]


def _feedback(centre, days: list[Range]) -> list[Snapshot]:
    """The feedback tables (`feedback_tables.feedback_snapshot`) of each range."""
    size = len(days)
    within = {"submitted_on__gte": days[0][0], "submitted_on__lt": days[-1][1]}
    consenting = Q(member__isnull=True) | _consenting("member")
    responses = (
        Response.objects.filter(centre=centre, **within)
        .filter(consenting)
        .annotate(range_no=bucket("submitted_on", days))
        .order_by()
    )
    comments = (
        Comment.objects.for_centre(centre)
        .filter(**within)
        .filter(consenting)
        .annotate(range_no=bucket("submitted_on", days))
        .order_by()
    )
    answered = [0] * size
    for n, count in (
        responses.values("range_no").annotate(n=Count("pk")).values_list("range_no", "n")
    ):
        if n is not None:
            answered[n] = count
    ratings = [_zeros(RATINGS) for _ in days]
    for n, rating, count in (
        Answer.objects.filter(
            response__in=responses.values("pk"),
            question__kind=QuestionKind.RATING,
            rating__isnull=False,
        )
        .annotate(range_no=bucket("response__submitted_on", days))
        .order_by()
        .values("range_no", "rating")
        .annotate(n=Count("pk"))
        .values_list("range_no", "rating", "n")
    ):
        if n is not None:
            ratings[n][str(rating)] = count
    sentiment = [_zeros([*Sentiment.values, ""]) for _ in days]
    for n, value, count in (
        comments.values("range_no", "sentiment")
        .annotate(n=Count("pk"))
        .values_list("range_no", "sentiment", "n")
    ):
        if n is not None:
            sentiment[n][value if value in sentiment[n] else ""] += count
    themes = [_zeros(ThemeCode.values) for _ in days]
    for n, code, count in (
        Theme.objects.filter(comment__in=comments.values("pk"))
        .annotate(range_no=bucket("comment__submitted_on", days))
        .order_by()
        .values("range_no", "code")
        .annotate(n=Count("comment", distinct=True))
        .values_list("range_no", "code", "n")
    ):
        if n is not None and code in themes[n]:
            themes[n][code] = count
    return [
        {
            "feedback.responses": {"responses": answered[n]},
            "feedback.satisfaction": ratings[n],
            "feedback.comments": {"comments": sum(sentiment[n].values())},
            "feedback.sentiment": sentiment[n],
            "feedback.theme": themes[n],
        }
        for n in range(size)
    ]
