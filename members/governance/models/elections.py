"""Elections to a committee's seats, and their candidates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Election(models.Model):
    """An election fills `seats` of a committee through its poll (`ballot`).

    Nominations run from `nominations_open_at` to `nominations_close_at`; the roll
    freezes when nominations open. The returning officer (a staff member named for
    this election) certifies the count, which seats the winners for the term.
    """

    ballot = models.OneToOneField(
        "members.Ballot", on_delete=models.PROTECT, related_name="election"
    )
    seats = models.ManyToManyField("members.Seat", related_name="elections")
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    term_starts_on = models.DateField(_("term starts"))
    term_ends_on = models.DateField(_("term ends"))
    returning_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("returning officer"),
    )
    certified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-nominations_open_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_close_at__gt=F("nominations_open_at")),
                name="nominations_close_after_they_open",
            ),
            models.CheckConstraint(
                condition=Q(term_ends_on__gt=F("term_starts_on")),
                name="election_term_ends_after_it_starts",
            ),
        ]
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self) -> str:
        return str(self.ballot)

    @property
    def centre_id(self) -> int:
        return self.ballot.committee.centre_id


class Candidate(models.Model):
    """A member standing in an election: nominated by themselves or by another eligible
    member, and on the ballot only once they accept."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    display_name = models.CharField(_("name on the ballot"), max_length=100)
    statement = models.TextField(_("statement"), max_length=600, blank=True)
    # Optional, so that people who read little can recognise candidates: a small JPEG,
    # re-encoded on upload (no camera metadata), served only to the centre's members.
    picture = models.BinaryField(null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="one_candidacy_each"),
        ]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_standing(self) -> bool:
        return self.accepted_at is not None and self.withdrawn_at is None
