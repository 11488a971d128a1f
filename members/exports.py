"""Exports of visits: streamed, in chunks, with spreadsheet formulae neutralised.

A centre can hold hundreds of thousands of visits. django-import-export's Resource
builds every row in memory (bench/visits.py measured it far behind PostgreSQL COPY),
so visits are read in chunks and written as they come: CSV streams to the browser,
XLSX goes through openpyxl's write-only mode.

Times are the centre's local time with their UTC offset (ISO 8601), plus the local
date. Column names and values are stable codes whatever the exporter's language;
the only translated text is in the `*_labels` columns. CSV is UTF-8 with a byte-order
mark, which is what makes Excel read Arabic, Hindi, Nepali and Bengali correctly.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from centres.categories import ServiceCategory
from centres.local_time import local_iso

from .models import Visit

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
COLUMNS = [
    "arrived_at",
    "arrived_on",
    "left_at",
    "member_code",
    "people",
    "gender",
    "age_band",
    "nationality",
    "purposes",
    "purpose_labels",
    "channel",
]
CHUNK = 2000


def neutralise(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is exported as plain text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def visit_rows(visits, *, zone: ZoneInfo) -> Iterator[list]:
    """The header, then one row per visit, reading `CHUNK` visits per query; times in
    `zone` (the centre's) with their offset, e.g. 2026-11-29T23:30:00+03:00."""
    categories = {c.pk: (c.code, str(c.name)) for c in ServiceCategory.objects.all()}
    through = Visit.purposes.through
    yield COLUMNS
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
            neutralise("; ".join(label for _code, label in chosen)),
            channel,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[list]) -> Iterator[str]:
    """CSV lines, the first one opened by the UTF-8 byte-order mark."""
    writer = csv.writer(_Echo())
    yield BOM
    for row in rows:
        yield writer.writerow(row)


def xlsx_bytes(rows: Iterable[list]) -> tuple[bytes, int]:
    """The workbook, and how many data rows it holds."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("visits")
    count = -1
    for row in rows:
        sheet.append(row)
        count += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count
