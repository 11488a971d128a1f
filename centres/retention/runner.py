"""Apply every registered retention step, programme by programme, in batches.

Each batch is one transaction: it locks its rows, applies the step to each, and adds
its count to the day's `RetentionRun` in the same transaction. So a run stopped at
any point (a worker killed, the database restarted) keeps what it did, counts it
exactly once, and the next run, or the redelivered task, does the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from ..models import Centre, Programme
from . import Step, registered_steps
from .models import RetentionCount, RetentionRun, policy_for


@dataclass(frozen=True)
class Due:
    programme: Programme
    centre: Centre
    step: Step
    cutoff: datetime
    count: int


def retention_preview(*, now: datetime | None = None) -> list[Due]:
    """What the next run would touch: counts per programme, centre and data class."""
    now = now or timezone.now()
    centres = {centre.pk: centre for centre in Centre.objects.select_related("programme")}
    found = []
    for programme in Programme.objects.order_by("name"):
        policy = policy_for(programme)
        for step in registered_steps():
            cutoff = policy.cutoff(step.period_field, now)
            rows = (
                step.due(cutoff)
                .filter(centre__programme=programme)
                .order_by()
                .values("centre_id")
                .annotate(n=Count("pk"))
            )
            for row in sorted(rows, key=lambda row: row["centre_id"]):
                found.append(Due(programme, centres[row["centre_id"]], step, cutoff, row["n"]))
    return found


def retention_apply(*, now: datetime | None = None, batch_size: int | None = None) -> dict:
    """Apply every step to every programme; returns the counts of this call per class."""
    now = now or timezone.now()
    batch_size = batch_size or settings.RETENTION_BATCH_SIZE
    run, _created = RetentionRun.objects.get_or_create(
        day=timezone.localdate(now), defaults={"started_at": now}
    )
    totals = {step.key: 0 for step in registered_steps()}
    for programme in Programme.objects.order_by("pk"):
        policy = policy_for(programme)
        for step in registered_steps():
            due = step.due(policy.cutoff(step.period_field, now)).filter(
                centre__programme=programme
            )
            totals[step.key] += _apply_in_batches(run=run, step=step, due=due, size=batch_size)
    RetentionRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return totals


def _apply_in_batches(*, run: RetentionRun, step: Step, due, size: int) -> int:
    done, after = 0, None
    while True:
        with transaction.atomic():
            batch = due.order_by("pk")
            if after is not None:
                batch = batch.filter(pk__gt=after)
            # Rows another worker holds are skipped: that worker is applying them.
            rows = list(batch.select_for_update(of=("self",), skip_locked=True)[:size])
            if not rows:
                return done
            per_centre: dict[int, int] = {}
            for row in rows:
                step.apply(row)
                per_centre[row.centre_id] = per_centre.get(row.centre_id, 0) + 1
            for centre_id, n in per_centre.items():
                count, _created = RetentionCount.objects.get_or_create(
                    run=run, centre_id=centre_id, data_class=step.key
                )
                RetentionCount.objects.filter(pk=count.pk).update(count=F("count") + n)
            done += len(rows)
            after = rows[-1].pk
        if settings.RETENTION_BATCH_PAUSE:
            time.sleep(settings.RETENTION_BATCH_PAUSE)
