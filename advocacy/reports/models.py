"""A stored feedback report and the record of who was told about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..statistics.periods import OUTWARD_KINDS, Period


class ScopeKind(models.TextChoices):
    CENTRE = "centre", _("Centre")
    PROGRAMME = "programme", _("Programme")


class FeedbackReportQuerySet(models.QuerySet):
    def current(self) -> FeedbackReportQuerySet:
        return self.filter(is_current=True)

    def for_centre(self, centre) -> FeedbackReportQuerySet:
        return self.filter(scope_kind=ScopeKind.CENTRE, centre=centre)

    def for_programme(self, programme) -> FeedbackReportQuerySet:
        return self.filter(scope_kind=ScopeKind.PROGRAMME, programme=programme)

    def of(self, period: Period) -> FeedbackReportQuerySet:
        return self.filter(period_kind=period.kind, period_start=period.first)

    def newest_first(self) -> list[FeedbackReport]:
        """The reports as a reader looks for them: the period that ended last first (a
        year of reports is listed after its December, not below its January), periods
        ending the same day shortest first (week, month, quarter, year), then newer
        versions first. A list: a period's end is not stored, and a scope holds tens
        of reports a year, read in one query."""
        kinds = {kind.value: n for n, kind in enumerate(OUTWARD_KINDS)}

        def order(report: FeedbackReport):
            return (-report.period.end.toordinal(), kinds[report.period_kind], -report.version)

        return sorted(self, key=order)


class FeedbackReport(models.Model):
    scope_kind = models.CharField(_("scope"), max_length=10, choices=ScopeKind.choices)
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        "centres.Programme", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    period_kind = models.CharField(
        _("period"), max_length=10, choices=[(kind.value, kind.value) for kind in OUTWARD_KINDS]
    )
    period_start = models.DateField()
    version = models.PositiveSmallIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    built_at = models.DateTimeField()
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Released tables and sections; lists wherever order matters (jsonb reorders keys).
    contents = models.JSONField(default=dict)

    objects = FeedbackReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "period_kind", "-version"]  # lists: `newest_first`
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope_kind="centre", centre__isnull=False, programme__isnull=True)
                    | Q(scope_kind="programme", programme__isnull=False, centre__isnull=True)
                ),
                name="report_has_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(period_kind__in=[kind.value for kind in OUTWARD_KINDS]),
                name="report_period_is_outward",
            ),
            models.UniqueConstraint(
                fields=["centre", "period_kind", "period_start"],
                condition=Q(is_current=True, centre__isnull=False),
                name="one_current_centre_report",
            ),
            models.UniqueConstraint(
                fields=["programme", "period_kind", "period_start"],
                condition=Q(is_current=True, programme__isnull=False),
                name="one_current_programme_report",
            ),
            models.UniqueConstraint(
                fields=["centre", "period_kind", "period_start", "version"],
                condition=Q(centre__isnull=False),
                name="one_centre_report_version",
            ),
            models.UniqueConstraint(
                fields=["programme", "period_kind", "period_start", "version"],
                condition=Q(programme__isnull=False),
                name="one_programme_report_version",
            ),
        ]
        indexes = [models.Index(fields=["centre", "period_start"], name="report_centre_period")]
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")

    def __str__(self) -> str:
        return f"{self.scope_kind}:{self.scope_id}:{self.period.key} v{self.version}"

    @property
    def scope_id(self) -> int:
        return self.centre_id if self.scope_kind == ScopeKind.CENTRE else self.programme_id

    @property
    def period(self) -> Period:
        return Period.containing(self.period_kind, self.period_start)
