"""A table to export (its columns and rows) and the two ways of writing it: CSV and XLSX."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO

from django.utils import translation

from .sheets import DATE_FORMAT, DATETIME_FORMAT, ExcelDate, ExcelDateTime, ExportSheet, Quoted

# OWASP's list of first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)
# Rows of one Excel worksheet, its header row included (Excel's own limit).
SHEET_ROWS = 1_048_576
XLSX_OPTIONS = {
    # Rows go to a temporary file as they are written: memory stays flat.
    "constant_memory": True,
    # Text stays text: nothing becomes a formula, a link or a number.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
# About this many characters of CSV are handed to the response at a time.
CSV_CHUNK = 64 * 1024


# Day 0 of Excel's serial dates (in its 1900 system, for any day after February 1900).
EXCEL_EPOCH = datetime(1899, 12, 30)
SECONDS = 24 * 60 * 60
TEXT, DATE, DATETIME = "text", "date", "datetime"


def excel_serial(value) -> float | None:
    """A date or a local time as Excel's serial day number: an ISO 8601 text as the
    exports write it ("2026-11-30" or "2026-11-30T01:30:00+03:00": the wall-clock time
    is kept, Excel has no zones), a date or a datetime (its wall-clock time). None for
    an empty value."""
    if not value:
        return None
    if value.__class__ is str:  # the common case, kept short: a few hundred ns a cell
        return (datetime.fromisoformat(value[:19]) - EXCEL_EPOCH).total_seconds() / SECONDS
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
    elif isinstance(value, date):
        value = datetime.combine(value, datetime.min.time())
    return (value - EXCEL_EPOCH).total_seconds() / SECONDS


def neutralise(value: str) -> str:
    """`value`, with a leading apostrophe when a spreadsheet would run it as a formula
    (it starts with one of `FORMULA_STARTS`), so that it shows as the text it is."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class Column:
    """One column: `name` is its stable code (the header, in every language);
    `free_text` marks text typed by people (names, labels), which is neutralised;
    `kind` DATE or DATETIME marks a local date or time (ISO 8601 text in the CSV, a real
    date or time cell in the XLSX, so that a spreadsheet filters and sorts it)."""

    name: str
    free_text: bool = False
    kind: str = TEXT


@dataclass
class Table:
    """An export: `what` names it in the audit trail, files and sheets (e.g. "visits");
    `rows` yields one sequence per row, in the order of `columns`, and is read once;
    `count()` says how many rows it will yield without reading them."""

    what: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    count: Callable[[], int]
    _free: list[int] = field(init=False, repr=False)
    _stamps: list[tuple[int, type]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._free = [i for i, column in enumerate(self.columns) if column.free_text]
        cells = {DATE: ExcelDate, DATETIME: ExcelDateTime}
        self._stamps = [
            (i, cells[column.kind]) for i, column in enumerate(self.columns) if column.kind in cells
        ]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def cleaned_rows(self) -> Iterator[Sequence]:
        """The rows, each free-text cell neutralised."""
        free = self._free
        if not free:
            yield from self.rows
            return
        for row in self.rows:
            row = list(row)
            for index in free:
                value = row[index]
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    row[index] = "'" + value
            yield row

    def sheet_rows(self) -> Iterator[Sequence]:
        """The rows as the XLSX writes them: a free-text cell a spreadsheet would run
        marked `Quoted` (written with XlsxWriter's quote prefix, no apostrophe added),
        a date or a time as its serial day number (`ExcelDate`, `ExcelDateTime`)."""
        free, stamps = self._free, self._stamps
        if not free and not stamps:
            yield from self.rows
            return
        for row in self.rows:
            row = list(row)
            for index in free:
                value = row[index]
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    row[index] = Quoted(value)
            for index, cell in stamps:
                serial = excel_serial(row[index])
                row[index] = None if serial is None else cell(serial)
            yield row

    def csv_lines(self) -> Iterator[str]:
        """The CSV text in pieces of about `CSV_CHUNK` characters: the byte-order mark
        (so that Excel reads UTF-8 in every script), the header, then the rows."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write(BOM)
        writer.writerow(self.header)
        for row in self.cleaned_rows():
            writer.writerow(row)
            if buffer.tell() >= CSV_CHUNK:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    def write_csv(self, target: BinaryIO) -> None:
        for piece in self.csv_lines():
            target.write(piece.encode())

    def write_xlsx(self, target: BinaryIO | str, *, sheet_rows: int | None = None) -> int:
        """Write the workbook to `target` (a binary file or a path) and return how many
        rows it holds. Past `sheet_rows` (default `SHEET_ROWS`, header included) the rows
        go on in a new sheet named "<what> 2", "<what> 3"…, each with the header. In a
        right-to-left language (the active one, as the headers were translated in) every
        sheet reads right to left: its first column on the right, as the page shows it."""
        import xlsxwriter

        right_to_left = translation.get_language_bidi()

        limit = (sheet_rows or SHEET_ROWS) - 1
        with tempfile.TemporaryDirectory(prefix="wc-xlsx-") as scratch:
            book = xlsxwriter.Workbook(target, {**XLSX_OPTIONS, "tmpdir": scratch})
            formats = {
                "quoted": book.add_format({"quote_prefix": True}),
                "date": book.add_format({"num_format": DATE_FORMAT}),
                "datetime": book.add_format({"num_format": DATETIME_FORMAT}),
            }
            widths = [
                (i, len(DATETIME_FORMAT) + 1 if cell is ExcelDateTime else len(DATE_FORMAT) + 1)
                for i, cell in self._stamps
            ]

            def add_sheet(title: str) -> ExportSheet:
                sheet = book.add_worksheet(title[:31], worksheet_class=ExportSheet)
                sheet.formats = formats
                for column, width in widths:  # wide enough to show, not "####"
                    sheet.set_column(column, column, width)
                if right_to_left:
                    sheet.right_to_left()
                sheet.write_row(0, 0, header)
                return sheet

            count = 0
            sheet, at = None, limit
            header = self.header
            for row in self.sheet_rows():
                if at == limit:
                    number = count // limit + 1
                    sheet = add_sheet(self.what if number == 1 else f"{self.what} {number}")
                    at = 0
                at += 1
                sheet.write_values(at, row)
                count += 1
            if sheet is None:
                add_sheet(self.what)
            book.close()
        return count

    def xlsx_bytes(self, *, sheet_rows: int | None = None) -> bytes:
        """The workbook in memory: for small tables (report figures, sessions)."""
        buffer = io.BytesIO()
        self.write_xlsx(buffer, sheet_rows=sheet_rows)
        return buffer.getvalue()
