"""Reports read plainly: every table titled, the report list's account of periods
true, a note only where it explains something on the page."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from advocacy.reports.actions import report_build
from advocacy.reports.contents import LEFT_OUT
from advocacy.reports.present import titles
from advocacy.reports.scope import Scope
from advocacy.statistics.family import DERIVED, STANDALONE
from advocacy.statistics.magnitudes import DAYS, WAGES
from advocacy.statistics.tables import TABLES
from tests.factories import VisitFactory

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")
JANUARY = datetime(2027, 1, 20, 12, tzinfo=AMMAN)
APRIL = datetime(2026, 4, 15, 12, tzinfo=AMMAN)


def test_every_table_the_layer_can_release_has_a_title_and_a_row_heading():
    names = {spec.name for spec in TABLES} | set(DERIVED) | set(STANDALONE) | {DAYS, WAGES}
    shown = titles()
    assert not (names - LEFT_OUT) - set(shown)
    for name in names - LEFT_OUT:
        title, column = shown[name]
        assert title != name and column and "." not in str(title)


def test_feedback_tables_are_titled_on_the_page_and_in_the_csv(client, centre, manager):
    VisitFactory(centre=centre, arrived_at=datetime(2026, 3, 2, 9, tzinfo=AMMAN), people=3)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=APRIL)
    assert any(t["name"] == "feedback.responses" for t in report.contents["tables"])
    client.force_login(manager)
    page = client.get(reverse("report_detail", args=[centre.pk, report.pk])).content.decode()
    assert "<h3>feedback." not in page and ">Row</th>" not in page
    assert "Survey responses" in page and "Comments by theme" in page
    csv = client.get(reverse("report_download", args=[centre.pk, report.pk, "csv"]))
    lines = csv.getvalue().decode("utf-8").splitlines()
    feedback = [line.split(",") for line in lines if line.startswith("feedback.")]
    assert feedback and all(not cells[2].startswith("feedback.") for cells in feedback)


def test_the_report_list_describes_weekly_reports(client, centre, manager):
    client.force_login(manager)
    text = client.get(reverse("report_list", args=[centre.pk])).content.decode()
    assert "whole month" not in text and "not by week" not in text
    assert "every Monday for the week that has ended" in text


def test_a_week_across_the_new_year_explains_its_column_once(client, centre, manager):
    VisitFactory(centre=centre, arrived_at=datetime(2026, 12, 29, 9, tzinfo=AMMAN), people=3)
    VisitFactory(centre=centre, arrived_at=datetime(2027, 1, 5, 9, tzinfo=AMMAN), people=3)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2027-W01", now=JANUARY)
    assert report.contents["tables"]  # 2026-W53 and 2026-W01 beside it read "—"
    client.force_login(manager)
    text = client.get(reverse("report_detail", args=[centre.pk, report.pk])).content.decode()
    assert text.count("has days in two calendar years") == 2  # once for each such week
    assert text.count("A column marked") == 1


def march(centre):
    for day in range(1, 21):
        for nationality in ("NP", "BD", ""):
            VisitFactory(
                centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=AMMAN), people=3,
                nationality=nationality,
            )  # fmt: skip
    # one person of another nationality: hidden
    VisitFactory(centre=centre, arrived_at=datetime(2026, 3, 5, 11, tzinfo=AMMAN), nationality="LK")


def test_a_row_missing_from_a_compared_release_reads_not_released_not_hidden(
    client, centre, manager
):
    """February 2026 and March 2025 have no visits: their releases have no nationality
    rows. Nepali reads "—" there (not in that release), not "hidden"; a figure hidden
    in March reads "hidden"; on the page and in the CSV, each with its own marker."""
    march(centre)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=APRIL)
    (nationality,) = (t for t in report.contents["tables"] if t["name"] == "visits.nationality")
    nepal = next(r for r in nationality["rows"] if r["label"] == "NP")
    assert nepal["values"] == [60, None, None] and nepal["absent"] == [1, 2]
    hidden = next(
        r for t in report.contents["tables"] for r in t["rows"]
        if r["values"][0] is None and 0 not in r["absent"]
    )  # fmt: skip
    client.force_login(manager)
    page = client.get(reverse("report_detail", args=[centre.pk, report.pk])).content.decode()
    table = page[page.index('id="table-visits-nationality"') :].split("</table>", 1)[0]
    shown = [row for row in table.split("<tr>") if 'current">60</td>' in row]
    assert len(shown) == 2  # Bangladesh, Nepal
    assert all(row.count("—") == 2 and "hidden" not in row for row in shown)
    assert 'current">hidden</td>' in page
    csv = client.get(reverse("report_download", args=[centre.pk, report.pk, "csv"]))
    lines = csv.getvalue().decode("utf-8").splitlines()
    assert next(x for x in lines if x.startswith("visits.nationality,NP,")).split(",")[4:] == [
        "60", "—", "—",
    ]  # fmt: skip
    label = f"{hidden['label']},"
    assert any(x.split(",")[4] == "hidden" and f",{label}" in x for x in lines[1:])


def test_a_programme_total_over_a_row_no_release_has_reads_not_released():
    """Nepal is in both centres' March, in neither's February: the February total is
    "—" (absent), not hidden; hidden in one centre, the total is hidden."""
    from types import SimpleNamespace

    from advocacy.reports.contents import label_order, table_names
    from advocacy.reports.programme import programme_tables

    def rel(rows):
        return SimpleNamespace(published={"visits.nationality": rows}, magnitudes={})

    per_centre = {
        1: {"current": rel({"NP": 10, "BD": None}), "previous": rel({}), "last_year": rel({})},
        2: {"current": rel({"NP": 12, "BD": 9}), "previous": rel({}), "last_year": rel({"NP": 5})},
    }
    (table,) = programme_tables(per_centre, names=table_names, labels=label_order)
    bd, np_ = table["rows"]
    assert np_["values"] == [22, None, None] and np_["absent"] == [1, 2]
    assert bd["values"] == [None, None, None] and bd["absent"] == [1, 2]
    assert bd["centres"] == [None, 9] and bd["centres_absent"] == []


def test_a_chart_draws_no_hidden_mark_for_a_figure_not_in_the_release(centre):
    from advocacy.reports.present import Namer, page_sections

    rows = [
        {"label": "NP", "values": [22, None, None], "absent": [1, 2]},
        {"label": "BD", "values": [None, None, None], "absent": [0, 1, 2]},
        {"label": "LK", "values": [None, 0, 0], "absent": []},
    ]
    contents = {"tables": [{"name": "visits.nationality", "rows": rows}], "compared": []}
    (section,) = page_sections(contents, Namer([centre]))
    chart = section["tables"][0]["chart"]
    assert [row.count for row in chart.rows] == [22, None]  # NP, and LK hidden


def test_reports_built_before_absent_was_recorded_get_it_from_their_releases(centre):
    import importlib

    from django.apps import apps

    from advocacy.models import FeedbackReport

    migration = importlib.import_module("advocacy.migrations.0017_report_rows_absent")
    march(centre)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=APRIL)
    built = report.contents["tables"]
    old = [{**t, "rows": [{k: v for k, v in r.items() if k != "absent"} for r in t["rows"]]}
           for t in built]  # fmt: skip
    FeedbackReport.objects.filter(pk=report.pk).update(contents={**report.contents, "tables": old})
    migration.record_absent(apps, None)
    report.refresh_from_db()
    assert report.contents["tables"] == built
