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
# The figures of a range of closed days: the range moves on each day anyway.
CLOSED_CACHED_FOR = 24 * 60 * 60


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
    # Names what the whole closed days at the start of `days` hold (a cache key: ids,
    # dates and `rollups.version`, which changes whenever one of them is forgotten);
    # "" when the period does not start with a closed day.
    closed: str = ""
    closed_count: int = 0  # how many of `days` that is
    closed_weeks_count: int = 0  # how many of `weeks` fall wholly in those days

    @property
    def closed_days(self) -> list[tuple[date, int]]:
        return self.days[: self.closed_count]

    @property
    def open_days(self) -> list[tuple[date, int]]:
        return self.days[self.closed_count :]

    @property
    def closed_weeks(self) -> list[tuple[date, int]]:
        return self.weeks[: self.closed_weeks_count]

    @property
    def open_weeks(self) -> list[tuple[date, int]]:
        return self.weeks[self.closed_weeks_count :]

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
    themselves. The closed days' part, different members who came included (which is
    not additive), is computed once and cached under `rollups.version` (whatever
    changes a closed day, a back-dated visit or an erasure, changes it); the members
    of the rest who did not come then are added. A constant number of queries (four,
    four more on a cache miss), whatever the number of visits."""
    tz = zone_of(centre)
    first, last = _closed_days(centre, since, until, tz)
    days = {day: 0 for day in _local_days(since, until, tz)}
    hours = dict.fromkeys(HOURS, 0)
    by_purpose: dict[int, int] = {}
    people = {"anonymous": 0, "identified": 0, "unique_identified": 0}
    closed = ""
    if first <= last:
        middle = day_bounds(first, last, tz)
        closed = f"visit-closed:{centre.pk}:{first}:{last}:{tz.key}:{rollups.version(centre)}"
        part = cache.get(closed)
        if part is None:
            part = _closed_part(centre, first, last, middle)
            cache.set(closed, part, timeout=CLOSED_CACHED_FOR)
        for day, count in part["days"].items():
            days[day] += count
        for hour, count in part["hours"].items():
            hours[hour] += count
        by_purpose.update(part["purposes"])
        for kind in people:
            people[kind] += part[kind]
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
    if closed and first != next(iter(days)):
        closed = ""  # a part day comes first: the closed days are not the page's first
    return _figures(days, hours, purposes, people, closed=closed, last_closed=last)


def _closed_days(centre: Centre, since: datetime, until: datetime, tz) -> tuple[date, date]:
    """The first and last whole local days inside [since, until) that have ended (the
    days that are rolled up); first > last when there is none."""
    first = timezone.localdate(since, tz)
    if day_start(first, tz) < since:
        first += timedelta(days=1)
    last = timezone.localdate(until, tz) - timedelta(days=1)
    return first, min(last, today(centre) - timedelta(days=1))


def _closed_part(centre: Centre, first: date, last: date, bounds) -> dict:
    """The whole closed days `first` to `last` (instants `bounds`): people per day, per
    hour and per purpose id from the roll-ups, by kind, and different members who came
    (three queries once the days are rolled up)."""
    part = {"days": {}, "hours": {}, "purposes": {}, "anonymous": 0, "identified": 0}
    for day, tables in rollups.staff_tables(centre, first, last).items():
        for kind, count in tables.get("staff.kind", {}).items():
            part["days"][day] = part["days"].get(day, 0) + count
            part[kind] += count
        for hour, count in tables.get("staff.hour", {}).items():
            part["hours"][int(hour)] = part["hours"].get(int(hour), 0) + count
        for category, count in tables.get("staff.purpose", {}).items():
            part["purposes"][int(category)] = part["purposes"].get(int(category), 0) + count
    part["unique_identified"] = (
        Visit.objects.for_centre(centre)
        .between(*bounds)
        .aggregate(n=Count("member", distinct=True))["n"]
    )
    return part


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


def _figures(days, hours, purposes, people, *, closed: str, last_closed: date) -> VisitFigures:
    weeks = _weeks(days)
    closed_count = (last_closed - next(iter(days))).days + 1 if closed else 0
    closed_weeks = 0
    for week in weeks.values() if closed else ():
        if max(week) > last_closed:  # its last day in the period is not closed
            break
        closed_weeks += 1
    return VisitFigures(
        days=list(days.items()),
        weeks=[(min(week), sum(week.values())) for week in weeks.values()],
        hours=list(hours.items()),
        purposes=list(purposes.items()),
        total=people["anonymous"] + people["identified"],
        anonymous=people["anonymous"],
        identified=people["identified"],
        unique_identified=people["unique_identified"],
        closed=closed,
        closed_count=closed_count,
        closed_weeks_count=closed_weeks,
    )


def own_member(user, centre: Centre) -> Member | None:
    """The member record linked to this account in this centre, if any (never an
    erased one): what a worker member books, asks and answers as."""
    member = getattr(user, "member", None) if user.is_authenticated else None
    if member is None or member.centre_id != centre.pk or member.erased_at is not None:
        return None
    return member
