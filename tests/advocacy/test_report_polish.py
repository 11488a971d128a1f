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


def test_a_week_across_the_new_year_has_no_note_about_columns(client, centre, manager):
    VisitFactory(centre=centre, arrived_at=datetime(2026, 12, 29, 9, tzinfo=AMMAN), people=3)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-W53", now=JANUARY)
    assert report.contents["tables"] == []
    client.force_login(manager)
    text = client.get(reverse("report_detail", args=[centre.pk, report.pk])).content.decode()
    assert "has days in two calendar years" in text
    assert "A column marked" not in text
