"""A real Celery worker consumes a task from the configured broker (Redis when
REDIS_URL is set, the file-system broker otherwise) and does the work."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail

from centres.models import Invitation
from centres.tasks import send_invitation
from workercentre.celery import app

from ..factories import InvitationFactory


@pytest.fixture
def real_worker(transactional_db, settings):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.celery_worker
def test_worker_sends_the_invitation_from_the_broker(real_worker, centre):
    invitation = InvitationFactory(centre=centre, email="through-the-broker@example.org")
    result = send_invitation.delay(invitation.pk)
    assert not isinstance(result, EagerResult)  # it went to the broker, not run in place
    for _ in range(300):
        invitation.refresh_from_db()
        if invitation.sent_at is not None:
            break
        time.sleep(0.1)
    assert invitation.sent_at is not None
    assert Invitation.objects.get(pk=invitation.pk).token_hash
    assert [m.to for m in mail.outbox] == [["through-the-broker@example.org"]]


@pytest.mark.celery_worker
def test_worker_writes_a_background_export_once(real_worker, centre, manager, settings, tmp_path):
    from centres.exports.jobs import export_job_start, file_path
    from centres.models import AuditEntry, ExportJob

    from ..factories import VisitFactory

    settings.EXPORT_ROOT = tmp_path
    for _ in range(3):
        VisitFactory(centre=centre)
    job = export_job_start(centre=centre, by=manager, kind="visits", fmt="xlsx", params={})
    for _ in range(600):
        job.refresh_from_db()
        if job.status == "done":
            break
        time.sleep(0.1)
    assert job.status == "done" and job.total == 3
    assert file_path(job).read_bytes()[:2] == b"PK"
    assert ExportJob.objects.count() == 1
    exports = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert [e.changes_dict["export"] for e in exports] == [["visits", "xlsx", "3"]]
    assert [m.to for m in mail.outbox] == [[manager.email]]
