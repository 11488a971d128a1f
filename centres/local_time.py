"""A centre's local time: its days, weeks and wall-clock times in its IANA time zone.

Stored instants are UTC. Whatever a person sees, filters, schedules or exports is in
the centre's own zone (`Centre.time_zone`): pages get it from `centre_view`, which
activates the zone for the request; tasks, exports and anything that runs outside a
request convert explicitly with these functions.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone


def zone_of(centre) -> ZoneInfo:
    """The centre's (or a programme's) IANA zone as a `ZoneInfo`: its `time_zone` once
    it has one, else settings.TIME_ZONE."""
    zone = getattr(centre, "time_zone", None)
    if isinstance(zone, ZoneInfo):
        return zone
    return ZoneInfo(str(zone) if zone else settings.TIME_ZONE)


def today(centre, now: datetime | None = None) -> date:
    """The calendar date at the centre now (or at the aware instant `now`)."""
    return timezone.localdate(now or timezone.now(), zone_of(centre))


def wall_clock(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant at which clocks in `zone` show `at` on `day`.

    Weekly schedules are wall-clock times: 18:00 stays 18:00 across DST. On the night
    clocks go back, an hour that happens twice is its first occurrence (fold=0); in the
    hour skipped when clocks go forward, the time is read with the offset before the
    change, i.e. it lands one hour later on the clock (PEP 495 semantics).
    """
    return datetime.combine(day, at, tzinfo=zone)


# One day in from the ends of `date`, so that converting to UTC can never overflow.
_FIRST_DAY = date.min + timedelta(days=1)
_LAST_DAY = date.max - timedelta(days=1)


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of the local `day` in `zone` (local midnight, or the first
    instant after it if a DST change skipped midnight)."""
    return wall_clock(min(max(day, _FIRST_DAY), _LAST_DAY), time.min, zone)


def day_end(day: date, zone: ZoneInfo) -> datetime:
    """The first instant after the local `day` in `zone`: the end of a half-open range."""
    return day_start(min(day, _LAST_DAY - timedelta(days=1)) + timedelta(days=1), zone)


def day_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) instants covering the local days `first` to `last` inclusive."""
    return day_start(first, zone), day_end(last, zone)


def week_start(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def local_iso(instant: datetime | None, zone: ZoneInfo) -> str:
    """`instant` as local ISO 8601 with its UTC offset, e.g. 2026-11-29T23:30:00+03:00;
    empty for None. What exports write, so a reader anywhere knows the exact instant."""
    if instant is None:
        return ""
    return instant.astimezone(zone).isoformat(timespec="seconds")


def before_local_today(zone_field: str, lookup: str, now: datetime | None = None) -> Q:
    """A filter comparing a date field with the current date of each row's own zone.

    `zone_field` is the path to a `time_zone` (e.g. "centre__time_zone"); `lookup`
    compares a date with that day (e.g. "follow_up_on__lt": due before today there).
    One term per zone in use by a centre or a programme, so a task that runs for every
    centre at once still reads each centre's own calendar. Returns a `Q`; empty
    (matching nothing) when no zone is in use.
    """
    from .models import Centre, Programme

    now = now or timezone.now()
    zones = {str(z) for z in Centre.objects.values_list("time_zone", flat=True)}
    zones |= {str(z) for z in Programme.objects.values_list("time_zone", flat=True)}
    matched = Q(pk__in=[])
    for zone in sorted(zones):
        matched |= Q(**{zone_field: zone, lookup: timezone.localdate(now, ZoneInfo(zone))})
    return matched
