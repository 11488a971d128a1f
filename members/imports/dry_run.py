"""The dry run: every problem of every row, found by the very checks the confirmation
makes (`MemberResource` in dry-run mode), and nothing saved."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from import_export.results import Result

from centres.models import Centre

from ..resources import SENSITIVE_COLUMNS, MemberResource, cell_text
from .sheet import Sheet


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str


def check(sheet: Sheet, *, centre: Centre) -> list[Problem]:
    resource = MemberResource(centre=centre)
    result = resource.import_data(sheet.dataset, dry_run=True, use_transactions=True)
    return problems_of(result, sheet)


def problems_of(result: Result, sheet: Sheet) -> list[Problem]:
    problems = []
    for invalid in result.invalid_rows:
        row = sheet.row_numbers[invalid.number - 1]
        cells = dict(zip(sheet.dataset.headers, invalid.values, strict=False))
        for column, messages in invalid.error_dict.items():
            column = "" if column == NON_FIELD_ERRORS else column
            problems.extend(
                Problem(row, column, _unrepeated(message, column, cells.get(column)))
                for message in messages
            )
    # Unexpected errors: their text may quote the row, so it is not shown.
    for error_row in result.error_rows:
        row = sheet.row_numbers[error_row.number - 1]
        problems.append(Problem(row, "", _("This row could not be saved.")))
    if result.base_errors:
        problems.append(Problem(None, "", _("The file could not be imported.")))
    return sorted(problems, key=lambda problem: problem.row or 0)


def _unrepeated(message: str, column: str, cell) -> str:
    """`message`, unless it repeats the cell of a sensitive column: the widgets' own
    refusals never do, but a check added later (a model validator) might."""
    typed = cell_text(cell)
    if column in SENSITIVE_COLUMNS and len(typed) >= 3 and typed[:20] in message:
        return _("The value in the column %(column)s is not allowed.") % {"column": column}
    return message


def preview(sheet: Sheet, *, shown: int = 5) -> dict:
    names = sheet.dataset["preferred_name"][:shown]
    return {
        "count": len(sheet.dataset),
        "first_names": [cell_text(name) for name in names],
        "ignored_columns": sheet.ignored_columns,
    }
