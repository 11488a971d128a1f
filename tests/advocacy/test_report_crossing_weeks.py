"""A week with days in two calendar years is not released on its own, so no entry point
that takes a period builds or shows it: the build form refuses it beside the field,
the build task refuses it, and the released-figures layer refuses it, all by the one
rule (`periods.outward_period`)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from advocacy.models import FeedbackReport
from advocacy.reports.scope import Scope
from advocacy.reports.tasks import build_feedback_report
from advocacy.statistics.periods import Period, PeriodRefused, outward_period
from tests.factories import VisitFactory

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")


@pytest.fixture
def records(centre):
    """Records from 2024 on, so no week below is refused as before the records."""
    VisitFactory(centre=centre, arrived_at=datetime(2024, 6, 3, 11, tzinfo=AMMAN), people=3)
    VisitFactory(centre=centre, arrived_at=datetime(2025, 12, 30, 11, tzinfo=AMMAN), people=3)
    return centre


@pytest.mark.parametrize("key", ["2026-W01", "2025-W01", "2026-w1"])
def test_the_build_form_refuses_a_week_across_the_new_year_beside_the_field(
    client, manager, records, key, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("report_build", args=[records.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"period": key})
    assert response.status_code == 400 and not callbacks
    assert "two calendar years" in " ".join(response.context["form"].errors["period"])
    assert 'aria-invalid="true"' in response.content.decode()
    assert not FeedbackReport.objects.exists()
    # The same form with a week in one year is accepted: the refusal came from the week.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"period": "2026-W02"})
    assert response.status_code == 302 and FeedbackReport.objects.count() == 1


def test_the_build_task_refuses_a_week_across_the_new_year(records):
    with pytest.raises(PeriodRefused, match="two calendar years"):
        build_feedback_report.apply(
            args=("centre", records.pk, "week", "2025-12-29"), throw=True
        ).get()
    assert not FeedbackReport.objects.exists()


def test_a_scope_refuses_it_as_the_released_figures_layer_does(records, programme):
    now = datetime(2026, 2, 1, tzinfo=AMMAN)
    crossing = Period.parse("2026-W01")
    with pytest.raises(PeriodRefused, match="two calendar years"):
        outward_period(crossing, zone=AMMAN, now=now)
    with pytest.raises(PeriodRefused, match="two calendar years"):
        Scope.for_centre(records).closed_period(crossing, now=now)
    assert Scope.for_centre(records).closed_period("2026-W02", now=now).key == "2026-W02"
