"""The worksheet the XLSX export writes: XlsxWriter's own, subclassed (the library's
`worksheet_class` hook) to write a whole row of plain values in one call.

The file is the one XlsxWriter writes cell by cell: the same cells, types and bytes
(tests/centres/test_export_sheets.py compares them). What is saved is per-cell work
that does not change the file:

- a row's cells go straight to the undecorated typed writers (`_write_string`,
  `_write_number`, which the public `write_string` and `write_number` call), not
  through the decorator that tries A1 notation on every call;
- the escape of control characters (`_x000D_`…) in inline strings, which runs two
  regular-expression substitutions on every text cell, is skipped for a text that
  holds nothing to escape, found by one search.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlsxwriter.worksheet import Worksheet

# Everything `XMLwriter._escape_control_characters` rewrites: a literal "_xHHHH_"
# (its escape is escaped), a control character but tab and line feed, U+FFFE, U+FFFF.
NEEDS_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")


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


class ExportSheet(Worksheet):
    """A worksheet in constant-memory mode that takes one row of values at a time.
    `formats` ("quoted", "date", "datetime") are the workbook's, set by the table that
    adds the sheet."""

    formats: dict = {}

    @staticmethod
    def _escape_control_characters(data):
        if data.__class__ is str and not NEEDS_ESCAPE.search(data):
            return data
        return Worksheet._escape_control_characters(data)

    def _xml_rich_inline_string(self, string, attributes=None) -> None:
        # Nothing here writes rich strings: a text that only looks like one ("<r>…</r>",
        # which the library would copy into the sheet's XML as it is, so that anyone's
        # text could add cells and formulas to the file) is the text it is.
        preserve = string[:1].isspace() or string[-1:].isspace()
        self._xml_inline_string(string, preserve, attributes or [])

    def write_values(self, row: int, values: Sequence) -> None:
        """Write `values` in `row` from the first column, each cell as its type's writer
        writes it: a text as text (an empty one leaves no cell, as `write()` does), an
        int or a float as a number, None as nothing, a `Quoted` text with the quote
        prefix, an `ExcelDate` or `ExcelDateTime` as a number in its format, and anything
        else (dates, booleans, decimals) through `write()`."""
        write_string, write_number = self._write_string, self._write_number
        for column, value in enumerate(values):
            kind = value.__class__
            if kind is str:
                if value:
                    write_string(row, column, value)
            elif kind is int or kind is float:
                write_number(row, column, value)
            elif value is None:
                continue
            elif kind is Quoted:
                write_string(row, column, str(value), self.formats["quoted"])
            elif kind is ExcelDateTime:
                write_number(row, column, value, self.formats["datetime"])
            elif kind is ExcelDate:
                write_number(row, column, value, self.formats["date"])
            else:
                self.write(row, column, value)
