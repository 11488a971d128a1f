"""An export too big for one request: a job run by Celery, its file kept for a while."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A job still waiting this long after it was asked for lost its message on the way to a
# worker; one written for longer than `export_run`'s hard time limit (60 min) was
# stopped. Either is shown as not finished, and asking again starts a new job.
NOT_STARTED_AFTER = timedelta(minutes=20)
NOT_FINISHED_AFTER = timedelta(minutes=65)


class ExportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Removed")


class ExportJobQuerySet(models.QuerySet):
    def of(self, *, centre, user) -> ExportJobQuerySet:
        """The jobs `user` asked for in `centre`: nobody else's are ever shown or served."""
        return self.filter(centre=centre, requested_by=user)

    def unfinished(self) -> ExportJobQuerySet:
        """The jobs still under way: waiting or being written, and not `stalled`."""
        now = timezone.now()
        return self.filter(
            Q(status=ExportJobStatus.QUEUED, created_at__gt=now - NOT_STARTED_AFTER)
            | Q(status=ExportJobStatus.RUNNING, created_at__gt=now - NOT_FINISHED_AFTER)
        )


class ExportJob(models.Model):
    """`kind` names a registered export (`centres.exports.jobs.register`); `params` holds
    its filters (codes, dates and ids: never names). The file lives under
    `settings.EXPORT_ROOT`, outside anything served, until `expires_at`."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40)
    fmt = models.CharField(max_length=10)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ExportJobStatus.choices, default=ExportJobStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "expires_at"], name="export_job_expiry")]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.kind}.{self.fmt} #{self.pk}"

    @property
    def stalled(self) -> bool:
        """Waiting or being written for longer than any delivery can take: it will not
        finish (see `NOT_STARTED_AFTER`)."""
        age = timezone.now() - self.created_at
        return (self.status == ExportJobStatus.QUEUED and age > NOT_STARTED_AFTER) or (
            self.status == ExportJobStatus.RUNNING and age > NOT_FINISHED_AFTER
        )

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
