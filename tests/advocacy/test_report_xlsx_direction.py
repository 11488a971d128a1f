"""An XLSX download in a right-to-left language reads right to left: its sheets are
set so (the first column on the right, as the page shows the table); in a
left-to-right language they are not."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from centres.exports import Column, Table
from tests.factories import VisitFactory

UTC = ZoneInfo("UTC")


@pytest.fixture
def report(centre):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)
    built, _ = report_build(scope=Scope.for_centre(centre), period="2026-03")
    return built


@pytest.mark.parametrize("language, right_to_left", [("ar", True), ("en", False)])
def test_a_reports_sheets_read_in_the_downloads_direction(
    client, manager, report, language, right_to_left
):
    client.force_login(manager)
    client.cookies["django_language"] = language
    url = reverse("report_download", args=[report.centre_id, report.pk, "xlsx"])
    response = client.get(url)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert [bool(s.sheet_view.rightToLeft) for s in book.worksheets] == [right_to_left]


def test_every_sheet_of_a_long_arabic_table_reads_right_to_left():
    from django.utils import translation

    rows = [[n] for n in range(5)]
    table = Table(what="visits", columns=[Column("n")], rows=iter(rows), count=lambda: 5)
    with translation.override("ar"):
        content = table.xlsx_bytes(sheet_rows=3)
    book = load_workbook(io.BytesIO(content))
    assert len(book.worksheets) == 3
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
