"""The demo holds reports of the last closed months of both centres and of the
programme, and loading it again adds none."""

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
    assert reports.filter(scope_kind="centre").count() == 4  # two months of each centre
    assert reports.filter(scope_kind="programme", period_kind="month").count() == 1
    call_command("load_demo")
    assert FeedbackReport.objects.count() == 5
    amman = Centre.objects.get(code="AMM")
    report = reports.filter(centre=amman).first()
    client.force_login(User.objects.get(email="committee@example.org"))
    assert client.get(reverse("report_detail", args=[amman.pk, report.pk])).status_code == 200
    client.force_login(User.objects.get(email="coordinator@example.org"))
    programme = Programme.objects.get()
    page = client.get(reverse("programme_figures", args=[programme.pk]))
    assert page.status_code == 200
