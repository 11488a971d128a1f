"""Bulk import of members from a CSV or XLSX file: reading, the dry run, and the import.

The file is read here rather than by tablib's loaders, which drop blank lines (so the
row numbers shown would no longer match the spreadsheet) and read a formula's cached
result instead of the formula. Rows are then checked and saved by `MemberResource`.
Between the preview and the confirmation the file waits, encrypted, in the cache
under a random id that only the importer's session knows.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import re
import secrets
from dataclasses import dataclass, field
from pathlib import PurePath

import tablib
from cryptography.fernet import InvalidToken
from django import forms
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import Result, RowResult

from centres import crypto
from centres.models import AuditEntry, Centre, User

from .models import AgeBand, ConsentPurpose, Gender, Sector
from .resources import COLUMNS, REQUIRED_COLUMNS, MemberResource, cell_text

MAX_BYTES = 2 * 1024 * 1024
# A confirm writes each member, consent and audit row: about 6 ms a row, so 1,000 rows
# stay well inside a web request. Larger files are split (or, later, run in Celery).
MAX_ROWS = 1000
MAX_PHYSICAL_ROWS = 10 * MAX_ROWS
MAX_XLSX_COLUMNS = 200
FORMATS = ("csv", "xlsx")
KEPT_FOR_SECONDS = 15 * 60
SESSION_KEY = "member_import"
IMPORT_ID = re.compile(r"[A-Za-z0-9_-]{32}")


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.csv or .xlsx)"),
        help_text=gettext_lazy("At most 2 MB and 1,000 members. Only the first sheet is read."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        fmt = PurePath(upload.name).suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB. Split it into smaller files."))
        self.upload = Upload(content=upload.read(), fmt=fmt)
        self.sheet = read_sheet(self.upload)
        return upload


@dataclass(frozen=True)
class Upload:
    content: bytes
    fmt: str


@dataclass
class Sheet:
    dataset: tablib.Dataset
    row_numbers: list[int]  # the spreadsheet's number of each dataset row (header is 1)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def read_sheet(upload: Upload) -> Sheet:
    """The members' rows of a file, or a ValidationError saying why the file is refused."""
    rows = _csv_rows(upload.content) if upload.fmt == "csv" else _xlsx_rows(upload.content)
    header = next(rows, None)
    if header is None or not any(cell_text(cell) for cell in header):
        raise ValidationError(_("The file is empty."))
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
            % {"column": ", ".join(missing)}
        )
    kept = [index for index, name in enumerate(names) if name in COLUMNS]
    dataset = tablib.Dataset(headers=[names[index] for index in kept])
    row_numbers = []
    too_many = ValidationError(
        _("The file has more than %(limit)s rows. Split it into smaller files."),
        params={"limit": f"{MAX_ROWS:,}"},
    )
    for number, row in enumerate(rows, start=2):
        # Blank rows are skipped but still counted, up to a bound, so that the row
        # numbers stay those of the spreadsheet.
        if number > MAX_PHYSICAL_ROWS:
            raise too_many
        cells = list(row)
        if not any(cell_text(cell) for cell in cells):
            continue
        if any(cell_text(cell) for cell in cells[len(names) :]):
            raise ValidationError(
                _("Row %(row)s has a value in a column with no name in the first row.")
                % {"row": number}
            )
        if len(row_numbers) == MAX_ROWS:
            raise too_many
        cells += [None] * (len(names) - len(cells))
        dataset.append([cells[index] for index in kept])
        row_numbers.append(number)
    if not row_numbers:
        raise ValidationError(_("The file has no members to import, only the first row."))
    ignored = list(dict.fromkeys(name for name in names if name and name not in COLUMNS))
    return Sheet(dataset=dataset, row_numbers=row_numbers, ignored_columns=ignored)


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


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula is read as its text, never as a computed value.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        rows = book.worksheets[0].iter_rows(max_col=MAX_XLSX_COLUMNS, values_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise ValidationError(_("The file could not be read as an Excel (.xlsx) file.")) from None
    try:
        yield from rows
    except Exception:
        raise ValidationError(_("The file could not be read as an Excel (.xlsx) file.")) from None
    finally:
        book.close()


def check(sheet: Sheet, *, centre: Centre) -> list[Problem]:
    """The dry run: every problem of every row, and nothing saved."""
    resource = MemberResource(centre=centre)
    result = resource.import_data(sheet.dataset, dry_run=True, use_transactions=True)
    return problems_of(result, sheet)


def problems_of(result: Result, sheet: Sheet) -> list[Problem]:
    problems = []
    for invalid in result.invalid_rows:
        row = sheet.row_numbers[invalid.number - 1]
        for column, messages in invalid.error_dict.items():
            column = "" if column == NON_FIELD_ERRORS else column
            problems.extend(Problem(row, column, message) for message in messages)
    # Unexpected errors: their text may quote the row, so it is not shown.
    for error_row in result.error_rows:
        row = sheet.row_numbers[error_row.number - 1]
        problems.append(Problem(row, "", _("This row could not be saved.")))
    if result.base_errors:
        problems.append(Problem(None, "", _("The file could not be imported.")))
    return sorted(problems, key=lambda problem: problem.row or 0)


def preview(sheet: Sheet, *, shown: int = 5) -> dict:
    names = sheet.dataset["preferred_name"][:shown]
    return {
        "count": len(sheet.dataset),
        "first_names": [cell_text(name) for name in names],
        "ignored_columns": sheet.ignored_columns,
    }


@transaction.atomic
def members_import(*, centre: Centre, by: User, sheet: Sheet) -> int:
    """Register every member of the sheet, or none: raises ImportFailed on any problem."""
    resource = MemberResource(centre=centre, by=by)
    result = resource.import_data(
        sheet.dataset, use_transactions=True, rollback_on_validation_errors=True
    )
    problems = problems_of(result, sheet)
    if problems:
        raise ImportFailed(problems)  # rolls back what was saved
    count = result.totals[RowResult.IMPORT_TYPE_NEW]
    # The count only: the trail of an import never holds a name.
    AuditEntry.objects.log_create(
        centre,
        force_log=True,
        action=AuditEntry.Action.CREATE,
        changes={"import": ["members", str(count)]},
    )
    return count


def keep(session, upload: Upload, *, centre: Centre, user: User) -> str:
    """Keep the checked file until the importer confirms; returns its import id."""
    import_id = secrets.token_urlsafe(24)
    content = crypto.encrypt(base64.b64encode(upload.content).decode())
    stored = {"centre": centre.pk, "user": user.pk, "fmt": upload.fmt, "content": content}
    cache.set(_cache_key(import_id), stored, KEPT_FOR_SECONDS)
    session[SESSION_KEY] = import_id
    return import_id


def take(session, import_id: str, *, centre: Centre, user: User) -> Upload | None:
    """The file kept under `import_id`, once: None if the id is unknown, expired, already
    used, or not this session's, user's and centre's."""
    expected = session.get(SESSION_KEY, "")
    if not IMPORT_ID.fullmatch(import_id) or not secrets.compare_digest(import_id, expected):
        return None
    del session[SESSION_KEY]
    key = _cache_key(import_id)
    stored = cache.get(key)
    # Only the request that removes the entry may use it: a double click imports once.
    if stored is None or not cache.delete(key):
        return None
    if stored["centre"] != centre.pk or stored["user"] != user.pk:
        return None
    try:
        content = base64.b64decode(crypto.decrypt(stored["content"]))
    except (InvalidToken, binascii.Error):
        return None
    return Upload(content=content, fmt=stored["fmt"])


def drop(session) -> None:
    import_id = session.pop(SESSION_KEY, "")
    if IMPORT_ID.fullmatch(import_id):
        cache.delete(_cache_key(import_id))


def _cache_key(import_id: str) -> str:
    return f"members:import:{import_id}"


def column_guide() -> list[tuple[str, str]]:
    """What each column holds, for the upload page."""
    yes_no = _("yes or no (also 1/0, true/false).")
    consent = _(
        "Optional: yes only if the person agreed to this purpose, in today's wording: %(purpose)s."
    )
    return [
        ("preferred_name", _("Required. The name the person wants to be called.")),
        ("preferred_language", _("Optional.")),
        ("gender", _("Optional. One of: %(values)s.") % {"values": ", ".join(Gender.values)}),
        ("age_band", _("Optional. One of: %(values)s.") % {"values": ", ".join(AgeBand.values)}),
        ("sector", _("Optional. One of: %(values)s.") % {"values": ", ".join(Sector.values)}),
        ("occupation", _("Optional.")),
        ("nationality", _("Optional. Two letters, e.g. NP, BD, IN.")),
        ("migration_status", _("Optional and sensitive.")),
        ("phone", _("Optional. Only with the person's consent to be contacted.")),
        ("safe_to_contact", _("Optional: %(yes_no)s Empty means no.") % {"yes_no": yes_no}),
        (
            "never_contact_via_employer",
            _("Optional: %(yes_no)s Empty means yes.") % {"yes_no": yes_no},
        ),
        *[
            (f"consent_{purpose.value}", consent % {"purpose": purpose.label})
            for purpose in ConsentPurpose
        ],
    ]
