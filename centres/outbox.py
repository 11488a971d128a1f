"""Tasks asked for by a request survive a broker that is down.

`enqueue_on_commit(task, *args, **kwargs)` sends the task once the transaction commits,
as `delay_on_commit` does; if the broker does not take it (Redis down, unreachable),
the request still answers and the task is kept here, ids only, never text. Beat's
`centres.tasks.send_pending_tasks` sends what is kept every minute until the broker
takes it, so nothing is lost silently: every kept task is logged by name.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import models, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

BROKER_FAILURES = (OperationalError, OSError)


class PendingTask(models.Model):
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "centres"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.task} {self.pk}"


def _send(name: str, args: list, kwargs: dict) -> None:
    from celery import current_app

    with current_app.connection_for_write() as connection:
        current_app.tasks[name].apply_async(args, kwargs, connection=connection, retry=False)


def _send_or_keep(name: str, args: list, kwargs: dict) -> None:
    try:
        _send(name, args, kwargs)
    except BROKER_FAILURES:
        PendingTask.objects.create(task=name, args=args, kwargs=kwargs)
        logger.warning("Broker unavailable: task %s kept to be sent later", name)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    transaction.on_commit(partial(_send_or_keep, task.name, list(args), kwargs))


def send_pending() -> int:
    """Send the kept tasks, oldest first; stop at the first the broker refuses."""
    sent = 0
    for pending in PendingTask.objects.order_by("pk"):
        try:
            _send(pending.task, pending.args, pending.kwargs)
        except BROKER_FAILURES:
            PendingTask.objects.filter(pk=pending.pk).update(attempts=models.F("attempts") + 1)
            return sent
        pending.delete()
        sent += 1
    return sent
