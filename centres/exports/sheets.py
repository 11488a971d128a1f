"""The worksheet the XLSX export writes: XlsxWriter's own in constant-memory mode,
subclassed (the library's `worksheet_class` hook) to write a whole row in one call.

XlsxWriter keeps each cell of the current row as a tuple and, when the next row
starts, writes each as XML through half a dozen calls (its reference, its attributes
escaped one by one, its type looked up by name): about 2.3 µs a cell, three quarters of
a big export's time. `ExportSheet.write_values` writes the row's `<row>` element in one
piece instead, with the library's own escapes, references and number format, and the
library still writes everything else (the workbook, styles, dimensions, the package).
The sheet's XML is the one XlsxWriter writes cell by cell, byte for byte
(tests/centres/test_export_sheets.py compares them), with one exception, which is a
fix: a text that looks like one of the library's rich strings ("<r>…</r>") is written
as the text it is, where XlsxWriter would copy it into the sheet's XML unescaped, so
that text typed by anyone could add cells and formulas to the file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from operator import attrgetter

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# Everything `XMLwriter._escape_control_characters` rewrites: a literal "_xHHHH_"
# (its escape is escaped), a control character but tab and line feed, U+FFFE, U+FFFF.
NEEDS_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
# What `XMLwriter._escape_data` escapes in a text (it searches for quotes and line
# feeds too, but leaves them as they are).
XML_SPECIAL = re.compile(r"[&<>]")
INFINITIES = (math.inf, -math.inf)
# A text at most this long cannot pass Excel's 32,767 UTF-16 units; a longer one goes
# through the library, which truncates it when it does.
SHORT_TEXT = 32_767 // 2
# Texts whose written form a sheet keeps (codes, genders, purposes repeat on every row);
# past this many it keeps no more, so that memory stays flat.
TAILS = 4096
# About this many characters of rows are kept to be written to the file at once.
PENDING = 64 * 1024
COLUMN_FORMAT = attrgetter("column_format")


# How a date and a local time read in the XLSX (ISO 8601's order, in every language).
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


class Quoted(str):
    """A text a spreadsheet would run as a formula: written as text with the quote
    prefix (Excel shows it as typed and keeps it text when edited), not with an
    apostrophe added as in the CSV."""

    __slots__ = ()


class ExcelDate(float):
    """A local date as Excel's serial day number, written with `DATE_FORMAT`."""

    __slots__ = ()


class ExcelDateTime(float):
    """A local time as Excel's serial day number, written with `DATETIME_FORMAT`."""

    __slots__ = ()


def _text(value: str) -> str | None:
    """`value` as the content and attribute of an inline string's `<t>` element, as
    XlsxWriter writes it: control characters escaped (`_x0007_`), XML escaped,
    `xml:space="preserve"` when it starts or ends with white space. None for a text
    longer than the library's short-text check (it may need truncating to Excel's
    32,767 UTF-16 units: the library does that)."""
    if len(value) > SHORT_TEXT:
        return None
    if NEEDS_ESCAPE.search(value) is not None:
        value = Worksheet._escape_control_characters(value)
    preserve = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
    if XML_SPECIAL.search(value) is not None:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<t{preserve}>{value}</t>"


# The named format (`ExportSheet.formats`) of a marked number.
STYLES = {ExcelDate: "date", ExcelDateTime: "datetime"}


