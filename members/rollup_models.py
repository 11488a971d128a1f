"""Per-centre daily roll-ups of counted visits (see `members.rollups`)."""

from __future__ import annotations

from django.db import models


class VisitDay(models.Model):
    """A centre's closed local day whose `VisitCount` rows are current. Removing it
    (`rollups.forget_*`) makes the next reader roll the day up again."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    built_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "day"], name="one_visit_rollup_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id}:{self.day}"


class VisitCount(models.Model):
    """People counted in one row of one visits table on one local day of a centre."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    table = models.CharField(max_length=32)
    label = models.CharField(max_length=32, blank=True)
    people = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "day", "table", "label"], name="one_visit_count_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.centre_id}:{self.day}:{self.table}:{self.label}"
