"""Building a period that has a current report says the report exists, with a link to
it, and queues nothing: the build form builds only a period with none, so saying
"is being built" there promised a report that never came."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from advocacy.models import FeedbackReport
from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope

from ..factories import VisitFactory

UTC = ZoneInfo("UTC")


@pytest.fixture
def march(centre):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)


def post_twice(client, url, period, capture):
    for _ in range(2):
        with capture(execute=True) as callbacks:
            response = client.post(url, {"period": period}, follow=True)
        assert response.status_code == 200
        assert callbacks == []
    return response


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_centre_period_with_a_report_links_to_it(
    client, manager, centre, march, language, django_capture_on_commit_callbacks
):
    report, _built = report_build(scope=Scope.for_centre(centre), period="2026-W11")
    client.force_login(manager)
    client.cookies["django_language"] = language
    url = reverse("report_build", args=[centre.pk])
    response = post_twice(client, url, "2026-w11", django_capture_on_commit_callbacks)
    (message,) = response.context["messages"]
    assert message.level_tag == "info"
    href = reverse("report_detail", args=[centre.pk, report.pk])
    assert f'<a href="{href}">' in response.content.decode()
    assert list(FeedbackReport.objects.for_centre(centre)) == [report]


def test_a_programme_period_with_a_report_links_to_it(
    client, coordinator, programme, centre, march, django_capture_on_commit_callbacks
):
    report, _built = report_build(scope=Scope.for_programme(programme), period="2026-03")
    client.force_login(coordinator)
    url = reverse("programme_report_build", args=[programme.pk])
    response = post_twice(client, url, "2026-3", django_capture_on_commit_callbacks)
    (message,) = response.context["messages"]
    assert "exists already" in str(message) and "being built" not in str(message)
    href = reverse("programme_report_detail", args=[programme.pk, report.pk])
    assert f'<a href="{href}">' in str(message)
    assert list(FeedbackReport.objects.for_programme(programme)) == [report]


def test_rebuilding_from_the_reports_page_still_builds_a_new_version(
    client, manager, centre, march, django_capture_on_commit_callbacks
):
    report, _built = report_build(scope=Scope.for_centre(centre), period="2026-03")
    client.force_login(manager)
    url = reverse("report_build", args=[centre.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"period": "2026-03", "replacing": report.version})
    versions = FeedbackReport.objects.for_centre(centre).values_list("version", flat=True)
    assert sorted(versions) == [1, 2]
