"""An export too big for one request: a job run by Celery, its file kept for a while."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        return self.filter(status__in=[ExportJobStatus.QUEUED, ExportJobStatus.RUNNING])


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
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
