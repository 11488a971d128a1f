"""Exports run by Celery: start one (or find the one already under way), write its
file, remove it when it expires. Writes of the export jobs live here.

Each kind of export that can run in the background registers how to build its table
from a centre and the job's stored filters (`register`), when its app loads: this app
is the lowest layer and imports none of theirs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..mail import mail_once, mail_send
from .models import ExportJob, ExportJobStatus
from .respond import audit
from .tables import FORMATS, Table

# The job page's progress is written once per this many rows.
PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class Kind:
    """`build(centre, params)` gives the table; `permission` is the one its view checks."""

    build: Callable[..., Table]
    permission: str


KINDS: dict[str, Kind] = {}


def register(kind: str, *, build: Callable[..., Table], permission: str) -> None:
    KINDS[kind] = Kind(build=build, permission=permission)


def in_background(table: Table) -> bool:
    """Whether `table` has too many rows for one request (`EXPORT_BACKGROUND_ROWS`)."""
    return table.count() > settings.EXPORT_BACKGROUND_ROWS


def export_job_start(*, centre, by, kind: str, fmt: str, params: dict) -> ExportJob:
    """A queued job for this export, or the one `by` already has under way for the same
    export: asking twice runs it once. Raises KeyError for an unregistered kind and
    ValueError for a format other than `FORMATS`."""
    from ..outbox import enqueue_on_commit
    from ..tasks import export_run

    if kind not in KINDS:
        raise KeyError(kind)
    if fmt not in FORMATS:
        raise ValueError(fmt)
    with transaction.atomic():
        # The requester's row serialises two clicks of theirs arriving together.
        get_user_model().objects.select_for_update().filter(pk=by.pk).first()
        same = ExportJob.objects.of(centre=centre, user=by).unfinished()
        job = same.filter(kind=kind, fmt=fmt, params=params).first()
        if job is None:
            job = ExportJob.objects.create(
                centre=centre, requested_by=by, kind=kind, fmt=fmt, params=params
            )
            enqueue_on_commit(export_run, job.pk)
    return job


def file_path(job: ExportJob) -> Path:
    return Path(settings.EXPORT_ROOT) / job.file_name


def download_name(job: ExportJob) -> str:
    stamp = timezone.localdate(job.created_at, job.centre.time_zone).isoformat()
    return f"{job.kind}-{job.centre.code}-{stamp}.{job.fmt}"


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Write the job's file, then in one transaction mark it done, audit the export and
    mail the requester. A job already done (a second delivery) is left as it is: one
    file, one audit row, one mail. A run stopped half-way leaves only a partial file
    that the next delivery writes again."""
    job = ExportJob.objects.select_related("centre", "requested_by").filter(pk=job_id).first()
    if job is None or job.status not in (ExportJobStatus.QUEUED, ExportJobStatus.RUNNING):
        return job
    table = KINDS[job.kind].build(job.centre, job.params)
    total = table.count()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.RUNNING, total=total)
    root = Path(settings.EXPORT_ROOT)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"job-{job.pk}.{job.fmt}"
    partial = root / f"{name}.part"
    table.rows = _counted(job.pk, table.rows)
    try:
        with open(partial, "wb") as target:
            if job.fmt == "csv":
                table.write_csv(target)
            else:
                table.write_xlsx(target)
    except Exception:
        partial.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.FAILED)
        raise
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update()
            .select_related("centre", "requested_by")
            .get(pk=job.pk)
        )
        if job.status == ExportJobStatus.DONE:
            partial.unlink(missing_ok=True)
            return job
        os.replace(partial, root / name)
        now = timezone.now()
        job.status, job.file_name, job.done = ExportJobStatus.DONE, name, total
        job.finished_at = now
        job.expires_at = now + timedelta(hours=settings.EXPORT_KEEP_HOURS)
        job.save()
        audit(table, job.fmt, audit_on=job.centre, rows=total, actor=job.requested_by)
        transaction.on_commit(lambda: _mail(job))
    return job


def _counted(job_id: int, rows: Iterable) -> Iterator:
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job_id).update(done=done)


def _mail(job: ExportJob) -> None:
    user = job.requested_by

    link = settings.SITE_URL.rstrip("/") + reverse("export_job", args=[job.centre_id, job.pk])

    def send() -> None:
        mail_send(
            recipient=user,
            about=job.centre,
            subject=lambda: _("Your export is ready"),
            body=lambda: render_to_string(
                "centres/email/export_ready.txt",
                {"link": link, "keep_hours": settings.EXPORT_KEEP_HOURS},
            ),
        )

    mail_once(kind="export_ready", recipient=user, key=str(job.pk), send=send)


def export_files_purge(*, now=None) -> int:
    """Remove the files of jobs past their expiry and mark the jobs removed; also the
    partial files of jobs that failed. Returns how many jobs it removed."""
    now = now or timezone.now()
    removed = 0
    due = ExportJob.objects.filter(status=ExportJobStatus.DONE, expires_at__lte=now)
    for job in due.iterator():
        if job.file_name:
            file_path(job).unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.EXPIRED, file_name="")
        removed += 1
    return removed
