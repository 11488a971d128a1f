"""Every table the product lets someone download, as CSV or XLSX, goes through here.

An export declares its columns (`Column`: a stable code, and whether it holds free text
that a spreadsheet could run as a formula) and yields its rows; this package owns the
rest, once: the formats and their content types, formula neutralising, the UTF-8 CSV
with a byte-order mark, the XLSX workbook (split into sheets at Excel's row limit), the
audit row, and the response.

django-import-export reads member files (`members.resources`); it does not write these
files, because its `Resource.export` builds the whole table in memory (a tablib
Dataset) and renders every cell through a widget, which at a centre's six-figure visit
counts is neither flat in memory nor near the speed of PostgreSQL's COPY. Rows here are
plain sequences read in chunks and written as they come.
"""

from __future__ import annotations

from .tables import (
    BOM,
    CONTENT_TYPES,
    DATE,
    DATETIME,
    FORMATS,
    FORMULA_STARTS,
    SHEET_ROWS,
    Column,
    Table,
    neutralise,
)

__all__ = [
    "BOM",
    "CONTENT_TYPES",
    "DATE",
    "DATETIME",
    "FORMATS",
    "FORMULA_STARTS",
    "SHEET_ROWS",
    "Column",
    "Table",
    "neutralise",
]
