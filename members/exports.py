"""The visit export: one row per visit, read in chunks, for `centres.exports` to write.

Times are the centre's local time with their UTC offset (ISO 8601), plus the local
date. Column names and values are stable codes whatever the exporter's language;
the only translated text is in the `purpose_labels` column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from centres.categories import ServiceCategory
from centres.exports import DATE, DATETIME, Column, Table
from centres.local_time import zone_of

from .models import Visit

COLUMNS = [
    Column("arrived_at", kind=DATETIME),
    Column("arrived_on", kind=DATE),
    Column("left_at", kind=DATETIME),
    Column("member_code"),
    Column("people"),
    Column("gender"),
    Column("age_band"),
    Column("nationality"),
    Column("purposes"),
    Column("purpose_labels", free_text=True),
    Column("channel"),
]
CHUNK = 2000


def _as_text(field: str) -> Cast:
    return Cast(field, CharField())


# The visit log's filters a background export keeps (codes, dates and an id).
FILTERS = ("since", "until", "purpose", "kind")


def visits_export(visits, *, centre) -> Table:
    """`visits` (a queryset of the centre's visits, filtered) as a table, newest first."""
    return Table(
        what="visits",
        columns=COLUMNS,
        rows=visit_rows(visits, zone=zone_of(centre)),
        count=visits.count,
    )


def visits_for_job(centre, params: dict) -> Table:
    """The export a background job writes: the centre's visits through the log's
    filters as they were asked for (`params`, from `FILTERS`)."""
    from .filters import VisitFilter

    visit_filter = VisitFilter(
        params or None, queryset=Visit.objects.for_centre(centre), centre=centre
    )
    if visit_filter.is_bound and not visit_filter.is_valid():
        raise ValueError("filters no longer valid")
    return visits_export(visit_filter.qs, centre=centre)


def register_jobs() -> None:
    from centres.exports.jobs import register

    register("visits", build=visits_for_job, permission="members.export_visits")


def visit_rows(visits, *, zone: ZoneInfo) -> Iterator[list]:
    """One row per visit, newest first, in the order of `COLUMNS`; times in `zone` (the
    centre's) with their offset, e.g. 2026-11-29T23:30:00+03:00.

    What bench/exports.py found dominant, and what is done instead: parsing timestamps
    in psycopg's Python loader (they are read as text and parsed by the C
    `datetime.fromisoformat`), a query of purposes per chunk with thousands of
    parameters, then an array subquery per visit (an index probe per row: 2.2 s of the
    server's CPU for 200,000 visits, against 0.8 s for one join grouped by visit, which
    is what PostgreSQL does now). The visits are taken by id from `visits` and joined to
    their purposes afresh, so that a filter on a purpose does not narrow the purposes
    listed."""
    purposes, local = _Purposes(), _LocalTime(zone)
    if connection.vendor == "postgresql":
        chosen = ArrayAgg("purposes", filter=Q(purposes__isnull=False), default=[])
        rows = (
            Visit.objects.filter(pk__in=visits.values("pk"))
            .order_by("-arrived_at", "-pk")
            .annotate(
                arrived_text=_as_text("arrived_at"), left_text=_as_text("left_at"), chosen=chosen
            )
        )
        for values in rows.values_list(*FIELDS, "chosen").iterator(CHUNK):
            yield _row(values, purposes.named(values[-1]), local)
        return
    rows = visits.order_by("-arrived_at", "-pk").annotate(
        arrived_text=_as_text("arrived_at"), left_text=_as_text("left_at")
    )
    chunk: list[tuple] = []
    for values in rows.values_list(*FIELDS).iterator(CHUNK):
        chunk.append(values)
        if len(chunk) == CHUNK:
            yield from _chunk_rows(chunk, purposes, local)
            chunk = []
    yield from _chunk_rows(chunk, purposes, local)


FIELDS = (
    "pk",
    "arrived_text",
    "left_text",
    "member__code",
    "people",
    "gender",
    "age_band",
    "nationality",
    "channel",
)


class _Purposes:
    """Codes and labels ("advice; language") of a visit's purposes, by category ids."""

    def __init__(self) -> None:
        self.categories = {c.pk: (c.code, str(c.name)) for c in ServiceCategory.objects.all()}
        self.seen: dict[tuple, tuple[str, str]] = {}

    def named(self, ids) -> tuple[str, str]:
        key = tuple(ids or ())
        if key not in self.seen:
            chosen = sorted(self.categories.get(pk, ("", "")) for pk in key)
            self.seen[key] = (
                "; ".join(code for code, _label in chosen),
                "; ".join(label for _code, label in chosen),
            )
        return self.seen[key]


def _chunk_rows(chunk: list[tuple], purposes: _Purposes, local: _LocalTime) -> Iterator[list]:
    if not chunk:
        return
    chosen = defaultdict(list)
    pairs = Visit.purposes.through.objects.filter(visit_id__in=[row[0] for row in chunk])
    for visit_id, category_id in pairs.values_list("visit_id", "servicecategory_id"):
        chosen[visit_id].append(category_id)
    for values in chunk:
        yield _row(values, purposes.named(chosen[values[0]]), local)


class _LocalTime:
    """Stored instants, read as text ("2026-11-29 20:30:00+00"; naive UTC on SQLite), as
    local ISO 8601 with their offset ("2026-11-29T23:30:00+03:00") in `zone`.

    The offset is looked up once per UTC hour in which it does not change (a DST change
    inside an hour makes that hour's instants look it up one by one): aware
    `isoformat` asks the zone for every instant and dominated the export's time."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.hours: dict[str, tuple[timedelta, str] | None] = {}

    def __call__(self, text: str | None) -> str:
        if text is None:
            return ""
        if text.endswith("+00"):  # Django's PostgreSQL connections read in UTC
            text = text[:-3]
        elif "+" in text[19:] or "-" in text[19:]:  # any other offset: no shortcut
            instant = datetime.fromisoformat(text).astimezone(self.zone)
            return instant.isoformat(timespec="seconds")
        hour = text[:13]
        steady = self.hours.get(hour, False)
        if steady is False:
            steady = self.hours[hour] = self._steady(datetime.fromisoformat(hour + ":00"))
        if steady is None:
            local = datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone(self.zone)
            return local.isoformat(timespec="seconds")
        offset, suffix = steady
        return (datetime.fromisoformat(text) + offset).isoformat(timespec="seconds") + suffix

    def _steady(self, start: datetime) -> tuple[timedelta, str] | None:
        first = start.replace(tzinfo=UTC).astimezone(self.zone)
        last = (start + timedelta(hours=1, microseconds=-1)).replace(tzinfo=UTC)
        offset = first.utcoffset()
        if last.astimezone(self.zone).utcoffset() != offset:
            return None
        return offset, first.isoformat(timespec="seconds")[19:]


def _row(values: tuple, named: tuple[str, str], local: _LocalTime) -> list:
    arrived = local(values[1])
    return [
        arrived,
        arrived[:10],
        local(values[2]),
        values[3] or "",
        values[4],
        values[5],
        values[6],
        values[7],
        named[0],
        named[1],
        values[8],
    ]
