"""The visit export: one row per visit, read in chunks, for `centres.exports` to write.

Times are the centre's local time with their UTC offset (ISO 8601), plus the local
date. Column names and values are stable codes whatever the exporter's language;
the only translated text is in the `purpose_labels` column.
"""

from collections import defaultdict
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from centres.categories import ServiceCategory
from centres.exports import Column, Table
from centres.local_time import local_iso, zone_of

from .models import Visit

COLUMNS = [
    Column("arrived_at"),
    Column("arrived_on"),
    Column("left_at"),
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


def visits_export(visits, *, centre) -> Table:
    """`visits` (a queryset of the centre's visits, filtered) as a table, newest first."""
    return Table(
        what="visits",
        columns=COLUMNS,
        rows=visit_rows(visits, zone=zone_of(centre)),
        count=visits.count,
    )


def visit_rows(visits, *, zone: ZoneInfo) -> Iterator[list]:
    """One row per visit, reading `CHUNK` visits per query; times in
    `zone` (the centre's) with their offset, e.g. 2026-11-29T23:30:00+03:00."""
    categories = {c.pk: (c.code, str(c.name)) for c in ServiceCategory.objects.all()}
    through = Visit.purposes.through
    chunk: list[tuple] = []
    fields = (
        "pk",
        "arrived_at",
        "left_at",
        "member__code",
        "people",
        "gender",
        "age_band",
        "nationality",
        "channel",
    )
    for values in visits.order_by("-arrived_at", "-pk").values_list(*fields).iterator(CHUNK):
        chunk.append(values)
        if len(chunk) == CHUNK:
            yield from _rows(chunk, categories, through, zone)
            chunk = []
    yield from _rows(chunk, categories, through, zone)


def _rows(chunk: list[tuple], categories: dict, through, zone: ZoneInfo) -> Iterator[list]:
    if not chunk:
        return
    purposes = defaultdict(list)
    pairs = through.objects.filter(visit_id__in=[row[0] for row in chunk])
    for visit_id, category_id in pairs.values_list("visit_id", "servicecategory_id"):
        purposes[visit_id].append(categories.get(category_id, ("", "")))
    for pk, arrived, left, code, people, gender, age_band, nationality, channel in chunk:
        chosen = sorted(purposes[pk])
        yield [
            local_iso(arrived, zone),
            arrived.astimezone(zone).date().isoformat(),
            local_iso(left, zone),
            code or "",
            people,
            gender,
            age_band,
            nationality,
            "; ".join(code for code, _label in chosen),
            "; ".join(label for _code, label in chosen),
            channel,
        ]
