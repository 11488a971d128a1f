"""How big an import may be. A file is measured before it is parsed: an XLSX is a zip,
and 1.5 MB of zip can hold gigabytes of cells."""

MAX_BYTES = 2 * 1024 * 1024
# A confirm writes each member, consent and audit row: about 6 ms a row, so 1,000 rows
# stay well inside a web request. Larger files are split.
MAX_ROWS = 1000
# Blank rows are skipped but counted, up to this bound, to keep the spreadsheet's numbers.
MAX_PHYSICAL_ROWS = 10 * MAX_ROWS
MAX_COLUMNS = 200
# 1,000 rows of a dozen columns take well under 2 MB of XML; Excel adds styles and
# themes. Anything bigger inside the zip is not a member list.
MAX_XLSX_UNCOMPRESSED = 25 * 1024 * 1024
MAX_XLSX_PARTS = 300
FORMATS = ("csv", "xlsx")
