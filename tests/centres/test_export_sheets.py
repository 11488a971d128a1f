"""The export's worksheet writes the file XlsxWriter writes cell by cell, byte for byte
(but for texts that look like the library's rich strings, which stay text), and keeps
what a spreadsheet must not do to people's text: no formula, no link, no number made of
a phone."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
import xlsxwriter
from openpyxl import load_workbook
from xlsxwriter.worksheet import Worksheet

from centres.exports import Column, Table
from centres.exports.sheets import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    ExcelDate,
    ExcelDateTime,
    ExportSheet,
    Quoted,
)
from centres.exports.tables import XLSX_OPTIONS

# Texts that XlsxWriter escapes or marks, and texts it leaves as they are.
AWKWARD = [
    "plain",
    " leading space",
    "trailing space ",
    "\tTab first",
    "line\nbreak",
    "carriage\rreturn",
    "bell\x07and\x1fnul\x00",
    "_x0041_ looks escaped",
    "_x00zz_ does not",
    "_X0041_ upper x",
    "non\ufffecharacter\uffff",
    "&amp; <b> \"quoted\" 'single'",
    "\u200fمرحبا بكم\u200e",
    "नमस्ते 😀",
    "\u00a0no-break\u00a0",
    "x" * 40_000,  # past Excel's 32,767: truncated, as the library does
    # Each character the library escapes, alone in its text.
    *(f"a{chr(code)}b" for code in range(0x20)),
    "a\ufffeb",
    "a\uffffb",
]
VALUES = [
    *AWKWARD,
    "",
    None,
    0,
    -3,
    2.5,
    1e-7,
    True,
    False,
    Decimal("1.25"),
    date(2026, 11, 30),
    datetime(2026, 11, 30, 1, 30),
]


def _sheet_xml(write) -> bytes:
    """The first sheet's XML of a workbook written by `write(book)`."""
    target = io.BytesIO()
    book = xlsxwriter.Workbook(target, XLSX_OPTIONS)
    write(book)
    book.close()
    with zipfile.ZipFile(io.BytesIO(target.getvalue())) as package:
        return package.read("xl/worksheets/sheet1.xml")


def test_a_row_of_values_is_written_as_xlsxwriter_writes_each_cell():
    """Every kind of value, in several rows so that rows are flushed as they come."""
    rows = [VALUES, list(reversed(VALUES)), AWKWARD]

    def by_cell(book):
        sheet = book.add_worksheet("t")
        for at, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                sheet.write(at, column, value)

    def by_row(book):
        sheet = book.add_worksheet("t", worksheet_class=ExportSheet)
        for at, row in enumerate(rows, start=1):
            sheet.write_values(at, row)

    expected = _sheet_xml(by_cell)
    assert b"_x0007_" in expected and b"_x005F_x0041_" in expected  # escapes were exercised
    assert _sheet_xml(by_row) == expected


# A row `write_values` writes in one piece: every value but the long text and the
# kinds the library writes itself (booleans, decimals, dates).
DIRECT = [
    *(text for text in AWKWARD if len(text) < 10_000),
    "",
    None,
    0,
    -3,
    2.5,
    1e-7,
    10**17,
    Quoted("=1+1"),
    ExcelDate(46356.0),
    ExcelDateTime(46356.0625),
]


def _formats(book):
    return {
        "quoted": book.add_format({"quote_prefix": True}),
        "date": book.add_format({"num_format": DATE_FORMAT}),
        "datetime": book.add_format({"num_format": DATETIME_FORMAT}),
    }


def _by_cell(rows):
    """Rows written by the library's own writers: a header, then each value."""

    def write(book):
        formats = _formats(book)
        sheet = book.add_worksheet("t")
        sheet.write_row(0, 0, ["a", "b"])
        for at, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if isinstance(value, Quoted):
                    sheet.write_string(at, column, str(value), formats["quoted"])
                elif isinstance(value, ExcelDateTime | ExcelDate):
                    style = formats["datetime" if isinstance(value, ExcelDateTime) else "date"]
                    sheet.write_number(at, column, float(value), style)
                else:
                    sheet.write(at, column, value)

    return write


