"""The confirmation: every member of the sheet registered, or none."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from import_export.results import RowResult

from centres.models import AuditEntry, Centre, User

from ..resources import MemberResource
from .dry_run import Problem, problems_of
from .sheet import Sheet


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@transaction.atomic
def members_import(
    *, centre: Centre, by: User, sheet: Sheet, skip_rows: Collection[int] = ()
) -> int:
    """Register every member of the sheet but the rows numbered `skip_rows` (the
    look-alikes the importer chose to leave out), or none: raises ImportFailed on any
    problem. Returns the number registered (0 when every row was skipped)."""
    skipped = len(set(skip_rows) & set(sheet.row_numbers))
    sheet = sheet.without(set(skip_rows)) if skipped else sheet
    count = 0
    if sheet.row_numbers:
        resource = MemberResource(centre=centre, by=by)
        result = resource.import_data(
            sheet.dataset, use_transactions=True, rollback_on_validation_errors=True
        )
        problems = problems_of(result, sheet)
        if problems:
            raise ImportFailed(problems)  # rolls back what was saved
        count = result.totals[RowResult.IMPORT_TYPE_NEW]
    # Counts only: the trail of an import never holds a name.
    changes = {"import": ["members", str(count)]}
    if skipped:
        changes["skipped"] = ["", str(skipped)]
    AuditEntry.objects.log_create(
        centre, force_log=True, action=AuditEntry.Action.CREATE, changes=changes
    )
    return count
