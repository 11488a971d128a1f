"""A build asked for says "being built" on the reports' pages until its version comes,
and, if it never comes (a message lost on the way to the worker), says it was not built
and may be asked again: never "being built" for ever."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import FeedbackReport
from advocacy.reports import views
from advocacy.reports.actions import report_build
from advocacy.reports.pending import GIVE_UP_AFTER, SESSION_KEY
from advocacy.reports.scope import Scope

from ..factories import VisitFactory

UTC = ZoneInfo("UTC")
WAITING = "The report of Week 11"
BEING_BUILT = "is being built"
NOT_BUILT = "was not built. Please ask for it again."


@pytest.fixture
def report(centre):
    for day in range(9, 16):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)
    report, _built = report_build(scope=Scope.for_centre(centre), period="2026-W11")
    return report


@pytest.fixture
def lost(monkeypatch):
    """The broker loses every message: nothing reaches a worker."""
    monkeypatch.setattr(views, "enqueue_on_commit", lambda *args, **kwargs: None)


def _rebuild(client, centre, report):
    return client.post(
        reverse("report_build", args=[centre.pk]),
        {"period": "2026-W11", "replacing": report.version},
        follow=True,
    )


def _age(client, by: timedelta) -> None:
    session = client.session
    for entry in session[SESSION_KEY]:
        entry["at"] = (datetime.fromisoformat(entry["at"]) - by).isoformat()
    session.save()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_lost_rebuild_ends_with_ask_again(client, manager, centre, report, lost, language):
    client.force_login(manager)
    client.cookies["django_language"] = language
    page = _rebuild(client, centre, report).content.decode()
    if language == "en":
        assert BEING_BUILT in page
    detail = reverse("report_detail", args=[centre.pk, report.pk])
    assert 'role="status"' in client.get(detail).content.decode()  # still waiting there too
    _age(client, GIVE_UP_AFTER + timedelta(minutes=1))
    listed = reverse("report_list", args=[centre.pk])
    page = client.get(listed).content.decode()
    if language == "en":
        assert NOT_BUILT in page and BEING_BUILT not in page
    assert 'role="alert"' in page
    again = client.get(listed).content.decode()  # said once
    assert NOT_BUILT not in again and BEING_BUILT not in again
    assert FeedbackReport.objects.count() == 1


def test_a_rebuild_that_comes_is_shown_and_no_longer_waited_for(
    client, manager, centre, report, lost
):
    client.force_login(manager)
    assert BEING_BUILT in _rebuild(client, centre, report).content.decode()
    report_build(scope=Scope.for_centre(centre), period="2026-W11", replacing=report.version)
    _age(client, GIVE_UP_AFTER + timedelta(minutes=1))  # late, but it came
    page = client.get(reverse("report_list", args=[centre.pk])).content.decode()
    assert BEING_BUILT not in page and NOT_BUILT not in page
    assert FeedbackReport.objects.filter(is_current=True).get().version == 2


def test_a_rebuild_the_worker_does_says_nothing_more(
    client, manager, centre, report, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        _rebuild(client, centre, report)  # queued once the request commits, built then
    page = client.get(reverse("report_list", args=[centre.pk])).content.decode()
    assert BEING_BUILT not in page and NOT_BUILT not in page
    assert FeedbackReport.objects.filter(is_current=True).get().version == 2
    assert client.session[SESSION_KEY] == []


def test_the_session_holds_ids_and_times_only(client, manager, centre, report, lost):
    client.force_login(manager)
    _rebuild(client, centre, report)
    (entry,) = client.session[SESSION_KEY]
    assert set(entry) == {"scope", "period", "replacing", "at"}
    assert entry["scope"] == f"centre:{centre.pk}" and entry["period"] == "2026-W11"
    assert entry["replacing"] == report.version
    assert datetime.fromisoformat(entry["at"]) <= timezone.now()


def test_asking_again_waits_again(client, manager, centre, report, lost):
    client.force_login(manager)
    _rebuild(client, centre, report)
    _age(client, GIVE_UP_AFTER + timedelta(minutes=1))
    page = _rebuild(client, centre, report).content.decode()
    assert BEING_BUILT in page and NOT_BUILT not in page
    assert len(client.session[SESSION_KEY]) == 1
