"""A release: the figures of one centre for one closed period, as they leave the staff.

Stored once, never recomputed: every reader of a period sees the same figures, so
nothing recorded later (a late visit, a withdrawn consent) can be read off a
difference between two looks at the same period.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .periods import Period, PeriodKind


class ReleaseQuerySet(models.QuerySet):
    def for_centre(self, centre) -> ReleaseQuerySet:
        return self.filter(centre=centre)

    def of(self, period: Period) -> ReleaseQuerySet:
        return self.filter(period_kind=period.kind, period_start=period.first)

    def in_family(self, year: int) -> ReleaseQuerySet:
        return self.filter(period_start__year=year)


class Release(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    period_kind = models.CharField(
        max_length=10, choices=[(kind.value, kind.value) for kind in PeriodKind]
    )
    period_start = models.DateField()
    threshold = models.PositiveSmallIntegerField()
    zone = models.CharField(max_length=64, help_text="IANA time zone the period was cut in.")
    released_at = models.DateTimeField()
    # {table: {label: count, or None when hidden}}: what readers see.
    published = models.JSONField(default=dict)
    # A month's exact raw tables (the atoms the auditor reasons about); the staff's own
    # figures, kept so that quarters and years are built from exactly these months.
    exact = models.JSONField(default=dict)
    # Exact non-additive figures of this release (different members who came).
    standalone = models.JSONField(default=dict)
    # Sessions and places offered per category: the centre's offer, describes nobody.
    facts = models.JSONField(default=dict)
    # Figures that are not counts (a median, sums of money), released by their own rules
    # (`magnitudes`): {"cases.days": {"median": n | None}, "cases.wages": {currency: n}}.
    magnitudes = models.JSONField(default=dict)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["centre", "period_start", "period_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "period_kind", "period_start"], name="one_release_per_period"
            )
        ]
        verbose_name = _("release of figures")
        verbose_name_plural = _("releases of figures")

    def __str__(self) -> str:
        return f"{self.centre_id}:{self.period.key}"

    @property
    def period(self) -> Period:
        return Period.containing(self.period_kind, self.period_start)

    def table(self, name: str) -> dict[str, int | None]:
        return self.published.get(name, {})

    def value(self, table: str, label: str) -> int | None:
        return self.published.get(table, {}).get(label)

    @property
    def has_hidden(self) -> bool:
        return any(None in table.values() for table in self.published.values())
