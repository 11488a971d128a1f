"""Bulk import of members from a CSV or XLSX file, in three steps the importer sees:
upload and dry run (every problem of every row, people who look registered already),
a preview, then the confirmation that registers everyone or no one.

- `limits`: how big a file may be, checked before anything is parsed;
- `sheet`: reading the file into rows whose numbers are the spreadsheet's;
- `dry_run`: the checks, the same ones the confirmation makes, and the preview;
- `look_alikes`: rows that repeat a person inside the file or match a member;
- `save`: the confirmation, all or nothing;
- `waiting`: the checked file, encrypted in the cache until it is confirmed;
- `upload_form` and `column_guide`: the page's form and its explanation.

Rows become members through `members.resources.MemberResource`.
"""

from .column_guide import column_guide
from .dry_run import Problem, check, preview
from .limits import MAX_BYTES, MAX_ROWS
from .save import ImportFailed, members_import
from .sheet import Sheet, Upload, read_sheet
from .upload_form import MemberImportForm
from .waiting import upload_claim, upload_discard, upload_set_aside

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFailed",
    "MemberImportForm",
    "Problem",
    "Sheet",
    "Upload",
    "check",
    "column_guide",
    "members_import",
    "preview",
    "read_sheet",
    "upload_claim",
    "upload_discard",
    "upload_set_aside",
]
