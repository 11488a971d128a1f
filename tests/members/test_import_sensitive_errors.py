"""A row error of an import never repeats the refused cell of a column of personal
detail (migration status, nationality, phone): the report is on screen beside the row,
so repeating "overstayer, employer has passport" would tell who is undocumented. It names
the column and what the column may hold. A harmless column's typo is still shown."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centres.models import AuditEntry
from members.imports import dry_run
from members.imports.waiting import SESSION_KEY
from members.models import Member

CASES = [
    (
        "migration_status",
        "overstayer, employer has passport",
        "The value in the column migration_status is not allowed. Use a code or its name: "
        "regular — Regular (work permit or visa);",
    ),
    (
        "nationality",
        "Nepali, visa expired",
        "The value in the column nationality is not allowed. "
        "Use a two-letter country code, e.g. NP, or leave it empty.",
    ),
    (
        "phone",
        "9.62796E+11",
        "The value in the column phone is a number a spreadsheet has changed",
    ),
    (
        "phone",
        "0795550101 (brother, in hiding)",
        "The value in the column phone is not a valid phone number.",
    ),
    (
        "phone",
        "1234567890123",
        "The value in the column phone is not a valid phone number.",
    ),
]


def _check(client, centre, column, cell):
    rows = [["Sita", ""], ["Rahim", cell]]
    content = tablib.Dataset(*rows, headers=["preferred_name", column]).export("csv")
    upload = SimpleUploadedFile("m.csv", content.encode(), content_type="text/csv")
    return client.post(reverse("member_import", args=[centre.pk]), {"file": upload})


@pytest.mark.parametrize(("column", "cell", "message"), CASES)
def test_a_sensitive_cell_is_not_repeated(client, manager, centre, column, cell, message):
    client.force_login(manager)
    entries = AuditEntry.objects.count()
    response = _check(client, centre, column, cell)

    [problem] = response.context["problems"]
    assert (problem.row, problem.column) == (3, column)
    assert problem.message.startswith(message)
    page = response.content.decode()
    for part in {cell, cell[:8], cell.split(",")[0]}:
        assert part not in problem.message and part not in page
    # Nothing of the checked file is kept: no import waits, nothing is written.
    assert "import_id" not in response.context and SESSION_KEY not in client.session
    assert AuditEntry.objects.count() == entries and not Member.objects.exists()


def test_a_harmless_typo_is_still_shown(client, manager, centre):
    client.force_login(manager)
    [problem] = _check(client, centre, "gender", "wmoan").context["problems"]
    assert "wmoan" in problem.message and "column gender" in problem.message


def test_a_later_check_that_would_repeat_a_sensitive_cell_is_replaced():
    repeating = "Value 'overstayer' is not a valid choice."
    assert dry_run._unrepeated(repeating, "migration_status", "overstayer") == (
        "The value in the column migration_status is not allowed."
    )
    assert dry_run._unrepeated(repeating, "sector", "overstayer") == repeating
    kept = "The value in the column phone is not a valid phone number."
    assert dry_run._unrepeated(kept, "phone", "12") == kept