class ExportSheet(Worksheet):
    """A worksheet in constant-memory mode that takes one row of values at a time, in
    increasing row order. `formats` ("quoted", "date", "datetime") are the workbook's,
    set by the table that adds the sheet."""

    formats: dict = {}
    _last_written = -1  # the last row `write_values` wrote as one piece
    _letters: list[str] = []
    _tails: dict[str, str]

    def __init__(self) -> None:
        super().__init__()
        self._tails = {}
        self._styles: dict[type, str] = {float: ""}
        self._pending: list[str] = []
        self._pending_size = 0

    @staticmethod
    def _escape_control_characters(data):
        if data.__class__ is str and not NEEDS_ESCAPE.search(data):
            return data
        return Worksheet._escape_control_characters(data)

    def _xml_rich_inline_string(self, string, attributes=None) -> None:
        # Nothing here writes rich strings: a text that only looks like one is a text.
        preserve = string[:1].isspace() or string[-1:].isspace()
        self._xml_inline_string(string, preserve, attributes or [])

    def write_values(self, row: int, values: Sequence) -> None:
        """Write `values` in `row` from the first column, each cell as its type's writer
        writes it: a text as text (an empty one leaves no cell, as `write()` does), an
        int or a float as a number, None as nothing, a `Quoted` text with the quote
        prefix, an `ExcelDate` or `ExcelDateTime` as a number in its format, and anything
        else (dates, booleans, decimals) through `write()`.

        Raises ValueError for a row before one already written, or past the sheet's
        last row."""
        if row < self.previous_row or row <= self._last_written:
            raise ValueError(f"row {row} comes after a row already written")
        cells = None
        if not (self.table and row == self.previous_row) and self._plain_rows():
            cells = self._row_cells(row + 1, values)
        if cells is None:  # a value or a setting the library writes itself
            self._write_by_cell(row, values)
            return
        if self.table:  # a row written cell by cell (the header) is still waiting
            self._write_single_row(row)
        self.previous_row = row
        first, last, xml = cells
        if first < 0:  # no cell: no row, as the library does
            return
        if self._check_dimensions(row, first) or self._check_dimensions(row, last):
            raise ValueError(f"row {row} is past the sheet's last row")
        self._pending.append(f'<row r="{row + 1}">{xml}</row>')
        self._pending_size += len(xml)
        if self._pending_size > PENDING:
            self._write_pending()
        self._last_written = row

    def _write_pending(self) -> None:
        """Write the rows kept to be written together (the file takes one write each)."""
        if self._pending:
            self.fh.write("".join(self._pending))
            self._pending.clear()
            self._pending_size = 0

    def _write_single_row(self, current_row_num=0) -> None:
        # The library writes a row of its own (its rows come after the ones kept) and,
        # when the package is put together, whatever remains.
        self._write_pending()
        super()._write_single_row(current_row_num)

    def _plain_rows(self) -> bool:
        """Whether rows and cells carry no attribute of their own (no row settings, no
        column formats, default row height, Excel 2007 markup): XlsxWriter then writes a
        row as `<row r="n">` and a cell with no format without a style."""
        return (
            not self.row_info
            and self.excel_version != 2010
            and self.default_row_height == self.original_row_height
            and not any(map(COLUMN_FORMAT, self.col_info.values()))
        )

    def _row_cells(self, number: int, values: Sequence) -> tuple[int, int, str] | None:
        """The first and last columns written in row `number` (1-based) and its `<c>`
        elements, or None when a value is one the library writes itself. (-1, -1, "")
        for a row with no cell."""
        letters, tails, styles = self._letters, self._tails, self._styles
        if len(letters) < len(values):
            letters = self._letters = [xl_col_to_name(i) for i in range(len(values))]
        cells, first, last = [], -1, -1
        for column, value in enumerate(values):
            kind = value.__class__
            if kind is str:
                if not value:
                    continue
                tail = tails.get(value)
                if tail is None:
                    text = _text(value)
                    if text is None:
                        return None
                    tail = f' t="inlineStr"><is>{text}</is></c>'
                    if len(tails) < TAILS:
                        tails[value] = tail
                cells.append(f'<c r="{letters[column]}{number}"{tail}')
            elif kind is Quoted:
                text = _text(str(value)) if value else "<t></t>"
                if text is None:
                    return None
                style = self.formats["quoted"]._get_xf_index()
                ref = f"{letters[column]}{number}"
                cells.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is>{text}</is></c>')
            elif kind is int:
                cells.append(f'<c r="{letters[column]}{number}"><v>{value:.16G}</v></c>')
            elif value is None:
                continue
            elif kind is float or kind is ExcelDateTime or kind is ExcelDate:
                if value != value or value in INFINITIES:
                    return None
                style = styles.get(kind)
                if style is None:  # a format's index is given when first used
                    style = styles[kind] = f' s="{self.formats[STYLES[kind]]._get_xf_index()}"'
                cells.append(f'<c r="{letters[column]}{number}"{style}><v>{value:.16G}</v></c>')
            else:
                return None
            if first < 0:
                first = column
            last = column
        return first, last, "".join(cells)

    def _write_by_cell(self, row: int, values: Sequence) -> None:
        """`values` through the library's writers, one cell at a time."""
        for column, value in enumerate(values):
            kind = value.__class__
            if kind is str:
                if value:
                    self._write_string(row, column, value)
            elif kind is int or kind is float:
                self._write_number(row, column, value)
            elif value is None:
                continue
            elif kind is Quoted:
                self._write_string(row, column, str(value), self.formats["quoted"])
            elif kind is ExcelDateTime:
                self._write_number(row, column, value, self.formats["datetime"])
            elif kind is ExcelDate:
                self._write_number(row, column, value, self.formats["date"])
            else:
                self.write(row, column, value)
