"""Voting at the centre: booth devices, the passes officers open on them, and paper batches."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from centres.devices import DeviceQuerySet
from centres.names import NameField, UniqueNameMixin, unique_name
from centres.numbers import figure

from .secret import VoteChannel

MAX_BATCH_PAPERS = 100_000


class BoothDevice(UniqueNameMixin, models.Model):
    """A tablet in a private corner of the centre. With its token it can show the one
    ballot an officer opened for a checked-in member, and read nothing else."""

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.CASCADE, related_name="booth_devices"
    )
    label = NameField(_("label"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when a tablet is paired with the booth's code (centres.devices).
    paired_at = models.DateTimeField(_("paired"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    name_field = "label"
    name_among = Q(revoked_at__isnull=True)  # a revoked device's label may be used again

    objects = DeviceQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        constraints = [
            unique_name(
                "label",
                "centre",
                name="booth_label_per_centre",
                condition=Q(revoked_at__isnull=True),
            )
        ]
        verbose_name = _("booth device")
        verbose_name_plural = _("booth devices")

    def __str__(self) -> str:
        return self.label


class BoothPass(models.Model):
    """A ballot opened on a booth device for one checked-in member, until they vote.

    Deleted in the transaction that records the vote, so nothing remains that ties
    the device's vote to the member.
    """

    device = models.OneToOneField(BoothDevice, on_delete=models.CASCADE, related_name="open_pass")
    ballot = models.ForeignKey("members.Ballot", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    assisted = models.BooleanField(_("assisted voting"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_booth_pass_per_voter"),
        ]
        verbose_name = _("booth pass")
        verbose_name_plural = _("booth passes")

    def __str__(self) -> str:
        return str(self.pk)


class PollingOfficer(models.Model):
    """A member of staff named by the committee to check voters in for one ballot.

    The committee's seat holders and an election's returning officer are polling
    officers without being named."""

    ballot = models.ForeignKey(
        "members.Ballot", on_delete=models.CASCADE, related_name="polling_officers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("polling officer"),
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    named_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "user"], name="one_officer_entry_each"),
        ]
        verbose_name = _("polling officer")
        verbose_name_plural = _("polling officers")

    def __str__(self) -> str:
        return str(self.pk)


class PaperBatch(models.Model):
    """Totals per option from a hand count of paper ballots, entered by one officer and
    confirmed by another. Counted only once confirmed."""

    ballot = models.ForeignKey(
        "members.Ballot", on_delete=models.CASCADE, related_name="paper_batches"
    )
    label = models.CharField(_("batch"), max_length=100)
    # Bounded here, for every writer; each option's total is bounded by the papers
    # (`paper_batch_enter`), and the form reads its limits from these validators.
    papers = models.PositiveIntegerField(
        _("papers in the batch"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_BATCH_PAPERS)],
    )
    totals = models.JSONField(_("totals per option"))
    # Empty once the officer who entered it, a seat holder, is erased (`release_account`).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entered_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("entered_by")),
                name="paper_batch_two_officers",
            ),
            models.UniqueConstraint(fields=["ballot", "label"], name="paper_batch_label"),
        ]
        verbose_name = _("paper batch")
        verbose_name_plural = _("paper batches")

    def __str__(self) -> str:
        return self.label

    @staticmethod
    def fewest_papers(ballot) -> int:
        """The fewest papers a batch holds: the programme's small-cell threshold, the
        same as for its figures. The officers who count a batch also checked its voters
        in, so a smaller batch's totals would tell them how those few voted."""
        return ballot.committee.centre.programme.suppression_threshold

    def clean(self) -> None:
        """A batch below `fewest_papers` only when it holds every paper marked on the
        roll and not yet in a batch: the last one, which cannot be made bigger. Nor may a
        batch leave fewer than `fewest_papers` still to count (other than none): those
        would have to make a small last batch, so they are counted with this one."""
        super().clean()
        if self.papers is None:
            return
        fewest = self.fewest_papers(self.ballot)
        batched = self.ballot.paper_batches.exclude(pk=self.pk).aggregate(n=Sum("papers"))["n"]
        marked = self.ballot.participations.filter(channel=VoteChannel.PAPER).count()
        left = marked - (batched or 0) - self.papers
        if self.papers >= fewest and 0 < left < fewest:
            raise ValidationError(
                ngettext(
                    "This batch would leave %(left)s paper to count, too few for a batch "
                    "of its own: count it with this batch.",
                    "This batch would leave %(left)s papers to count, too few for a batch "
                    "of their own: count them with this batch.",
                    left,
                )
                % {"left": figure(left)},
                code="batch_leaves_too_few",
            )
        if self.papers >= fewest:
            return
        if left > 0:
            raise ValidationError(
                ngettext(
                    "A batch holds at least %(fewest)s paper, so that its totals tell no "
                    "one's vote; only the last batch, with every paper still to count, may "
                    "hold fewer.",
                    "A batch holds at least %(fewest)s papers, so that its totals tell no "
                    "one's vote; only the last batch, with every paper still to count, may "
                    "hold fewer.",
                    fewest,
                )
                % {"fewest": figure(fewest)}
                + " "
                + gettext("Mix small boxes with another before counting."),
                code="batch_too_small",
            )
