"""The demo holds reports of the last closed weeks and months of both centres and of
the programme's last closed month, each downloads as PDF and CSV, and loading it again
adds none (nor anything else)."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from advocacy.models import FeedbackReport
from advocacy.statistics import schedule
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
    for centre in Centre.objects.all():  # released as the hourly schedule releases them
        offered = schedule.offered_periods(centre)
        assert offered and all(schedule.stored_release(centre, p) for p in offered)
    counts = _counts()
    call_command("load_demo")
    assert FeedbackReport.objects.count() == 13
    assert _counts() == counts  # `make run` again adds nothing, of any kind
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
    assert "not released yet" not in page.content.decode()
    client.force_login(User.objects.get(email="worker@example.org"))
    page = client.get(reverse("you_said", args=[amman.pk])).content.decode()
    assert "not released yet" not in page


def _counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def _downloads_as_pdf_and_csv(client, url_name, scope_pk, report) -> None:
    for fmt in ("pdf", "csv"):
        response = client.get(reverse(url_name, args=[scope_pk, report.pk, fmt]))
        assert response.status_code == 200, (report.period.key, fmt)
        content = response.getvalue()
        if fmt == "pdf":
            assert content.startswith(b"%PDF"), report.period.key
        else:
            assert content.decode("utf-8").startswith("\ufefftable,"), report.period.key


@pytest.mark.django_db
def test_the_demo_reports_download_as_pdf_and_csv(client, settings):
    """Each centre's last closed week, by its manager, and the programme's month, by the
    coordinator."""
    settings.DEBUG = True
    call_command("load_demo")
    reports = FeedbackReport.objects.current()
    for code, email in (("AMM", "manager@example.org"), ("BEY", "manager2@example.org")):
        centre = Centre.objects.get(code=code)
        week = reports.filter(centre=centre, period_kind="week").order_by("-period_start")[0]
        client.force_login(User.objects.get(email=email))
        _downloads_as_pdf_and_csv(client, "report_download", centre.pk, week)
    programme = Programme.objects.get()
    (month,) = reports.filter(scope_kind="programme")
    client.force_login(User.objects.get(email="coordinator@example.org"))
    _downloads_as_pdf_and_csv(client, "programme_report_download", programme.pk, month)


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


@pytest.mark.django_db
def test_demo_reports_compare_with_every_period_after_the_records_begin(settings):
    """The demo's records begin when its centres opened, 120 days before loading: a
    report's comparison column is "before the records" exactly where the figures pages
    and the refusal of such a period agree (the period ended before the records begin),
    that is for the same period a year before, and never for the current one."""
    from advocacy.reports.contents import COMPARED, compared_periods
    from advocacy.reports.scope import Scope
    from advocacy.statistics.periods import existed

    settings.DEBUG = True
    call_command("load_demo")
    reports = FeedbackReport.objects.current()
    for report in reports:
        scope = Scope.of(report.scope_kind, report.scope_id)
        periods = compared_periods(report.period)
        expected = [c for c in COMPARED if not existed(periods[c], scope.first_day)]
        assert report.contents.get("before_records", []) == expected, report.period.key
        assert "last_year" in expected and "current" not in expected, report.period.key
    assert reports.count() == 13
