"""The secret ballot: who voted and what was voted, stored apart.

`Participation` says that a member voted (member, ballot, channel, day) and is
unique per member and ballot in the database. `Vote` holds the choices with a
random identifier and nothing else: no member, no user, no timestamp, no sequence
that would order votes against participations. `Receipt` is a random code given
to the voter, published after the close, and linked to neither of them.

None of these three is registered with the audit trail or the Django admin.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class VoteChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    BOOTH = "booth", _("Booth at the centre")
    PAPER = "paper", _("Paper")


class Participation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        "members.Ballot", on_delete=models.CASCADE, related_name="participations"
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="participations"
    )
    channel = models.CharField(_("how"), max_length=10, choices=VoteChannel.choices)
    assisted = models.BooleanField(_("assisted"), default=False)
    voted_on = models.DateField(_("day"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "member"], name="one_participation_per_member"
            ),
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return str(self.id)


class Vote(models.Model):
    """The choices of one voter: option ids, in order of preference for ranked methods."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey("members.Ballot", on_delete=models.CASCADE, related_name="votes")
    choices = models.JSONField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return str(self.id)


class Receipt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey("members.Ballot", on_delete=models.CASCADE, related_name="receipts")
    code = models.CharField(max_length=12)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "code"], name="receipt_code_per_ballot"),
        ]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.code
