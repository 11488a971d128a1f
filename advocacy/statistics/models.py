"""A release: the figures of one centre for one closed period, as they leave the staff.

Stored once, never recomputed: every reader of a period sees the same figures, so
nothing recorded later (a late visit, a withdrawn consent) can be read off a
difference between two looks at the same period.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .periods import Period, PeriodKind, Segment


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
    # Before segments (`SegmentSnapshot`), a month's exact raw tables; now empty. Those
    # stored were copied into month-long segment snapshots (migration 0016).
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


class SegmentSnapshotQuerySet(models.QuerySet):
    def for_centre(self, centre) -> SegmentSnapshotQuerySet:
        return self.filter(centre=centre)

    def overlapping(self, first, end) -> SegmentSnapshotQuerySet:
        """Pieces with a day in the local days `first` (included) to `end` (excluded)."""
        return self.filter(first__lt=end, end__gt=first)


class SegmentSnapshot(models.Model):
    """The exact raw tables of a centre for one segment of local days (week ∩ month,
    `periods.Segment`), read once, when the first release that covers it is built.
    Every later release covering the segment (its week, month, quarter, year) is built
    from these, so a record back-dated into the segment later cannot appear as the
    difference between two releases. The staff's own figures: never shown as they are.

    A piece released before weeks could be spans a whole month (migration 0016)."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    first = models.DateField()
    end = models.DateField(help_text="First local day after the segment.")
    zone = models.CharField(max_length=64, help_text="IANA time zone the days were cut in.")
    read_at = models.DateTimeField()
    # {table: {label: count}} and the magnitudes' inputs (`magnitudes.month_inputs`).
    exact = models.JSONField(default=dict)

    objects = SegmentSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["centre", "first"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "first"], name="one_snapshot_per_segment"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("first")),
                                   name="segment_is_not_empty"),
        ]  # fmt: skip
        verbose_name = _("exact figures of a segment")
        verbose_name_plural = _("exact figures of segments")

    def __str__(self) -> str:
        return f"{self.centre_id}:{self.segment.key}"

    @property
    def segment(self) -> Segment:
        return Segment(self.first, self.end)
