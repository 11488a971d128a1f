"""With the broker down, a request that asks for a task still answers, and the task is
kept (ids only) and sent by beat's next run once the broker is back: never lost."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from centres.models import Invitation, PendingTask, Role
from centres.tasks import send_pending_tasks
from workercentre.celery import app

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there


def forget_connections():
    """Drop the app's cached connection and producer pools, which keep the URL they
    were made with: without this the closed port outlives the fixture (and the
    working broker would stand in for the closed one)."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    working, transport = app.conf.broker_url, app.conf.broker_transport
    app.conf.task_always_eager = False
    # The URL alone names the transport: the demo's file-system one would otherwise
    # stand in for it (`CELERY_BROKER_TRANSPORT`) and never be down.
    app.conf.broker_url, app.conf.broker_transport = CLOSED_PORT, None
    forget_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_transport = working, transport
        app.conf.task_always_eager = True
        forget_connections()


def test_the_invitation_is_kept_while_the_broker_is_down_and_sent_when_it_is_back(
    client, manager, centre, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff_invite", args=[centre.pk]),
            {"email": "new.worker@example.org", "role": Role.SOCIAL_WORKER},
        )
    assert response.status_code == 302
    assert time.monotonic() - started < 20  # answered, not hung on the broker
    invitation = Invitation.objects.get(centre=centre)
    assert invitation.sent_at is None
    pending = PendingTask.objects.get()
    assert (pending.task, pending.args) == ("centres.tasks.send_invitation", [invitation.pk])

    # Beat's run while the broker is still down keeps it, counting the attempt.
    assert send_pending_tasks.apply().get() == 0
    assert PendingTask.objects.get().attempts == 1

    app.conf.task_always_eager = True  # the broker is back (tasks run in place here)
    assert send_pending_tasks.apply().get() == 1
    assert not PendingTask.objects.exists()
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert [m.to for m in mail.outbox] == [["new.worker@example.org"]]
