"""A ballot's options and its frozen roll."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centres.retention import REMOVED_TEXT

from .ballot_choices import OptionSource
from .ballots import Ballot


class BallotOption(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=OptionSource.choices, default=OptionSource.COMMITTEE
    )
    candidate = models.OneToOneField(
        "members.Candidate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="option",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ballot", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "label"], name="option_label_per_ballot"),
        ]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.label

    @property
    def shown_label(self) -> str:
        """The label every page shows: a former candidate's (erased, see
        `governance.erasure.former_label`) reads "A former candidate"."""
        if self.candidate_id and self.label.startswith(f"{REMOVED_TEXT} "):
            return gettext("A former candidate")
        return self.label


class RollEntry(models.Model):
    """One member on a ballot's frozen roll: the electorate, decided before voting opens."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_roll_entry_per_member"),
        ]
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll")

    def __str__(self) -> str:
        return str(self.pk)
