"""Releasing a centre's figures for a closed period, and auditing what is released.

`release(centre=..., period=...)` is the one way figures leave the staff. It returns
the stored release, building it (and, first, any month or quarter inside it) when it
is not stored yet, with primary and secondary suppression across every release of the
same calendar year (`suppression.protect`). Only the hourly schedule
(`schedule.releases_make`) and report builds (Celery) call it; pages read stored
releases (`schedule.stored_release`).

Exact counts are read per segment (week ∩ month) once, by the first release that
covers it, and stored (`SegmentSnapshot`); every later release covering that segment
is built from the stored tables (`read_segments` is the one place they are read).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centres.models import Centre

from .audit import Audit, audit
from .beginnings import first_day
from .family import atom_cells, release_cells, waiting_periods
from .magnitudes import parts_of, range_inputs, release_magnitudes
from .models import Release, SegmentSnapshot
from .periods import (
    Period,
    PeriodKind,
    PeriodRefused,
    Segment,
    centre_zone,
    existed,
    outward_period,
)
from .snapshots import range_snapshots
from .stored import Family, StoredFamily
from .suppression import protect
from .tables import Snapshot, session_facts_of, unique_members_of


def release(*, centre: Centre, period: Period | str, now: datetime | None = None) -> Release:
    """The release of `centre`'s figures for `period` (a Period or a key such as
    "2026-W05", "2026-03", "2026-Q1", "2026").

    Raises periods.PeriodRefused for an open, custom or shifted period, a period that
    ended before the centre's records begin (`beginnings.first_day`), a week across
    the new year (`periods.one_year`), or a week of a month released in one piece
    before weeks could be.
    Builds and stores it on first use (a few dozen queries and a few LPs per hidden
    cell of the year's family); afterwards two queries (when the centre's records begin,
    and the stored release)."""
    zone = centre_zone(centre)
    since = first_day([centre], zone)
    period = outward_period(period, zone=zone, now=now or timezone.now(), since=since)
    stored = Release.objects.for_centre(centre).of(period).first()
    if stored is not None:
        return stored
    try:
        with transaction.atomic():
            # One release at a time per centre: each one is protected against the others.
            Centre.objects.select_for_update().filter(pk=centre.pk).first()
            with cyclic_gc_paused():
                built = _build_with_parts(centre, period, zone, since)
        # Read back as stored: PostgreSQL's jsonb keeps its own key order, and the
        # first view must show the tables exactly as every later view will.
        return Release.objects.get(pk=built.pk)
    except IntegrityError:  # built meanwhile by another request
        return Release.objects.for_centre(centre).of(period).get()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration (reference counting
    still frees everything that is not in a cycle), and restore it after, also on an
    error. A build allocates hundreds of thousands of small acyclic objects (the
    family's cells, atoms and LP rows), which set off about a hundred full
    collections of the whole heap during one year's build for nothing: some 10 % of
    its CPU time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_with_parts(centre: Centre, period: Period, zone, since=None) -> Release:
    """The release of `period`, built after every missing month inside it, with its
    missing quarters in one pass (`_build`), so the year's family is audited once.
    A month or quarter that ended before the centre's records begin (`since`) is not
    released: it has no figures, not zeros (its days still count, as zeros, in the
    period that holds them)."""
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
    missing = [p for p in parts if (p.kind.value, p.first) not in have and existed(p, since)]
    building = [*missing, period]
    # Every segment not read yet, in one set of queries (grouped by segment), stored.
    store_segments(centre, building, zone)
    # The family is read once and kept in step with the releases built below.
    known = StoredFamily(centre, period.first.year, centre.programme.suppression_threshold)
    own = own_figures(centre, building, zone)
    # Each month is protected on its own, as when it is released on closing (its cells
    # touch no other month's); the quarters and the year, which tie the months
    # together, are protected and audited together.
    for month in (p for p in missing if p.kind is PeriodKind.MONTH):
        _build(centre, [month], zone, known, own)
    rest = [p for p in building if p.kind is not PeriodKind.MONTH] or [period]
    return _build(centre, rest, zone, known, own)[-1]


def own_figures(centre: Centre, periods: list[Period], zone) -> dict[Period, tuple[dict, dict]]:
    """{period: (standalone figures, session facts)} of each of `periods`, read
    together (`tables.unique_members_of`, `tables.session_facts_of`): two queries."""
    members = unique_members_of(centre, periods, zone)
    facts = session_facts_of(centre, periods, zone)
    return {
        period: ({"visits.members": n}, offer)
        for period, n, offer in zip(periods, members, facts, strict=True)
    }


def family(centre: Centre, year: int, threshold: int, building: list[Period] = ()) -> Family:
    """The stored releases of `centre`'s `year`, over its stored segments merged as far
    as these releases and those `building` allow (`family.merge_pieces`)."""
    return StoredFamily(centre, year, threshold).family(building)


def _build(
    centre: Centre,
    periods: list[Period],
    zone,
    known: StoredFamily,
    own: dict[Period, tuple[dict, dict]],
) -> list[Release]:
    """Build and store the releases of `periods` (one calendar year's, months before
    the quarters and the year that contain them) together, from their stored segments
    (`store_segments`): their cells are protected in one `protect` over the family
    `known`, to which they are then added, so the auditor runs once for all of them,
    not once per release. `own`: each period's standalone figures and session facts
    (`own_figures`). Returns them in the order given."""
    threshold = centre.programme.suppression_threshold
    released = [*(stored.period.key for stored in known.releases), *(p.key for p in periods)]
    waiting = waiting_periods(known.pieces, released)
    now = known.family(building=[*periods, *waiting])
    new = {
        period.key: release_cells(
            period, now.snapshots, threshold=threshold, standalone=own[period][0]
        )
        for period in periods
    }
    every_new = {key: cell for cells in new.values() for key, cell in cells.items()}
    hidden = protect(
        {**now.cells, **every_new},
        threshold=threshold,
        new=every_new,
        hidden_before=now.hidden,
        links=now.links,
        waiting={
            **known.waiting(waiting, now.snapshots),
            **atom_cells(now.snapshots, threshold=threshold),
        },
    )
    built: list[Release] = []
    for period in periods:
        published: dict[str, dict] = {}
        for key, cell in new[period.key].items():
            _period, table, label = key
            published.setdefault(table, {})[label] = None if key in hidden else cell.value
        built.append(
            Release.objects.create(
                centre=centre,
                period_kind=period.kind,
                period_start=period.first,
                threshold=threshold,
                zone=str(zone),
                released_at=timezone.now(),
                published=published,
                standalone=own[period][0],
                facts=own[period][1],
                magnitudes=release_magnitudes(
                    period,
                    now.snapshots,
                    threshold=threshold,
                    parts=parts_of(period, [*now.releases, *built]),
                ),
            )
        )
        known.add(built[-1], cells=new[period.key])
    return built


def store_segments(centre: Centre, periods: list[Period], zone) -> None:
    """Read and store the segments of `periods` (one calendar year's) that no stored
    piece covers yet. Raises PeriodRefused as `_missing_segments` does."""
    stored = SegmentSnapshot.objects.for_centre(centre).overlapping(
        min(p.first for p in periods), max(p.end for p in periods)
    )
    missing = _missing_segments(periods, [piece.segment for piece in stored])
    read = read_segments(centre, missing, zone)
    SegmentSnapshot.objects.bulk_create(
        SegmentSnapshot(
            centre=centre,
            first=segment.first,
            end=segment.end,
            zone=str(zone),
            read_at=timezone.now(),
            exact=read[segment.key],
        )
        for segment in missing
    )


def read_segments(centre: Centre, segments: list[Segment], zone) -> dict[str, Snapshot]:
    """{segment key: exact raw tables and magnitudes' inputs} of `centre` for each of
    `segments` (local days [first, end) in `zone`), read from the database now: the
    tables of all of them in one set of queries (`snapshots.range_snapshots`,
    `magnitudes.range_inputs`)."""
    ranges = [(s.first, s.end) for s in segments]
    tables = range_snapshots(centre, ranges, zone)
    inputs = range_inputs(centre, ranges, zone)
    read = {}
    for segment, exact, more in zip(segments, tables, inputs, strict=True):
        exact.update(more)
        read[segment.key] = exact
    return read


def _missing_segments(periods: list[Period], pieces: list[Segment]) -> list[Segment]:
    """The segments of `periods` no stored piece covers yet, in order. Raises
    PeriodRefused for a period that only part of a stored piece lies in: a week of a
    month stored in one piece, whose days the auditor cannot tell apart."""
    missing: dict[str, Segment] = {}
    for period in periods:
        for segment in period.segments():
            covering = [p for p in pieces if p.first <= segment.first and segment.end <= p.end]
            if not covering:
                missing[segment.key] = segment
            elif not covering[0].within(period):
                raise PeriodRefused(
                    _(
                        "The figures of %(month)s were released in one piece before weeks "
                        "could be, so its weeks are not released."
                    )
                    % {"month": date_format(covering[0].first, "YEAR_MONTH_FORMAT")}
                )
    return sorted(missing.values())


def audit_family(centre: Centre, year: int) -> Audit:
    """The auditor over every release of `centre` in `year`: what a reader of all of
    them can prove about each hidden cell (see `audit.audit`) and about each count of
    one row on the days of one piece, which no release shows but releases differenced
    can pin (`family.atom_cells`, keyed `(("piece", piece key), table, label)`)."""
    threshold = centre.programme.suppression_threshold
    known = family(centre, year, threshold)
    atoms = atom_cells(known.snapshots, threshold=threshold)
    return audit({**known.cells, **atoms}, known.hidden | atoms.keys(), threshold, known.links)


def figures_released(owner) -> bool:
    """Whether any figure of `owner` left the staff: a release of the centre (of one
    of the programme's centres, for a programme) or a programme's report."""
    from centres.models import Programme

    from ..reports.models import FeedbackReport

    if isinstance(owner, Programme):
        return (
            Release.objects.filter(centre__programme=owner).exists()
            or FeedbackReport.objects.for_programme(owner).exists()
        )
    return Release.objects.for_centre(owner).exists()
