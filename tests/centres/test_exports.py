"""The one export mechanism: free text neutralised in both formats, CSV with a BOM,
XLSX split into sheets at the row limit with the header on each."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from centres.exports import SHEET_ROWS, Column, Table, neutralise, tables

STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _table(rows, what="things"):
    columns = [Column("code"), Column("label", free_text=True), Column("count")]
    return Table(what=what, columns=columns, rows=iter(rows), count=lambda: len(rows))


@pytest.mark.parametrize("start", STARTS)
def test_every_formula_start_is_neutralised(start):
    """OWASP's list of characters that make a spreadsheet read a cell as a formula."""
    assert neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert neutralise("Sita") == "Sita"


@pytest.mark.parametrize("start", STARTS)
def test_free_text_is_neutralised_in_csv_and_xlsx(start):
    rows = [["a", f"{start}cmd|' /C calc'!A0", 3]]
    text = "".join(_table(rows).csv_lines())
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert header == ["code", "label", "count"]
    assert row == ["a", f"'{start}cmd|' /C calc'!A0", "3"]
    sheet = load_workbook(io.BytesIO(_table(rows).xlsx_bytes())).active
    cell = sheet["B2"]
    # A carriage return is stored as its OOXML escape, which Excel reads back as one.
    # Neutralised by the quote prefix: text, shown as typed, kept text when edited.
    assert cell.data_type == "s" and cell.quotePrefix is True
    assert cell.value.replace("_x000D_", "\r") == f"{start}cmd|' /C calc'!A0"
    assert sheet["C2"].value == 3


def test_xlsx_past_the_row_limit_goes_on_in_new_sheets(monkeypatch):
    monkeypatch.setattr(tables, "SHEET_ROWS", 4)  # a header and three rows per sheet
    rows = [[f"c{n}", f"label {n}", n] for n in range(10)]
    table = _table(rows, what="visits")
    target = io.BytesIO()
    assert table.write_xlsx(target) == 10
    book = load_workbook(io.BytesIO(target.getvalue()), read_only=True)
    assert book.sheetnames == ["visits", "visits 2", "visits 3", "visits 4"]
    found = []
    for sheet in book.worksheets:
        header, *data = list(sheet.iter_rows(values_only=True))
        assert header == ("code", "label", "count")
        assert 1 <= len(data) <= 3
        found += [list(row) for row in data]
    assert found == rows


def test_xlsx_cells_keep_their_types():
    """Text stays text (even when it reads as a number, a link or a formula), numbers
    stay numbers, an empty text or None leaves the cell empty, and the other types
    (booleans, dates, decimals) are written as XlsxWriter's write() writes them."""
    columns = [Column(f"c{n}") for n in range(9)]
    row = ["0042", "https://example.org", "=1+1", "", None, 7, 2.5, True, Decimal("1.25")]
    table = Table(what="things", columns=columns, rows=iter([row]), count=lambda: 1)
    sheet = load_workbook(io.BytesIO(table.xlsx_bytes())).active
    cells = sheet[2]
    assert [c.value for c in cells[:3]] == ["0042", "https://example.org", "=1+1"]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"]
    assert cells[0].hyperlink is None and cells[1].hyperlink is None
    assert cells[3].value is None and cells[4].value is None
    assert [c.value for c in cells[5:]] == [7, 2.5, True, 1.25]
    # A date is written by write(): its Excel serial number (no date format is set).
    on = date(2026, 11, 30)
    dated = Table(what="d", columns=[Column("on")], rows=iter([[on]]), count=lambda: 1)
    cell = load_workbook(io.BytesIO(dated.xlsx_bytes())).active["A2"]
    assert cell.value == (on - date(1899, 12, 30)).days


def test_the_sheet_limit_is_excels():
    assert SHEET_ROWS == 1_048_576


def test_an_empty_table_has_its_header():
    assert "".join(_table([]).csv_lines()) == "\ufeffcode,label,count\r\n"
    sheet = load_workbook(io.BytesIO(_table([]).xlsx_bytes())).active
    assert [c.value for c in sheet[1]] == ["code", "label", "count"] and sheet.max_row == 1
