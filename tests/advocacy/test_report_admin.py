"""The admin lists feedback reports read only, without their figures or who built them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import FeedbackReport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(centre, manager):
    return FeedbackReport.objects.create(
        scope_kind="centre",
        centre=centre,
        period_kind="month",
        period_start=date(2026, 3, 1),
        built_at=timezone.now(),
        built_by=manager,
        contents={"tables": [{"name": "visits.total", "rows": [{"label": "CANARY-figure"}]}]},
    )


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_and_shows_reports_without_figures_or_people(admin_client, report):
    listing = admin_client.get(reverse("admin:advocacy_feedbackreport_changelist"))
    page = admin_client.get(reverse("admin:advocacy_feedbackreport_change", args=[report.pk]))
    for response in (listing, page):
        assert response.status_code == 200
        html = response.content.decode()
        assert "CANARY-figure" not in html and "manager@example.org" not in html
    assert "Amman centre" in listing.content.decode()


def test_the_admin_cannot_add_change_or_delete_a_report(admin_client, report):
    change = reverse("admin:advocacy_feedbackreport_change", args=[report.pk])
    assert admin_client.post(change, {"version": 9}).status_code == 403
    assert admin_client.get(reverse("admin:advocacy_feedbackreport_add")).status_code == 403
    delete = reverse("admin:advocacy_feedbackreport_delete", args=[report.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    report.refresh_from_db()
    assert report.version == 1
