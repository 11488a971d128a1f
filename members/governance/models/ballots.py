"""A ballot: one question put to a vote, its windows and where voting stands.

Its choices are in `ballot_choices`, the rules on its times and limits in
`ballot_rules`, its options and frozen roll in `options`."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centres.local_time import zone_of
from centres.numbers import figure

from .ballot_choices import (
    RANKED_METHODS,
    BallotKind,
    BallotMethod,
    BallotStatus,
    Electorate,
    VotingState,
)
from .ballot_rules import limits_errors, merge_errors, roll_date_errors, voting_window_errors


class BallotQuerySet(models.QuerySet):
    def for_centre(self, centre) -> BallotQuerySet:
        return self.filter(committee__centre=centre)

    def open_now(self) -> BallotQuerySet:
        """The ballots whose `voting_state` is OPEN, as a query."""
        now = timezone.now()
        return self.filter(status=BallotStatus.OPEN, opens_at__lte=now, closes_at__gt=now)

    def opening_later(self) -> BallotQuerySet:
        """The ballots whose `voting_state` is NOT_YET, as a query."""
        return self.filter(status=BallotStatus.OPEN, opens_at__gt=timezone.now())

    def closed(self) -> BallotQuerySet:
        return self.filter(status=BallotStatus.CLOSED)


class Ballot(models.Model):
    """One question put to a vote: a service-priority ballot or an election's poll.

    Who may vote is the roll (`RollEntry`), frozen from the rule below before voting
    opens: members registered before `roll_date`, not erased, and, if set, with a
    visit in the last `visit_within_months` months. The result (`result`) is stored
    at the close and shown only then.
    """

    committee = models.ForeignKey(
        "members.Committee", on_delete=models.PROTECT, related_name="ballots"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=BallotKind.choices)
    question = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    method = models.CharField(_("counting method"), max_length=10, choices=BallotMethod.choices)
    max_choices = models.PositiveSmallIntegerField(
        _("choose up to"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Approval voting only: how many options a voter may choose."),
    )
    seats = models.PositiveSmallIntegerField(
        _("winners"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    electorate = models.CharField(
        _("who votes"), max_length=10, choices=Electorate.choices, default=Electorate.MEMBERS
    )
    roll_date = models.DateTimeField(_("registered before"))
    visit_within_months = models.PositiveSmallIntegerField(
        _("with a visit in the last (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    roll_frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    status = models.CharField(
        max_length=10, choices=BallotStatus.choices, default=BallotStatus.DRAFT, editable=False
    )
    result = models.JSONField(null=True, blank=True, editable=False)
    counted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Voting ended before its window was over: by the committee only, with its reason.
    scheduled_closes_at = models.DateTimeField(null=True, blank=True, editable=False)
    early_close_reason = models.TextField(_("why voting ended early"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="ballot_closes_after_it_opens"
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=1),
                name="ballot_max_choices_positive",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="ballot_has_a_winner"),
        ]
        indexes = [models.Index(fields=["committee", "status"], name="ballot_committee_status")]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        """The ballot's own rules, each error beside its field: used by the actions
        (`full_clean`) and by the ballot form alike."""
        errors = voting_window_errors(self.opens_at, self.closes_at)
        merge_errors(errors, roll_date_errors(self.roll_date, self.opens_at))
        limits = {"method": self.method, "max_choices": self.max_choices, "seats": self.seats}
        merge_errors(errors, limits_errors(**limits, options=None))
        if errors:
            raise ValidationError(errors)

    @property
    def centre_id(self) -> int:
        return self.committee.centre_id

    @property
    def is_ranked(self) -> bool:
        return self.method in RANKED_METHODS

    def voting_state(self, now: datetime | None = None) -> VotingState:
        """The one rule for where voting stands: a vote is taken only when it is OPEN
        (opened by the committee, and within its window), and every page shows this
        state, so that none says "Voting open" while votes are refused."""
        now = now or timezone.now()
        if self.status == BallotStatus.DRAFT:
            return VotingState.PREPARING
        if self.status == BallotStatus.CLOSED:
            return VotingState.CLOSED
        if now < self.opens_at:
            return VotingState.NOT_YET
        if now >= self.closes_at:
            return VotingState.ENDED
        return VotingState.OPEN

    def withdrawal_refusal(self) -> str | None:
        """Why this ballot (or the election it is the poll of) can no longer be
        withdrawn, or None. A ballot is withdrawn only while no vote is cast in it
        (online, at a booth or on paper) and before it is counted: a vote once cast,
        and a result, are the members' record."""
        if self.status == BallotStatus.CLOSED:
            return gettext("A counted ballot stays on record: it cannot be withdrawn.")
        if self._certified_without_a_vote():
            return gettext("A certified election stays on record: it cannot be withdrawn.")
        if self.participations.exists() or self.votes.exists() or self.paper_batches.exists():
            return gettext(
                "Votes have been cast: it can no longer be withdrawn. Close voting instead."
            )
        return None

    def _certified_without_a_vote(self) -> bool:
        """An election's poll never opened, its candidates declared elected unopposed."""
        return (
            self.kind == BallotKind.ELECTION
            and self.status == BallotStatus.DRAFT
            and Ballot.objects.filter(pk=self.pk, election__certified_at__isnull=False).exists()
        )

    def roll_date_refusal(self, now: datetime | None = None) -> str | None:
        """Why the roll cannot be frozen yet, or None: it is drawn from the members
        registered before the roll date, so freezing it earlier would leave out those
        who register in between. Said with the time it can be done from, at the centre."""
        if (now or timezone.now()) >= self.roll_date:
            return None
        when = timezone.localtime(self.roll_date, zone_of(self.committee.centre))
        return gettext(
            "The roll is drawn from the members registered before %(when)s: "
            "voting can be opened from then."
        ) % {"when": formats.date_format(when, "DATETIME_FORMAT")}

    def open_refusal(self, now: datetime | None = None) -> str | None:
        """Why this ballot cannot be opened now (`ballot_open`, which freezes the roll),
        or None: the rule the action applies and the page asks before offering the
        button. It must be in preparation, have options the counting method can count,
        and its roll date must have come (`roll_date_refusal`)."""
        if self.status != BallotStatus.DRAFT:
            return gettext("This ballot was already opened.")
        options = self.options.count()
        if options < 2:
            return gettext("A ballot needs at least two options.")
        # The options may have come after the ballot was prepared (an election's candidates).
        limits = {"method": self.method, "max_choices": self.max_choices, "seats": self.seats}
        if errors := limits_errors(**limits, options=options):
            return " ".join(message for messages in errors.values() for message in messages)
        return self.roll_date_refusal(now)

    def opens_late(self, now: datetime | None = None) -> bool:
        """Whether opening it now would be late: still in preparation once its opening
        time has come. Members then have less time to vote than was announced, a
        change to who can vote that only the committee makes (`members.open_ballot`)."""
        return self.status == BallotStatus.DRAFT and (now or timezone.now()) >= self.opens_at

    def late_opening_refusal(self) -> str:
        """What staff are told when they would open it late (`opens_late`), with the
        planned opening, at the centre."""
        when = timezone.localtime(self.opens_at, zone_of(self.committee.centre))
        return gettext(
            "Voting was to open on %(when)s. Opening it now gives members less time to "
            "vote, which only the committee decides: it changes the times, or opens it."
        ) % {"when": formats.date_format(when, "DATETIME_FORMAT")}

    def close_refusal(self, now: datetime | None = None) -> str | None:
        """Why voting cannot be closed and counted now (`ballot_close`), or None: the
        rule the action applies and the page asks before offering the button."""
        if self.status != BallotStatus.OPEN:
            return gettext("Only an open ballot can be closed.")
        if self.voting_state(now) == VotingState.NOT_YET:
            # Closing now would end voting before it began (and break its window's order).
            return gettext(
                "Voting has not started yet, so there is nothing to count: "
                "withdraw the ballot instead."
            )
        if self.paper_batches.filter(confirmed_at__isnull=True).exists():
            return gettext(
                "A paper batch waits for a second officer to confirm it, or to be discarded."
            )
        return None

    def closes_early(self, now: datetime | None = None) -> bool:
        """Whether closing now would end voting before `closes_at`: a change to who
        could vote, which only the committee makes, with a reason (`ballot_close`)."""
        return self.voting_state(now) == VotingState.OPEN

    def reschedule_refusal(self, now: datetime | None = None) -> str | None:
        """Why this ballot's windows (or its election's) can no longer be changed, or
        None: they are changed only before voting opens (`voting_state` PREPARING or
        NOT_YET), when no vote can have been cast. The reason follows the state: open,
        or over (past its close, counted or not)."""
        state = self.voting_state(now)
        if state == VotingState.PREPARING and self._certified_without_a_vote():
            return gettext(
                "The candidates were declared elected unopposed: nothing is left to change."
            )
        if state in (VotingState.PREPARING, VotingState.NOT_YET):
            return None
        if state == VotingState.OPEN:
            return gettext("Voting has opened: its times can no longer be changed.")
        return gettext("Voting is over: its times can no longer be changed.")

    @property
    def state(self) -> VotingState:
        """`voting_state` now, for templates."""
        return self.voting_state()

    @property
    def is_open(self) -> bool:
        return self.voting_state() == VotingState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == BallotStatus.CLOSED

    @property
    def voting_over(self) -> bool:
        """Closed and counted, or past its closing time and waiting to be counted."""
        return self.is_closed or self.closes_at <= timezone.now()

    @property
    def method_label(self) -> str:
        """The counting method in words, with an approval ballot's number of choices."""
        if self.method == BallotMethod.APPROVAL and self.max_choices:
            return gettext("Approval: choose up to %(k)s") % {"k": figure(self.max_choices)}
        return self.get_method_display()
