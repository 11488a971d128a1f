"""Releasing a centre's figures for a closed period, and auditing what is released.

`release(centre=..., period=...)` is the one way figures leave the staff. It returns
the stored release, building it (and, first, any month or quarter inside it) on the
first request, with primary and secondary suppression across every release of the
same calendar year (`suppression.protect`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from centres.models import Centre

from .audit import Audit, audit
from .family import month_links, named_rows, release_cells
from .magnitudes import month_inputs, parts_of, release_magnitudes
from .models import Release
from .periods import Period, PeriodKind, centre_zone, outward_period
from .snapshots import range_snapshots
from .suppression import protect
from .tables import month_snapshot, session_facts, unique_members


def release(*, centre: Centre, period: Period | str, now: datetime | None = None) -> Release:
    """The release of `centre`'s figures for `period` (a Period or a key such as
    "2026-03", "2026-Q1", "2026").

    Raises periods.PeriodRefused for an open, custom, shifted or weekly period.
    Builds and stores it on first use (a few dozen queries and a few LPs per hidden
    cell of the year's family); afterwards one query."""
    zone = centre_zone(centre)
    period = outward_period(period, zone=zone, now=now or timezone.now())
    stored = Release.objects.for_centre(centre).of(period).first()
    if stored is not None:
        return stored
    try:
        with transaction.atomic():
            # One release at a time per centre: each one is protected against the others.
            Centre.objects.select_for_update().filter(pk=centre.pk).first()
            built = _build_with_parts(centre, period, zone)
        # Read back as stored: PostgreSQL's jsonb keeps its own key order, and the
        # first view must show the tables exactly as every later view will.
        return Release.objects.get(pk=built.pk)
    except IntegrityError:  # built meanwhile by another request
        return Release.objects.for_centre(centre).of(period).get()


def _build_with_parts(centre: Centre, period: Period, zone) -> Release:
    """The release of `period`, built after every missing month inside it, with its
    missing quarters in one pass (`_build`), so the year's family is audited once."""
    stored = Release.objects.for_centre(centre).of(period).first()
    if stored is not None:
        return stored
    parts = []
    if period.kind is PeriodKind.YEAR:
        quarters = [Period.quarter(period.first.year, q) for q in range(1, 5)]
        parts = [m for q in quarters for m in q.months()] + quarters
    elif period.kind is PeriodKind.QUARTER:
        parts = period.months()
    have = {
        (r.period_kind, r.period_start)
        for r in Release.objects.for_centre(centre).in_family(period.first.year)
    }
    missing = [p for p in parts if (p.kind.value, p.first) not in have]
    # Each month is protected on its own, as when it is released on closing (its cells
    # touch no other month's); the quarters and the year, which tie the months
    # together, are protected and audited together.
    months = [p for p in missing if p.kind is PeriodKind.MONTH]
    read = months + ([period] if period.kind is PeriodKind.MONTH else [])
    # Every month's raw tables in one set of queries (grouped by month), not per month.
    exacts = dict(
        zip(
            [m.key for m in read],
            range_snapshots(centre, [(m.first, m.end) for m in read], zone),
            strict=True,
        )
    )
    for month in months:
        _build(centre, [month], zone, exacts)
    return _build(
        centre,
        [p for p in [*missing, period] if p.kind is not PeriodKind.MONTH] or [period],
        zone,
        exacts,
    )[-1]


@dataclass
class Family:
    """Every stored release of a centre's year, as the auditor's linear system."""

    releases: list[Release]
    snapshots: dict
    cells: dict
    hidden: set
    links: list


def family(centre: Centre, year: int, threshold: int) -> Family:
    releases = list(Release.objects.for_centre(centre).in_family(year))
    snapshots = {r.period.key: r.exact for r in releases if r.period_kind == PeriodKind.MONTH}
    cells, hidden = {}, set()
    for stored in releases:
        these = release_cells(
            stored.period,
            snapshots,
            threshold=threshold,
            standalone=stored.standalone,
            named=named_rows(stored.published),
        )
        cells.update(these)
        hidden |= {k for k in these if stored.published.get(k[1], {}).get(k[2], 0) is None}
    links = [link for key, snap in snapshots.items() for link in month_links(key, snap)]
    return Family(releases, snapshots, cells, hidden, links)


def _build(
    centre: Centre, periods: list[Period], zone, exacts: dict[str, dict] | None = None
) -> list[Release]:
    """Build and store the releases of `periods` (one calendar year's, months before
    the quarters and the year that contain them) together: their cells are protected
    in one `protect` over the family, so the auditor runs once for all of them, not
    once per release. `exacts`: months' raw tables already read (`range_snapshots`),
    by month key. Returns them in the order given."""
    threshold = centre.programme.suppression_threshold
    known = family(centre, periods[0].first.year, threshold)
    read, exacts = exacts or {}, {}
    for month in (p for p in periods if p.kind is PeriodKind.MONTH):
        exact = dict(read[month.key]) if month.key in read else month_snapshot(centre, month, zone)
        known.links += month_links(month.key, exact)
        exact.update(month_inputs(centre, month, zone))
        known.snapshots[month.key] = exacts[month.key] = exact
    new, standalone = {}, {}
    for period in periods:
        start, end = period.bounds(zone)
        standalone[period.key] = {"visits.members": unique_members(centre, start, end)}
        new[period.key] = release_cells(
            period, known.snapshots, threshold=threshold, standalone=standalone[period.key]
        )
    every_new = {key: cell for cells in new.values() for key, cell in cells.items()}
    hidden = protect(
        {**known.cells, **every_new},
        threshold=threshold,
        new=every_new,
        hidden_before=known.hidden,
        links=known.links,
    )
    built: list[Release] = []
    for period in periods:
        published: dict[str, dict] = {}
        for key, cell in new[period.key].items():
            _period, table, label = key
            published.setdefault(table, {})[label] = None if key in hidden else cell.value
        start, end = period.bounds(zone)
        built.append(
            Release.objects.create(
                centre=centre,
                period_kind=period.kind,
                period_start=period.first,
                threshold=threshold,
                zone=str(zone),
                released_at=timezone.now(),
                published=published,
                exact=exacts.get(period.key, {}),
                standalone=standalone[period.key],
                facts=session_facts(centre, start, end),
                magnitudes=release_magnitudes(
                    period,
                    known.snapshots,
                    threshold=threshold,
                    parts=parts_of(period, [*known.releases, *built]),
                ),
            )
        )
    return built


def audit_family(centre: Centre, year: int) -> Audit:
    """The auditor over every release of `centre` in `year`: what a reader of all of
    them can prove about each hidden cell (see `audit.audit`)."""
    threshold = centre.programme.suppression_threshold
    known = family(centre, year, threshold)
    return audit(known.cells, known.hidden, threshold, known.links)
