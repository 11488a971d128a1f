"""What the hourly schedule has released by the time a reader opens a figures page.

Pages only read stored releases (`advocacy.statistics.schedule`); a test that reads
figures first releases them the schedule's way, after its records are made."""

from django.utils import timezone

from advocacy.reports.contents import compared_periods
from advocacy.reports.scope import Scope
from advocacy.statistics import schedule
from advocacy.statistics.beginnings import first_day
from advocacy.statistics.periods import (
    Period,
    PeriodRefused,
    centre_zone,
    outward_period,
    period_key,
)


def released_for(centre, period=None, *, fallback: bool = True) -> None:
    """Release `centre`'s `period` (a Period or a key as a reader would type it; by
    default the last closed month, what a page shows first) as the schedule would.
    For a period that may not be released (the page explains why), the last closed
    month, which the page shows instead; nothing without `fallback`."""
    offered = schedule.offered_periods(centre)
    if period is None:
        if not offered:
            return
        period = offered[0]
    zone = centre_zone(centre)
    try:
        chosen = outward_period(
            period_key(period) if isinstance(period, str) else period,
            zone=zone,
            now=timezone.now(),
            since=first_day([centre], zone),
        )
    except PeriodRefused:
        if not (offered and fallback):
            return
        chosen = offered[0]
    schedule.release_scheduled(centre=centre, period=chosen)


def released_for_programme(programme, period) -> None:
    """The releases a programme's figures of `period` (a key or a Period) read: each
    centre's period, the one before and the same one a year before, in the order a
    report build releases them (`advocacy.reports.contents.releases_of_centres`)."""
    chosen = Period.parse(period) if isinstance(period, str) else period
    for centre in Scope.for_programme(programme).centres():
        for each in compared_periods(chosen).values():
            released_for(centre, each, fallback=False)
