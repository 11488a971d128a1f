"""A real Celery worker on the configured broker (Redis in the PostgreSQL run) builds
the due reports from the call beat makes, reading the entry beat reads."""

import importlib
import json
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.apps import apps as django_apps
from django.core import mail
from django_celery_beat.models import PeriodicTask

from advocacy.models import FeedbackReport
from workercentre.celery import app

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgresql]


@pytest.fixture
def real_worker(transactional_db):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.task_always_eager = True


def test_the_worker_builds_and_announces_reports_from_the_beat_entry(real_worker, centre, manager):
    # The entries come from a data migration; a transactional test run earlier empties
    # every table, so put them back the way the migration does (idempotent).
    importlib.import_module("advocacy.migrations.0011_report_schedules").add(django_apps, None)
    entry = PeriodicTask.objects.get(name="Weekly centre feedback reports")
    result = app.send_task(entry.task, kwargs=json.loads(entry.kwargs))
    assert not isinstance(result, EagerResult)
    for _ in range(1200):  # the week, the month, the quarter and the year of the centre
        if FeedbackReport.objects.count() == 4 and len(mail.outbox) == 4:
            break
        time.sleep(0.1)
    assert sorted(r.period_kind for r in FeedbackReport.objects.current()) == [
        "month",
        "quarter",
        "week",
        "year",
    ]
    assert [m.to for m in mail.outbox] == [[manager.email]] * 4
    # Beat fires again: nothing new is built or sent.
    app.send_task(entry.task, kwargs=json.loads(entry.kwargs))
    time.sleep(3)
    assert FeedbackReport.objects.count() == 4 and len(mail.outbox) == 4
