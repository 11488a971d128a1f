"""Reads that cross models: the centre's figures of visits, with small cells suppressed
for everyone outside the centre's staff."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.models import Centre

from .models import Consent, ConsentPurpose, Member, Visit

HOURS = range(24)
K = TypeVar("K", bound=Hashable)


def suppress(counts: Mapping[K, int], threshold: int) -> dict[K, int | None]:
    """Hide (as None) every count from 1 to threshold - 1, and, when that hides exactly
    one cell, the next smallest one too, so that the total minus the visible cells
    never gives a hidden count away. Zeros stay visible; they describe nobody."""
    hidden = {key for key, count in counts.items() if 0 < count < threshold}
    if len(hidden) == 1:
        visible = [(count, key) for key, count in counts.items() if key not in hidden and count]
        if visible:
            hidden.add(min(visible, key=lambda pair: pair[0])[1])
    return {key: None if key in hidden else count for key, count in counts.items()}


def suppress_one(count: int, threshold: int) -> int | None:
    return suppress({"count": count}, threshold)["count"]


@dataclass(frozen=True)
class VisitFigures:
    """People (not rows: a head-count row holds several) who came in a period.
    Any count may be None: hidden to protect a small group (see `suppress`)."""

    threshold: int | None
    days: list[tuple[date, int | None]]  # every day of the period, zeros included
    weeks: list[tuple[date, int | None]]  # ISO weeks, by their first day in the period
    hours: list[tuple[int, int | None]]  # 0-23, local time of arrival
    purposes: list[tuple[ServiceCategory, int | None]]
    total: int | None
    anonymous: int | None
    identified: int | None
    unique_identified: int | None

    @property
    def anonymous_share(self) -> float | None:
        if self.anonymous is None or self.identified is None:
            return None
        everyone = self.anonymous + self.identified
        return self.anonymous / everyone if everyone else None

    @property
    def anonymous_percent(self) -> int | None:
        share = self.anonymous_share
        return None if share is None else round(share * 100)

    @property
    def busiest_hour(self) -> int | None:
        # A hidden hour is never the busiest: it is below the threshold or smaller
        # than a visible one (see `suppress`).
        visible = [(count, hour) for hour, count in self.hours if count]
        return max(visible, key=lambda pair: pair[0])[1] if visible else None

    @property
    def suppressed(self) -> bool:
        return self.threshold is not None


def visit_figures(
    *, centre: Centre, since: datetime, until: datetime, threshold: int | None
) -> VisitFigures:
    """The centre's visits from `since` (included) to `until` (excluded), by local day,
    ISO week, hour of arrival and purpose. A constant number of queries.

    With a threshold the figures leave the centre's staff: identified visits then count
    only members who consent to anonymised statistics, and small cells are hidden.
    """
    tz = timezone.get_current_timezone()
    visits = Visit.objects.for_centre(centre).between(since, until)
    if threshold is not None:
        visits = visits.filter(Q(member__isnull=True) | Exists(_statistics_consent()))
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
    days = {day: by_day.get(day, 0) for day in _local_days(since, until)}
    hours = {hour: by_hour.get(hour, 0) for hour in HOURS}
    categories = ServiceCategory.objects.for_centre(centre)
    purposes = {category: by_purpose.get(category.pk, 0) for category in categories}
    return _figures(days, hours, purposes, people, threshold)


def _statistics_consent():
    return Consent.objects.current().filter(
        member=OuterRef("member"), purpose=ConsentPurpose.STATISTICS
    )


def _local_days(since: datetime, until: datetime) -> list[date]:
    first = timezone.localdate(since)
    last = timezone.localdate(until - timedelta(microseconds=1))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _weeks(days: Mapping[date, int]) -> dict[date, dict[date, int]]:
    weeks: dict[date, dict[date, int]] = {}
    for day, count in days.items():
        weeks.setdefault(day - timedelta(days=day.weekday()), {})[day] = count
    return weeks


def _figures(days, hours, purposes, people, threshold) -> VisitFigures:
    weeks = _weeks(days)
    week_totals = {min(week): sum(week.values()) for week in weeks.values()}
    total = people["anonymous"] + people["identified"]
    if threshold is None:
        return VisitFigures(
            threshold=None,
            days=list(days.items()),
            weeks=list(week_totals.items()),
            hours=list(hours.items()),
            purposes=list(purposes.items()),
            total=total,
            anonymous=people["anonymous"],
            identified=people["identified"],
            unique_identified=people["unique_identified"],
        )
    shown_weeks = suppress(week_totals, threshold)
    split = suppress(
        {"anonymous": people["anonymous"], "identified": people["identified"]}, threshold
    )
    return VisitFigures(
        threshold=threshold,
        days=[
            pair
            for week in weeks.values()
            for pair in _suppress_days(week, shown_weeks[min(week)], threshold).items()
        ],
        weeks=list(shown_weeks.items()),
        hours=list(suppress(hours, threshold).items()),
        purposes=list(suppress(purposes, threshold).items()),
        total=suppress_one(total, threshold),
        anonymous=split["anonymous"],
        identified=split["identified"],
        unique_identified=suppress_one(people["unique_identified"], threshold),
    )


def _suppress_days(week: dict[date, int], week_total: int | None, threshold: int) -> dict:
    """A week's total is the total of its days: suppress the days as one breakdown. When
    the week itself is hidden, hide at least one of its days, or the visible days would
    add up to it (and, through the period's total, to the other hidden week)."""
    shown = suppress(week, threshold)
    if week_total is None and None not in shown.values():
        smallest = min((count, day) for day, count in week.items() if count)[1]
        shown[smallest] = None
    return shown


def own_member(user, centre: Centre) -> Member | None:
    """The member record linked to this account in this centre, if any (never an
    erased one): what a worker member books, asks and answers as."""
    member = getattr(user, "member", None) if user.is_authenticated else None
    if member is None or member.centre_id != centre.pk or member.erased_at is not None:
        return None
    return member
