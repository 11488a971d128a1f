"""Reads that cross models: the centre's live, exact figures of visits, for its staff.

Figures for anyone outside the staff come from releases of closed periods
(advocacy.statistics), never from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.local_time import zone_of
from centres.models import Centre

from .models import Member, Visit

HOURS = range(24)


@dataclass(frozen=True)
class VisitFigures:
    """People (not rows: a head-count row holds several) who came in a period, exactly."""

    days: list[tuple[date, int]]  # every day of the period, zeros included
    weeks: list[tuple[date, int]]  # ISO weeks, by their first day in the period
    hours: list[tuple[int, int]]  # 0-23, local time of arrival
    purposes: list[tuple[ServiceCategory, int]]
    total: int
    anonymous: int
    identified: int
    unique_identified: int

    @property
    def anonymous_share(self) -> float | None:
        everyone = self.anonymous + self.identified
        return self.anonymous / everyone if everyone else None

    @property
    def anonymous_percent(self) -> int | None:
        share = self.anonymous_share
        return None if share is None else round(share * 100)

    @property
    def busiest_hour(self) -> int | None:
        visible = [(count, hour) for hour, count in self.hours if count]
        return max(visible, key=lambda pair: pair[0])[1] if visible else None


def visit_figures(*, centre: Centre, since: datetime, until: datetime) -> VisitFigures:
    """The centre's visits from `since` (included) to `until` (excluded), by local day,
    ISO week, hour of arrival and purpose, exactly: for the staff only. A constant
    number of queries."""
    tz = zone_of(centre)
    visits = Visit.objects.for_centre(centre).between(since, until)
    by_day = dict(
        visits.annotate(day=TruncDate("arrived_at", tzinfo=tz))
        .values("day")
        .annotate(people=Sum("people"))
        .values_list("day", "people")
    )
    by_hour = dict(
        visits.annotate(hour=ExtractHour("arrived_at", tzinfo=tz))
        .values("hour")
        .annotate(people=Sum("people"))
        .values_list("hour", "people")
    )
    by_purpose = dict(
        visits.values("purposes").annotate(people=Sum("people")).values_list("purposes", "people")
    )
    people = visits.aggregate(
        anonymous=Sum("people", filter=Q(member__isnull=True), default=0),
        identified=Sum("people", filter=Q(member__isnull=False), default=0),
        unique_identified=Count("member", distinct=True),
    )
    days = {day: by_day.get(day, 0) for day in _local_days(since, until, tz)}
    hours = {hour: by_hour.get(hour, 0) for hour in HOURS}
    categories = ServiceCategory.objects.for_centre(centre)
    purposes = {category: by_purpose.get(category.pk, 0) for category in categories}
    return _figures(days, hours, purposes, people)


def _local_days(since: datetime, until: datetime, tz) -> list[date]:
    first = timezone.localdate(since, tz)
    last = timezone.localdate(until - timedelta(microseconds=1), tz)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _weeks(days: Mapping[date, int]) -> dict[date, dict[date, int]]:
    weeks: dict[date, dict[date, int]] = {}
    for day, count in days.items():
        weeks.setdefault(day - timedelta(days=day.weekday()), {})[day] = count
    return weeks


def _figures(days, hours, purposes, people) -> VisitFigures:
    weeks = _weeks(days)
    return VisitFigures(
        days=list(days.items()),
        weeks=[(min(week), sum(week.values())) for week in weeks.values()],
        hours=list(hours.items()),
        purposes=list(purposes.items()),
        total=people["anonymous"] + people["identified"],
        anonymous=people["anonymous"],
        identified=people["identified"],
        unique_identified=people["unique_identified"],
    )


def own_member(user, centre: Centre) -> Member | None:
    """The member record linked to this account in this centre, if any (never an
    erased one): what a worker member books, asks and answers as."""
    member = getattr(user, "member", None) if user.is_authenticated else None
    if member is None or member.centre_id != centre.pk or member.erased_at is not None:
        return None
    return member
