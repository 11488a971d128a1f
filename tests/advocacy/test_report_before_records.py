"""A report built before periods ending before the records begin were refused still
exists: opened by its id (page, PDF, CSV or XLSX) it shows no figures but the reason
and the first period with figures, with 410 Gone, and the lists no longer offer it."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import FeedbackReport
from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from centres.models import CentreRole, Role
from tests.factories import CentreFactory, VisitFactory

pytestmark = pytest.mark.django_db
BEGAN = datetime(2025, 6, 10, 9, tzinfo=UTC)
REASON = "ended before the records begin"


@pytest.fixture
def young(programme, manager):
    centre = CentreFactory(programme=programme, name="Irbid centre", code="IRB", created_at=BEGAN)
    programme.centres.update(created_at=BEGAN)
    CentreRole.objects.create(user=manager, centre=centre, role=Role.MANAGER)
    return centre


@pytest.fixture
def reports(young):
    """A true report of 2025-W48, and one of May 2025 built before the rule, holding
    figures (copied from the true one) for a month before the centre existed."""
    for day in range(17, 31):
        VisitFactory(centre=young, arrived_at=datetime(2025, 11, day, 9, tzinfo=UTC), people=3)
    now = datetime(2025, 12, 10, 12, tzinfo=UTC)
    good, _ = report_build(scope=Scope.for_centre(young), period="2025-W48", now=now)
    old = FeedbackReport.objects.create(
        scope_kind="centre",
        centre=young,
        period_kind="month",
        period_start=date(2025, 5, 1),
        built_at=timezone.now(),
        contents={**good.contents, "period": "2025-05", "compared": ["2025-05"]},
    )
    return good, old


def test_its_page_gives_the_reason_and_no_figures(client, manager, young, reports):
    good, old = reports
    client.force_login(manager)
    response = client.get(reverse("report_detail", args=[young.pk, old.pk]))
    page = response.content.decode()
    assert response.status_code == 410
    assert REASON in page and "June 2025" in page
    assert 'id="table-visits-total"' not in page
    assert client.get(reverse("report_detail", args=[young.pk, good.pk])).status_code == 200


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_its_downloads_give_the_same_reason_and_no_file(client, manager, young, reports, fmt):
    good, old = reports
    client.force_login(manager)
    response = client.get(reverse("report_download", args=[young.pk, old.pk, fmt]))
    assert response.status_code == 410
    assert "Content-Disposition" not in response
    assert REASON in response.content.decode()
    ok = client.get(reverse("report_download", args=[young.pk, good.pk, fmt]))
    assert ok.status_code == 200 and "attachment" in ok["Content-Disposition"]


def test_the_list_no_longer_offers_it(client, manager, young, reports):
    good, old = reports
    client.force_login(manager)
    page = client.get(reverse("report_list", args=[young.pk])).content.decode()
    assert reverse("report_detail", args=[young.pk, good.pk]) in page
    assert reverse("report_detail", args=[young.pk, old.pk]) not in page


def test_others_still_get_404_or_403(client, outsider, worker, young, reports):
    _good, old = reports
    url = reverse("report_detail", args=[young.pk, old.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    CentreRole.objects.create(user=worker, centre=young, role=Role.WORKER_MEMBER)
    client.force_login(worker)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code in (403, 405)


@pytest.mark.parametrize("fmt", [None, "pdf", "csv", "xlsx"])
def test_a_programme_report_before_its_first_centre(client, coordinator, programme, young, fmt):
    old = FeedbackReport.objects.create(
        scope_kind="programme",
        programme=programme,
        period_kind="year",
        period_start=date(2024, 1, 1),
        built_at=timezone.now(),
        contents={"period": "2024", "compared": ["2024"], "tables": []},
    )
    client.force_login(coordinator)
    if fmt is None:
        url = reverse("programme_report_detail", args=[programme.pk, old.pk])
    else:
        url = reverse("programme_report_download", args=[programme.pk, old.pk, fmt])
    response = client.get(url)
    assert response.status_code == 410
    assert REASON in response.content.decode() and "2025" in response.content.decode()
    listed = client.get(reverse("programme_reports", args=[programme.pk])).content.decode()
    assert reverse("programme_report_detail", args=[programme.pk, old.pk]) not in listed