def _by_row(rows):
    def write(book):
        sheet = book.add_worksheet("t", worksheet_class=ExportSheet)
        sheet.formats = _formats(book)
        sheet.write_row(0, 0, ["a", "b"])
        for at, row in enumerate(rows, start=1):
            sheet.write_values(at, row)

    return write


@pytest.mark.parametrize("pending", [64 * 1024, 1])
def test_a_row_written_in_one_piece_is_the_row_the_library_writes(monkeypatch, pending):
    """After a header written cell by cell, rows written in one piece, an empty row, a
    row the library writes itself in between, and a last row in one piece; the rows
    kept to be written together, or each written at once."""
    monkeypatch.setattr("centres.exports.sheets.PENDING", pending)
    rows = [DIRECT, list(reversed(DIRECT)), [None, ""], VALUES, DIRECT[:3]]
    expected = _sheet_xml(_by_cell(rows))
    assert b"_x0007_" in expected and b"xml:space" in expected and b"&amp;" in expected
    assert _sheet_xml(_by_row(rows)) == expected


def test_a_plain_row_does_not_go_through_the_librarys_cell_writer(monkeypatch):
    """The per-cell writer is what made a big XLSX cost many times a COPY."""
    written = []
    monkeypatch.setattr(Worksheet, "_write_cell", lambda *args: written.append(args))
    _sheet_xml(_by_row([DIRECT, DIRECT]))
    assert [args[1] for args in written] == [0, 0]  # the header's two cells only


@pytest.mark.parametrize(
    "text",
    [
        "<r><t>x</t></r>",
        '<r><t>x</t></r></is></c><c r="Z2"><f>HYPERLINK("http://e.example","go")</f></c>'
        '<c r="Y2" t="inlineStr"><is><r><t>y</t></r>',
    ],
)
@pytest.mark.parametrize("with_library_value", [False, True])
def test_text_that_looks_like_a_rich_string_is_the_text_it_is(text, with_library_value):
    """XlsxWriter copies a text written as "<r>…</r>" into the sheet's XML as it is, so a
    name or a label could add cells and formulas. Here it is escaped, in a row written
    in one piece and in one the library writes (a boolean in it)."""
    row = [text, True] if with_library_value else [text]
    columns = [Column(f"c{n}", free_text=True) for n in range(len(row))]
    table = Table(what="t", columns=columns, rows=iter([row]), count=lambda: 1)
    sheet = load_workbook(io.BytesIO(table.xlsx_bytes())).active
    cells = [(c.coordinate, c.value) for line in sheet.iter_rows() for c in line if c.value]
    assert cells == [("A1", "c0"), *([("B1", "c1")] if with_library_value else [])] + [
        ("A2", text),
        *([("B2", True)] if with_library_value else []),
    ]


def test_rows_are_written_in_order():
    def write(book):
        sheet = book.add_worksheet("t", worksheet_class=ExportSheet)
        sheet.write_values(2, ["x"])
        sheet.write_values(2, ["y"])

    with pytest.raises(ValueError):
        _sheet_xml(write)


@pytest.mark.parametrize("text", AWKWARD)
def test_control_characters_are_escaped_as_the_library_escapes_them(text):
    assert ExportSheet._escape_control_characters(text) == (
        xlsxwriter.worksheet.Worksheet._escape_control_characters(text)
    )


def _cells(values, *, free_text=False):
    columns = [Column(f"c{n}", free_text=free_text) for n in range(len(values))]
    table = Table(what="t", columns=columns, rows=iter([values]), count=lambda: 1)
    return load_workbook(io.BytesIO(table.xlsx_bytes())).active[2]


