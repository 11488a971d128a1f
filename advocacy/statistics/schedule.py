"""Which closed periods a centre's figures are offered for, and releasing them on
schedule: the hourly task `advocacy.tasks.release_closed_periods` releases every offered
period not stored yet (`releases_make`); pages only read stored releases (`stored_release`).

A page never releases: each released week adds pieces to its year's family and so
hidden cells, and a build costs seconds to a minute of CPU, so a reader asking for
periods must neither hide other readers' figures nor set off builds.

Every day a release counts has its visits rolled up first: `snapshots.range_snapshots`
reads visits from the daily roll-ups, and `members.rollups.visit_tables_by_range` rolls
up any closed day that is not rolled up yet (or was forgotten since) before summing, so
a release made right after midnight counts the last day in full.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit_entries import AuditEntry
from centres.models import Centre

from .beginnings import first_day
from .labels import period_name
from .models import Release
from .periods import Period, PeriodKind, PeriodRefused, centre_zone, closed_periods
from .releases import release

# The periods the figures pages offer, and so the ones released on schedule: (kind,
# how many of the latest closed ones). Months first: the last closed month is what a
# page shows when nothing is chosen.
OFFERED = (
    (PeriodKind.MONTH, 12),
    (PeriodKind.WEEK, 8),
    (PeriodKind.QUARTER, 4),
    (PeriodKind.YEAR, 2),
)
# Weeks before the months that contain them (a week of a month stored in one piece is
# refused: `releases._missing_segments`); a quarter or a year after its months.
RELEASE_ORDER = (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)


def offered_periods(centre: Centre, *, now: datetime | None = None) -> list[Period]:
    """The closed periods of `centre` that pages offer (`OFFERED`), newest first within
    each kind: none that ended before the centre's records begin, no week across the
    new year (`periods.one_year`: its days are in December's and January's)."""
    zone, now = centre_zone(centre), now or timezone.now()
    since = first_day([centre], zone)
    return [
        period
        for kind, count in OFFERED
        for period in closed_periods(kind, zone=zone, now=now, count=count, since=since)
        if not period.crosses_year
    ]


def stored_release(centre: Centre, period: Period) -> Release | None:
    """The stored release of `centre` for `period`, or None while it is not released:
    what every page reads (one query). Never builds one."""
    return Release.objects.for_centre(centre).of(period).first()


def not_released_yet(period: Period) -> str:
    """What a page says for a closed period whose release is not stored yet."""
    return _(
        "The figures of %(period)s are not released yet: they are released within the "
        "hour after the period ends."
    ) % {"period": period_name(period)}


def releases_make(*, centre: Centre, now: datetime | None = None) -> list[Release]:
    """Release every offered closed period of `centre` (`offered_periods`) that is not
    stored yet, weeks first, then months, quarters and years (`RELEASE_ORDER`); each in
    its own transaction (`release_scheduled`), so what is made stays made if a later
    one fails. Idempotent: two queries and no build once every one is stored.
    Returns the releases made now (a year's missing months and quarters included).
    A period the layer refuses for good is skipped; anything else raised by
    `releases.release` is raised."""
    now = now or timezone.now()
    stored = {
        (kind, start)
        for kind, start in Release.objects.for_centre(centre).values_list(
            "period_kind", "period_start"
        )
    }
    due = sorted(
        (p for p in offered_periods(centre, now=now) if (p.kind.value, p.first) not in stored),
        key=lambda p: (RELEASE_ORDER.index(p.kind), p.first),
    )
    made: list[Release] = []
    for period in due:
        try:
            made += release_scheduled(centre=centre, period=period, now=now)
        except PeriodRefused:
            # For good: a week of a month released in one piece before weeks could be
            # (`releases._missing_segments`). The other periods are still released.
            continue
    return made


@transaction.atomic
def release_scheduled(*, centre: Centre, period: Period, now: datetime | None = None) -> list:
    """Release `period` of `centre` if it is not stored yet, with one audit entry per
    release made (the period's, and any month or quarter built first for it): a
    "create" by nobody, marked `{"by": "schedule"}`, naming the release by its id and
    its period key (no figure, no person). Returns the releases made (empty when it
    was stored already). Raises PeriodRefused as `releases.release` does."""
    before = set(Release.objects.for_centre(centre).values_list("pk", flat=True))
    release(centre=centre, period=period, now=now)
    made = list(Release.objects.for_centre(centre).exclude(pk__in=before).order_by("pk"))
    for made_now in made:
        AuditEntry.objects.log_create(
            made_now,
            force_log=True,
            action=AuditEntry.Action.CREATE,
            changes={"period": [None, made_now.period.key]},
            actor=None,
            additional_data={"by": "schedule"},
        )
    return made
