"""A ballot (one question put to a vote), its options and its frozen roll."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from centres.local_time import zone_of
from centres.numbers import figure
from centres.retention import REMOVED_TEXT


def voting_window_errors(opens_at, closes_at) -> dict[str, list[str]]:
    """Voting closes after it opens: the error keyed to `closes_at`, or none. Either
    time may be missing (a form field that did not parse); then there is nothing to
    compare."""
    if opens_at and closes_at and closes_at <= opens_at:
        return {"closes_at": [gettext("Voting must close after it opens.")]}
    return {}


def roll_date_errors(roll_date, opens_at) -> dict[str, list[str]]:
    """The roll is drawn from the members registered before `roll_date`, and frozen
    before voting opens: a roll date after the opening (or the close) would count
    members who register while voting is under way. The error keyed to `roll_date`, or
    none; a time that is missing is not compared."""
    if roll_date and opens_at and roll_date > opens_at:
        return {
            "roll_date": [
                gettext(
                    "The roll is drawn before voting opens: choose a time no later than "
                    "the opening."
                )
            ]
        }
    return {}


def windows_ended_errors(now: datetime, **ends: datetime | None) -> dict[str, list[str]]:
    """A window that has already ended when it is set (created or rescheduled) could
    never be used: an error beside each such field (`nominations_close_at` or
    `closes_at`). A time that is missing is not compared."""
    words = {
        "nominations_close_at": gettext(
            "Nominations would already have closed: choose a time still to come."
        ),
        "closes_at": gettext("Voting would already have closed: choose a time still to come."),
    }
    return {field: [words[field]] for field, end in ends.items() if end and end <= now}


def merge_errors(errors: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    """Add `more` to `errors`, one message per field: a field that already has its
    error keeps it."""
    for field, messages in more.items():
        errors.setdefault(field, messages)


def limits_errors(
    *, method: str, max_choices: int | None, seats: int | None, options: int | None
) -> dict[str, list[str]]:
    """How many options a voter may choose and how many win, against the number of
    `options` (None while they are not known, as an election's candidates before
    nominations close; then only what needs no count is checked).

    Approval: 1 <= choose up to < options (choosing them all would say nothing), and
    1 <= winners <= options. The other methods need more options than winners: with no
    option left to lose, the count elects everyone (for the single transferable vote
    the quota, and for instant-runoff pyrankvote's one winner, need a loser).
    A value below 1 is its field's own validator's error and is not repeated here.
    One message per field. Fewer than two options is an error of its own (a ballot
    needs two): then nothing is compared to them."""
    errors: dict[str, list[str]] = {}
    if options is not None and options < 2:
        options = None
    if method == BallotMethod.APPROVAL:
        if max_choices is None:
            errors["max_choices"] = [gettext("Say how many options a voter may choose.")]
        elif options and max_choices >= 1 and max_choices >= options:
            errors["max_choices"] = [
                gettext("A voter chooses fewer options than the ballot has: at most %(k)s.")
                % {"k": figure(options - 1)}
            ]
        if options and seats is not None and seats >= 1 and seats > options:
            errors["seats"] = [
                gettext("No more winners than options: at most %(n)s.") % {"n": figure(options)}
            ]
    elif options and seats is not None and seats >= 1 and seats >= options:
        errors["seats"] = [
            ngettext(
                "There must be more options than winners: at most %(k)s winner.",
                "There must be more options than winners: at most %(k)s winners.",
                options - 1,
            )
            % {"k": figure(options - 1)}
        ]
    return errors


class BallotKind(models.TextChoices):
    PRIORITY = "priority", _("Service priorities")
    ELECTION = "election", _("Election")


class BallotMethod(models.TextChoices):
    PLURALITY = "plurality", _("Plurality (one choice)")
    APPROVAL = "approval", _("Approval (each voter chooses up to a set number of options)")
    BORDA = "borda", _("Ranked: Borda count")
    IRV = "irv", _("Ranked: instant-runoff")
    STV = "stv", _("Ranked: single transferable vote (Droop quota)")


RANKED_METHODS = frozenset({BallotMethod.BORDA, BallotMethod.IRV, BallotMethod.STV})


class Electorate(models.TextChoices):
    MEMBERS = "members", _("All eligible members")
    COMMITTEE = "committee", _("The committee's seat holders")


class BallotStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Closed and counted")


class VotingState(models.TextChoices):
    """Where a ballot stands for a voter, from `Ballot.voting_state`: what is shown and
    whether a vote is taken come from that one function."""

    PREPARING = "preparing", _("Being prepared")
    NOT_YET = "not_yet", _("Opens later")  # shown as "Opens on <time>"
    OPEN = "open", _("Voting open")
    ENDED = "ended", _("Voting closed, not yet counted")
    CLOSED = "closed", _("Closed and counted")


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


class OptionSource(models.TextChoices):
    CATALOGUE = "catalogue", _("From the service catalogue")
    REQUESTS = "requests", _("From workers' requests")
    COMMITTEE = "committee", _("Written by the committee")
    CANDIDATE = "candidate", _("Candidate")


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
