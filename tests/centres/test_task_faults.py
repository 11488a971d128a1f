"""A Celery worker killed in the middle of a task loses and doubles nothing.

A real worker, in its own process, consumes from the real broker (Redis in the
PostgreSQL run) and works on the test database. It is killed with SIGKILL half-way
through the nightly retention run; the unacknowledged message (acks_late) comes back
after the visibility timeout to a new worker, which finishes the work: every row done
exactly once, counted exactly once. Reminders delivered twice send each mail once.
"""

import os
import signal
import subprocess  # noqa: S404
import sys
import time
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection
from django.utils import timezone

from advocacy import actions as advocacy
from advocacy.models import Grievance
from advocacy.tasks import send_overdue_reminders
from centres.models import AuditEntry, RetentionCount
from centres.tasks import apply_retention
from members.models import Member
from workercentre.celery import app

from ..factories import MemberFactory, centre_today

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]

MEMBERS = 24
VISIBILITY = 6  # seconds before an unacknowledged task goes back to the queue


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_process(tmp_path):
    """Start real workers in their own processes; each is killed at the end."""
    started = []

    def start(**extra_env) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "workercentre.settings.test",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
            "TEST_EMAIL_FILE_PATH": str(tmp_path / "mail"),
            **extra_env,
        }
        command = [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "workercentre",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ]
        process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)  # noqa: S603
        started.append(process)
        return process

    app.conf.task_always_eager = False
    app.control.purge()
    try:
        yield start
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()
        app.control.purge()
        app.conf.task_always_eager = True


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _anonymised() -> int:
    return Member.objects.filter(erased_at__isnull=False).count()


@pytest.fixture
def inactive_members(centre):
    for _ in range(MEMBERS):
        MemberFactory(centre=centre)
    Member.objects.update(registered_at=timezone.now() - relativedelta(years=3))


def test_retention_killed_mid_run_is_finished_once_by_the_next_worker(
    worker_process, inactive_members
):
    first = worker_process(RETENTION_BATCH_SIZE="4", RETENTION_BATCH_PAUSE="0.7")
    apply_retention.delay()
    assert _wait(lambda: _anonymised() >= 4, 60), "the first worker did not start the run"
    first.send_signal(signal.SIGKILL)  # no goodbye: the message stays unacknowledged
    first.wait()
    done_before = _anonymised()
    assert 0 < done_before < MEMBERS  # killed in the middle

    worker_process()  # a new worker takes the message back after the visibility timeout
    assert _wait(lambda: _anonymised() == MEMBERS, VISIBILITY + 240)

    assert sum(RetentionCount.objects.values_list("count", flat=True)) == MEMBERS
    erasures = AuditEntry.objects.filter(
        content_type__model="member", action=AuditEntry.Action.UPDATE, changes__has_key="erased_at"
    )
    assert erasures.count() == MEMBERS  # each member erased once, none twice


def test_a_reminder_delivered_twice_mails_each_person_once(
    worker_process, centre, social_worker, legal, tmp_path
):
    for assignee in (social_worker, legal):
        case = advocacy.grievance_open(
            consent_given=True,
            centre=centre,
            by=assignee,
            pseudonym="Rose",
            narrative="overdue",
            issue_types=["wage_theft"],
            assignees=[assignee],
        )
        Grievance.objects.filter(pk=case.pk).update(
            follow_up_on=centre_today() - relativedelta(days=3)
        )
    worker_process()
    send_overdue_reminders.delay()
    send_overdue_reminders.delay()  # as if redelivered after a crash before the ack
    mail = tmp_path / "mail"

    def mailed() -> list[str]:
        files = sorted(mail.glob("*.log")) if mail.exists() else []
        return [
            line for f in files for line in f.read_text().splitlines() if line.startswith("To:")
        ]

    assert _wait(lambda: len(mailed()) >= 2, 60)
    time.sleep(3)  # time for a second mail, if there were one
    assert sorted(mailed()) == sorted([f"To: {social_worker.email}", f"To: {legal.email}"])