def test_text_that_looks_like_a_number_a_link_or_a_formula_stays_text():
    """A phone with its country code, a number with a leading zero, a link and a
    formula, in columns of codes (not neutralised): each stays the text it is."""
    texts = ["+962791234567", "+962 79 123 4567", "0042", "1e5", "https://example.org", "=1+1"]
    cells = _cells(texts)
    assert [c.value for c in cells] == texts
    assert [c.data_type for c in cells] == ["s"] * len(texts)
    assert all(c.hyperlink is None for c in cells)


def test_free_text_that_a_spreadsheet_would_run_is_neutralised_and_stays_text():
    """In the XLSX by the quote prefix (the text shows as typed and stays text when
    edited), not by an apostrophe, which Excel would show; the CSV keeps its apostrophe."""
    texts = ['=HYPERLINK("https://example.org")', "+962791234567", "-1", "@SUM(A1)", "Sita"]
    cells = _cells(texts, free_text=True)
    assert [c.value for c in cells] == texts
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False]
    assert [c.data_type for c in cells] == ["s"] * len(texts)
    assert all(c.hyperlink is None for c in cells)
    columns = [Column(f"c{n}", free_text=True) for n in range(len(texts))]
    table = Table(what="t", columns=columns, rows=iter([texts]), count=lambda: 1)
    assert "'+962791234567,'-1,'@SUM(A1),Sita" in "".join(table.csv_lines())


def test_marked_cells_are_written_as_xlsxwriter_writes_them_with_their_format():
    """A quoted text, a date and a time, as write_string and write_datetime write them."""
    from centres.exports.sheets import (
        DATE_FORMAT,
        DATETIME_FORMAT,
        ExcelDate,
        ExcelDateTime,
        Quoted,
    )
    from centres.exports.tables import excel_serial

    values = ["=1+1", "2026-11-30", "2026-11-30T01:30:05+03:00"]

    def formats(book):
        return {
            "quoted": book.add_format({"quote_prefix": True}),
            "date": book.add_format({"num_format": DATE_FORMAT}),
            "datetime": book.add_format({"num_format": DATETIME_FORMAT}),
        }

    def by_cell(book):
        f = formats(book)
        sheet = book.add_worksheet("t")
        sheet.write_string(1, 0, values[0], f["quoted"])
        sheet.write_datetime(1, 1, datetime(2026, 11, 30), f["date"])
        sheet.write_datetime(1, 2, datetime(2026, 11, 30, 1, 30, 5), f["datetime"])

    def by_row(book):
        f = formats(book)
        sheet = book.add_worksheet("t", worksheet_class=ExportSheet)
        sheet.formats = f
        sheet.write_values(
            1,
            [
                Quoted(values[0]),
                ExcelDate(excel_serial(values[1])),
                ExcelDateTime(excel_serial(values[2])),
            ],
        )

    assert _sheet_xml(by_row) == _sheet_xml(by_cell)


def test_date_columns_are_real_dates_and_an_empty_one_no_cell():
    columns = [
        Column("on", kind="date"),
        Column("at", kind="datetime"),
        Column("left", kind="datetime"),
    ]
    table = Table(
        what="t",
        columns=columns,
        rows=iter([["2026-11-30", "2026-11-30T23:59:59+03:00", ""]]),
        count=lambda: 1,
    )
    cells = load_workbook(io.BytesIO(table.xlsx_bytes())).active[2]
    assert [c.value for c in cells[:2]] == [
        datetime(2026, 11, 30),
        datetime(2026, 11, 30, 23, 59, 59),
    ]
    assert [c.number_format for c in cells[:2]] == ["yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"]
    assert cells[2].value is None
    # The CSV keeps the text with its offset.
    table.rows = iter([["2026-11-30", "2026-11-30T23:59:59+03:00", ""]])
    assert "2026-11-30,2026-11-30T23:59:59+03:00," in "".join(table.csv_lines())
