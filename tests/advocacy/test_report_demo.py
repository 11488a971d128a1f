"""The demo holds reports of the last closed weeks and months of both centres and of
the programme's last closed month, and loading it again adds none."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from advocacy.models import FeedbackReport
from centres.models import Centre, Programme, User


@pytest.mark.django_db
def test_demo_reports_are_built_once_and_readable(client, settings):
    settings.DEBUG = True
    call_command("load_demo")
    reports = FeedbackReport.objects.current()
    centre_reports = reports.filter(scope_kind="centre")
    assert centre_reports.filter(period_kind="week").count() == 8  # four weeks of each
    assert centre_reports.filter(period_kind="month").count() == 4  # two months of each
    assert reports.filter(scope_kind="programme", period_kind="month").count() == 1
    call_command("load_demo")
    assert FeedbackReport.objects.count() == 13
    amman = Centre.objects.get(code="AMM")
    client.force_login(User.objects.get(email="committee@example.org"))
    for report in reports.filter(centre=amman):
        page = client.get(reverse("report_detail", args=[amman.pk, report.pk]))
        assert page.status_code == 200
    week = reports.filter(centre=amman, period_kind="week").first()
    assert (
        "Week " in client.get(reverse("report_detail", args=[amman.pk, week.pk])).content.decode()
    )
    client.force_login(User.objects.get(email="coordinator@example.org"))
    programme = Programme.objects.get()
    page = client.get(reverse("programme_figures", args=[programme.pk]))
    assert page.status_code == 200


def test_the_demo_holds_a_programme_month_in_the_hour_one_centre_has_not_closed(db, monkeypatch):
    """At 21:30 UTC on 30 November the programme (Amman) has closed November but its
    Beirut centre has not: the demo holds October's programme report instead of none."""
    from datetime import UTC, datetime

    from demo import reports as demo_reports
    from tests.factories import CentreFactory, ProgrammeFactory

    programme = ProgrammeFactory(time_zone="Asia/Amman")
    centres = [
        CentreFactory(programme=programme, time_zone="Asia/Amman"),
        CentreFactory(programme=programme, time_zone="Asia/Beirut"),
    ]
    now = datetime(2026, 11, 30, 21, 30, tzinfo=UTC)
    monkeypatch.setattr(demo_reports.timezone, "now", lambda: now)
    demo_reports.load_reports(centres, programme)
    months = FeedbackReport.objects.filter(scope_kind="programme", period_kind="month")
    assert [report.period.key for report in months] == ["2026-10"]
