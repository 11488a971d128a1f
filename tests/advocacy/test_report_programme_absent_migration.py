"""Programme reports built before rows recorded their absent cells get them from the
releases they name (migration 0018), as centre reports did (0017): a total or a
centre's cell not in the releases reads "—", a hidden one still reads "hidden"."""

import importlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.urls import reverse

from advocacy.models import FeedbackReport
from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from tests.factories import CentreFactory, VisitFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 4, 15, 12, tzinfo=UTC)
migration = importlib.import_module("advocacy.migrations.0018_programme_report_rows_absent")


def march(centre, *, alone_at=None, nationality=None):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)
    if alone_at is not None:  # one person alone at that hour: hidden
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, 5, alone_at, tzinfo=UTC))
    if nationality:  # named at this centre only: pooled among "others" at the other
        for day in range(1, 7):
            VisitFactory(
                centre=centre,
                arrived_at=datetime(2026, 3, day, 10, tzinfo=UTC),
                nationality=nationality,
            )


@pytest.fixture
def report(programme, centre):
    second = CentreFactory(programme=programme, name="Zarqa centre", code="ZRQ")
    march(centre, alone_at=3, nationality="LK")
    march(second)
    built, _ = report_build(scope=Scope.for_programme(programme), period="2026-03", now=NOW)
    return built


def as_built_before(contents: dict) -> dict:
    """The contents as a report stored them before "absent" was recorded."""
    drop = {"absent", "centres_absent"}
    tables = [
        {**t, "rows": [{k: v for k, v in r.items() if k not in drop} for r in t["rows"]]}
        for t in contents["tables"]
    ]
    return {**contents, "tables": tables}


def cells(contents, name, label):
    (row,) = (r for t in contents["tables"] if t["name"] == name for r in t["rows"]
              if r["label"] == label)  # fmt: skip
    return row


def test_stored_programme_reports_get_their_absent_cells_from_their_releases(report):
    built = report.contents
    lk, hour = cells(built, "visits.nationality", "LK"), cells(built, "visits.hour", "03")
    # What the migration must tell apart: a total over a centre without the row...
    assert lk["values"][0] is None and 0 in lk["absent"] and lk["centres_absent"] == [1]
    # ...and a total over a hidden cell.
    assert hour["values"][0] is None and 0 not in hour["absent"]
    assert hour["centres"][0] is None and hour["centres_absent"] == []
    FeedbackReport.objects.filter(pk=report.pk).update(contents=as_built_before(built))
    migration.record_absent(apps, None)
    report.refresh_from_db()
    assert report.contents["tables"] == built["tables"]


def test_the_page_reads_dash_for_an_absent_cell_once_migrated(client, coordinator, report):
    FeedbackReport.objects.filter(pk=report.pk).update(contents=as_built_before(report.contents))
    url = reverse("programme_report_detail", args=[report.programme_id, report.pk])
    client.force_login(coordinator)

    def nationality_row():
        page = client.get(url).content.decode()
        table = page[page.index('id="table-visits-nationality"') :]
        start = table.index("LK")
        return table[start : table.index("</tr>", start)]

    assert "hidden" in nationality_row()  # as stored: a centre without the row read "hidden"
    migration.record_absent(apps, None)
    row = nationality_row()
    assert "hidden" not in row and "—" in row


def test_a_report_already_recorded_or_naming_no_releases_is_left_as_it_is(report):
    before = FeedbackReport.objects.get(pk=report.pk).contents
    migration.record_absent(apps, None)
    assert FeedbackReport.objects.get(pk=report.pk).contents == before
    unnamed = {**as_built_before(before), "releases": []}
    FeedbackReport.objects.filter(pk=report.pk).update(contents=unnamed)
    migration.record_absent(apps, None)
    assert FeedbackReport.objects.get(pk=report.pk).contents == unnamed
