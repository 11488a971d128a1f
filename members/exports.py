"""Exports of visits: streamed, in chunks, with spreadsheet formulae neutralised.

A centre can hold hundreds of thousands of visits. django-import-export's Resource
builds every row in memory (bench/visits.py measured it far behind PostgreSQL COPY),
so visits are read in chunks and written as they come: CSV streams to the browser,
XLSX goes through openpyxl's write-only mode.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from centres.categories import ServiceCategory

from .models import Visit

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    "arrived_at",
    "left_at",
    "member_code",
    "people",
    "gender",
    "age_band",
    "nationality",
    "purposes",
    "channel",
]
CHUNK = 2000


def neutralise(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is exported as plain text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def visit_rows(visits) -> Iterator[list]:
    """The header, then one row per visit, reading `CHUNK` visits per query."""
    names = {c.pk: str(c.name) for c in ServiceCategory.objects.all()}
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
            yield from _rows(chunk, names, through)
            chunk = []
    yield from _rows(chunk, names, through)


def _rows(chunk: list[tuple], names: dict[int, str], through) -> Iterator[list]:
    if not chunk:
        return
    purposes = defaultdict(list)
    pairs = through.objects.filter(visit_id__in=[row[0] for row in chunk])
    for visit_id, category_id in pairs.values_list("visit_id", "servicecategory_id"):
        purposes[visit_id].append(names.get(category_id, ""))
    for pk, arrived, left, code, people, gender, age_band, nationality, channel in chunk:
        yield [
            arrived.isoformat(),
            left.isoformat() if left else "",
            code or "",
            people,
            gender,
            age_band,
            nationality,
            neutralise("; ".join(sorted(purposes[pk]))),
            channel,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    return (writer.writerow(row) for row in rows)


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
