"""Reading an uploaded file into the members' rows.

The file is read here rather than by tablib's loaders, which drop blank lines (so the
row numbers shown would no longer match the spreadsheet) and read a formula's cached
result instead of the formula. An XLSX is measured before it is parsed (`limits`) and
read in openpyxl's streaming mode.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from centres.numbers import figure, megabytes
from centres.templatetags.bidi import joined

from ..resources import COLUMNS, REQUIRED_COLUMNS, cell_text
from .limits import (
    MAX_COLUMNS,
    MAX_PHYSICAL_ROWS,
    MAX_ROWS,
    MAX_XLSX_PARTS,
    MAX_XLSX_UNCOMPRESSED,
)


@dataclass(frozen=True)
class Upload:
    content: bytes
    fmt: str


@dataclass
class Sheet:
    dataset: tablib.Dataset
    row_numbers: list[int]  # the spreadsheet's number of each dataset row (header is 1)
    ignored_columns: list[str] = field(default_factory=list)

    def without(self, rows: Collection[int]) -> Sheet:
        """The sheet less the rows numbered `rows` (the spreadsheet's numbers); the rows
        kept keep their numbers."""
        kept = [i for i, number in enumerate(self.row_numbers) if number not in rows]
        dataset = tablib.Dataset(headers=self.dataset.headers)
        for index in kept:
            dataset.append(self.dataset[index])
        return Sheet(
            dataset=dataset,
            row_numbers=[self.row_numbers[i] for i in kept],
            ignored_columns=self.ignored_columns,
        )


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(limit)s rows. Split it into smaller files."),
        params={"limit": figure(MAX_ROWS)},
    )


def read_sheet(upload: Upload) -> Sheet:
    """The members' rows of a file, or a ValidationError saying why the file is refused."""
    rows = _csv_rows(upload.content) if upload.fmt == "csv" else _xlsx_rows(upload.content)
    header = next(rows, None)
    if header is None or not any(cell_text(cell) for cell in header):
        raise ValidationError(_("The file is empty."))
    if len(header) > MAX_COLUMNS and any(cell_text(cell) for cell in header[MAX_COLUMNS:]):
        raise _too_many_columns()
    names = [_column_name(cell) for cell in header]
    for column in COLUMNS:
        if names.count(column) > 1:
            raise ValidationError(
                _("The column %(column)s appears more than once.") % {"column": column}
            )
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise ValidationError(
            _("The first row must name the columns, and it has no %(column)s column.")
            % {"column": joined(missing)}
        )
    kept = [index for index, name in enumerate(names) if name in COLUMNS]
    dataset = tablib.Dataset(headers=[names[index] for index in kept])
    row_numbers = []
    for number, row in enumerate(rows, start=2):
        # Blank rows are skipped but still counted, up to a bound, so that the row
        # numbers stay those of the spreadsheet.
        if number > MAX_PHYSICAL_ROWS:
            raise _too_many_rows()
        cells = list(row)
        if not any(cell_text(cell) for cell in cells):
            continue
        if any(cell_text(cell) for cell in cells[len(names) :]):
            raise ValidationError(
                _("Row %(row)s has a value in a column with no name in the first row.")
                % {"row": number}
            )
        if len(row_numbers) == MAX_ROWS:
            raise _too_many_rows()
        cells += [None] * (len(names) - len(cells))
        dataset.append([cells[index] for index in kept])
        row_numbers.append(number)
    if not row_numbers:
        raise ValidationError(_("The file has no members to import, only the first row."))
    ignored = list(dict.fromkeys(name for name in names if name and name not in COLUMNS))
    return Sheet(dataset=dataset, row_numbers=row_numbers, ignored_columns=ignored)


def _too_many_columns() -> ValidationError:
    return ValidationError(
        _("The file has more than %(limit)s columns. Keep only the member columns."),
        params={"limit": figure(MAX_COLUMNS)},
    )


def _column_name(cell) -> str:
    return re.sub(r"[\s-]+", "_", cell_text(cell).lower())


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file could not be read. Save it as “CSV UTF-8” and upload it again.")
        ) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to some languages save CSV with semicolons or tabs.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error:
        raise ValidationError(_("The file could not be read as CSV.")) from None


def _unreadable_xlsx() -> ValidationError:
    return ValidationError(_("The file could not be read as an Excel (.xlsx) file."))


def measure_xlsx(content: bytes) -> None:
    """Refuse, before parsing, a zip that unpacks to more than a member list can be."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable_xlsx() from None
    # A zip's sizes are read from its directory; zipfile never unpacks more than them.
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_XLSX_PARTS or unpacked > MAX_XLSX_UNCOMPRESSED:
        raise ValidationError(
            _(
                "The file unpacks to %(size)s MB, far more than a list of %(limit)s members. "
                "Copy only the member rows and columns into a new file."
            ),
            params={"size": megabytes(unpacked), "limit": figure(MAX_ROWS)},
        )


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    measure_xlsx(content)
    try:
        # Streamed (read_only); data_only=False: a formula is read as its text, never as
        # a computed value.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        # The sheet's own declared size, where it gives one.
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise _unreadable_xlsx() from None
    if declared_columns > MAX_COLUMNS:
        book.close()
        raise _too_many_columns()
    if declared_rows > MAX_PHYSICAL_ROWS:
        book.close()
        raise _too_many_rows()
    try:
        yield from sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    except ValidationError:
        raise
    except Exception:
        raise _unreadable_xlsx() from None
    finally:
        book.close()
