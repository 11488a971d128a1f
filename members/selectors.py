"""Reads that cross models: the centre's live, exact figures of visits, for its staff.

Figures for anyone outside the staff come from releases of closed periods
(advocacy.statistics), never from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Sum
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.local_time import day_bounds, day_start, today, zone_of
from centres.models import Centre

from . import rollups
from .models import Member, Visit

HOURS = range(24)
# Different members over a range of closed days: the range moves on each day anyway.
MEMBERS_CACHED_FOR = 24 * 60 * 60


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
    ISO week, hour of arrival and purpose, exactly: for the staff only.

    Whole closed local days are read from the daily roll-ups (`members.rollups`,
    `STAFF_TABLES`), what is left (today so far, part days at the ends) from the visits
    themselves. Different members who came is not additive: over the closed days it is
    counted once and cached under `rollups.version` (a back-dated visit changes it),
    and the members of the rest who did not come then are added. A constant number of
    queries (six, one more on a cache miss), whatever the number of visits."""
    tz = zone_of(centre)
    first, last = _closed_days(centre, since, until, tz)
    days = {day: 0 for day in _local_days(since, until, tz)}
    hours = dict.fromkeys(HOURS, 0)
    by_purpose: dict[int, int] = {}
    people = {"anonymous": 0, "identified": 0, "unique_identified": 0}
    if first <= last:
        middle = day_bounds(first, last, tz)
        for day, tables in rollups.staff_tables(centre, first, last).items():
            for kind, count in tables.get("staff.kind", {}).items():
                days[day] += count
                people[kind] += count
            for hour, count in tables.get("staff.hour", {}).items():
                hours[int(hour)] += count
            for category, count in tables.get("staff.purpose", {}).items():
                by_purpose[int(category)] = by_purpose.get(int(category), 0) + count
        people["unique_identified"] = _members_between(centre, *middle)
        # Two ranges the (centre, arrived_at) index reads, not "the period but not the
        # middle", which PostgreSQL reads as the whole period filtered.
        rest = Visit.objects.for_centre(centre).filter(
            Q(arrived_at__gte=since, arrived_at__lt=middle[0])
            | Q(arrived_at__gte=middle[1], arrived_at__lt=until)
        )
        came_before = Visit.objects.for_centre(centre).between(*middle)
        newcomers = rest.exclude(Exists(came_before.filter(member=OuterRef("member")).order_by()))
    else:
        rest = newcomers = Visit.objects.for_centre(centre).between(since, until)
    _add_raw(rest, tz, days, hours, by_purpose, people)
    people["unique_identified"] += newcomers.aggregate(n=Count("member", distinct=True))["n"]
    categories = ServiceCategory.objects.for_centre(centre)
    purposes = {category: by_purpose.get(category.pk, 0) for category in categories}
    return _figures(days, hours, purposes, people)


def _closed_days(centre: Centre, since: datetime, until: datetime, tz) -> tuple[date, date]:
    """The first and last whole local days inside [since, until) that have ended (the
    days that are rolled up); first > last when there is none."""
    first = timezone.localdate(since, tz)
    if day_start(first, tz) < since:
        first += timedelta(days=1)
    last = timezone.localdate(until, tz) - timedelta(days=1)
    return first, min(last, today(centre) - timedelta(days=1))


def _members_between(centre: Centre, start: datetime, end: datetime) -> int:
    """Different members who came from `start` to `end` (whole closed days), cached."""
    key = f"visit-members:{centre.pk}:{start.isoformat()}:{end.isoformat()}"
    key += f":{rollups.version(centre)}"
    count = cache.get(key)
    if count is None:
        count = (
            Visit.objects.for_centre(centre)
            .between(start, end)
            .aggregate(n=Count("member", distinct=True))["n"]
        )
        cache.set(key, count, timeout=MEMBERS_CACHED_FOR)
    return count


def _add_raw(visits, tz, days, hours, by_purpose, people) -> None:
    """Add the visits not rolled up (two queries)."""
    for day, hour, identified, count in (
        visits.annotate(
            day=TruncDate("arrived_at", tzinfo=tz),
            hour=ExtractHour("arrived_at", tzinfo=tz),
            identified=ExpressionWrapper(Q(member__isnull=False), output_field=BooleanField()),
        )
        .values("day", "hour", "identified")
        .annotate(n=Sum("people"))
        .values_list("day", "hour", "identified", "n")
    ):
        days[day] = days.get(day, 0) + count
        hours[hour] += count
        people["identified" if identified else "anonymous"] += count
    for category, count in (
        visits.filter(purposes__isnull=False)
        .values("purposes")
        .annotate(n=Sum("people"))
        .values_list("purposes", "n")
    ):
        by_purpose[category] = by_purpose.get(category, 0) + count


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
