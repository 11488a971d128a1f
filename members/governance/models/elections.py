"""Elections to a committee's seats, and their candidates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centres.local_time import wall_clock, zone_of
from centres.retention import REMOVED_TEXT
from centres.templatetags.bidi import isolated

from .ballot_choices import BallotMethod, BallotStatus, VotingState
from .ballot_rules import (
    limits_errors,
    merge_errors,
    voting_window_errors,
    windows_ended_errors,
)

# A counting method for the number of seats an election fills.
ONE_SEAT_METHODS = frozenset({BallotMethod.PLURALITY, BallotMethod.IRV})
SEVERAL_SEATS_METHODS = frozenset({BallotMethod.STV, BallotMethod.APPROVAL})


# How soon after the count the elected take their seats, at the latest: long enough to
# replace sitting holders at the end of their term, too short to elect a committee
# years ahead of its time.
TERM_STARTS_WITHIN_MONTHS = 3


def check_election(
    *,
    zone: ZoneInfo,
    seat_count: int | None = None,
    method: str | None = None,
    nominations_open_at: datetime | None = None,
    nominations_close_at: datetime | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    term_starts_on: date | None = None,
    term_ends_on: date | None = None,
    roll_date: datetime | None = None,
    set_up_at: datetime | None = None,
    now: datetime | None = None,
    term_months: int | None = None,
) -> None:
    """An election's own rules: a counting method that fits the number of seats, and
    every order its dates must keep: the roll date, then nominations, then voting, then
    the term. The
    term's first day starts at midnight at the centre (`zone`), which must not come
    before voting closes (the winners are only known then), nor more than
    TERM_STARTS_WITHIN_MONTHS after; with `term_months` (the committee's
    `Committee.term_months`), the term lasts no longer than that.

    Raises one ValidationError keyed by field with every broken rule, so that a form
    shows each error beside its field in the same round, one per field. A value that
    is missing (a form field that did not parse) is not compared.

    With `now` (a schedule being set: created or rescheduled), a nominations or
    voting window that has already ended is refused too: the election could never
    take place (`windows_ended_errors`)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if seat_count and method:
        if seat_count > 1 and method not in SEVERAL_SEATS_METHODS:
            add(
                "method",
                gettext("For several seats, use the single transferable vote or approval voting."),
            )
        if seat_count == 1 and method not in ONE_SEAT_METHODS:
            add("method", gettext("For one seat, use plurality or instant-runoff voting."))

    after_start = gettext("This must come after the start.")
    if nominations_open_at and nominations_close_at and nominations_close_at <= nominations_open_at:
        add("nominations_close_at", after_start)
    for field, messages in voting_window_errors(opens_at, closes_at).items():
        for message in messages:
            add(field, message)
    if term_starts_on and term_ends_on and term_ends_on <= term_starts_on:
        add("term_ends_on", after_start)
    if nominations_close_at and opens_at and opens_at < nominations_close_at:
        add("opens_at", gettext("Voting opens once nominations have closed."))
    # The roll says who may stand and nominate: it is frozen when nominations open (or
    # when the election is set up, if they are open already), so a later roll date
    # would leave out the members registering in between.
    frozen_by = nominations_open_at and max(
        nominations_open_at, set_up_at or now or nominations_open_at
    )
    if roll_date and frozen_by and roll_date > frozen_by:
        add(
            "roll_date",
            gettext(
                "The roll says who may stand, so it is drawn by the time nominations "
                "open: choose a time no later than their opening."
            ),
        )
    if closes_at and term_starts_on and wall_clock(term_starts_on, time(0), zone) < closes_at:
        first_day = formats.date_format(_first_term_day(closes_at, zone), "DATE_FORMAT")
        add(
            "term_starts_on",
            gettext("The term starts once voting has closed: on %(day)s or later.")
            % {"day": first_day},
        )
    # The committee's own rule (`Committee.term_months`): a term no longer than it, so
    # that no election extends a mandate; and one that starts within
    # TERM_STARTS_WITHIN_MONTHS of the count, not years later.
    if term_months and term_starts_on and term_ends_on:
        last_day = term_starts_on + relativedelta(months=term_months)
        if term_ends_on > last_day:
            add(
                "term_ends_on",
                gettext(
                    "A term of this committee lasts at most %(months)s months: it ends on "
                    "%(day)s or earlier."
                )
                % {"months": term_months, "day": formats.date_format(last_day, "DATE_FORMAT")},
            )
    if closes_at and term_starts_on:
        latest = _first_term_day(closes_at, zone) + relativedelta(months=TERM_STARTS_WITHIN_MONTHS)
        if term_starts_on > latest:
            add(
                "term_starts_on",
                gettext(
                    "The term starts within %(months)s months of voting closing: on %(day)s "
                    "or earlier."
                )
                % {
                    "months": TERM_STARTS_WITHIN_MONTHS,
                    "day": formats.date_format(latest, "DATE_FORMAT"),
                },
            )
    if now is not None:
        ends = {"nominations_close_at": nominations_close_at, "closes_at": closes_at}
        merge_errors(errors, windows_ended_errors(now, **ends))
    if errors:
        raise ValidationError(errors)


def held_seats_errors(seats, term_starts_on: date | None, term_ends_on: date | None) -> dict:
    """{"seats": [message, ...]} for each of `seats` (Seat rows) that someone holds on
    a day of the term from `term_starts_on` up to `term_ends_on`, or {}. An election
    fills vacant seats, or replaces sitting holders at the end of their term (its term
    starts on or after the day theirs ends): never two holders of one seat at once
    (`SeatTerm.check_seat_free`). Missing dates (a field that did not parse) are not
    compared."""
    from .committees import SeatTerm

    if not seats or not term_starts_on or not term_ends_on or term_ends_on <= term_starts_on:
        return {}
    held = (
        SeatTerm.objects.filter(seat__in=list(seats))
        .overlapping(term_starts_on, term_ends_on)
        .select_related("seat")
        .order_by("seat__position", "seat__pk", "-ends_on")
    )
    messages, seen = [], set()
    for term in held:
        if term.seat_id in seen:
            continue
        seen.add(term.seat_id)
        messages.append(
            gettext(
                "The seat %(seat)s is held until %(day)s: choose a term that starts on "
                "that day or later, to elect its next holder, or leave this seat out."
            )
            % {
                "seat": isolated(term.seat.label),
                "day": formats.date_format(term.ends_on, "DATE_FORMAT"),
            }
        )
    return {"seats": messages} if messages else {}


def _first_term_day(closes_at: datetime, zone: ZoneInfo) -> date:
    """The first day whose midnight at the centre is not before `closes_at`."""
    day = timezone.localdate(closes_at, zone)
    return day if wall_clock(day, time(0), zone) >= closes_at else day + timedelta(days=1)


class ElectionState(models.TextChoices):
    """Where an election stands on its schedule, from `Election.state_at`: every page
    shows this one state (with its time, see `_election_state.html`)."""

    NOMINATIONS_LATER = "nominations_later", _("Nominations not yet open")
    NOMINATIONS_OPEN = "nominations_open", _("Nominations open")
    NOMINATIONS_CLOSED = "nominations_closed", _("Nominations closed")
    VOTING_LATER = "voting_later", _("Voting opens later")
    VOTING_OPEN = "voting_open", _("Voting open")
    VOTING_ENDED = "voting_ended", _("Voting closed, not yet counted")
    COUNTED = "counted", _("Counted")
    UNOPPOSED = "unopposed", _("Elected unopposed")


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

    def clean(self) -> None:
        """The order of the election's dates with its poll's voting window
        (`check_election`), for any writer that validates the election."""
        ballot = getattr(self, "ballot", None)  # None while the poll is not attached
        check_election(
            zone=zone_of(ballot.committee.centre) if ballot else zone_of(None),
            term_months=ballot.committee.term_months if ballot else None,
            nominations_open_at=self.nominations_open_at,
            nominations_close_at=self.nominations_close_at,
            opens_at=ballot.opens_at if ballot else None,
            closes_at=ballot.closes_at if ballot else None,
            term_starts_on=self.term_starts_on,
            term_ends_on=self.term_ends_on,
            roll_date=ballot.roll_date if ballot else None,
            set_up_at=ballot.created_at if ballot else None,
        )

    def nominations_open(self, now: datetime | None = None) -> bool:
        """Whether a nomination is taken (`candidate_nominate`) and the page offers
        the nomination form: within the nominations window."""
        now = now or timezone.now()
        return self.nominations_open_at <= now < self.nominations_close_at

    def nominations_over(self, now: datetime | None = None) -> bool:
        """Whether voting may be opened (`election_open_voting`) and the page offers it."""
        return (now or timezone.now()) >= self.nominations_close_at

    def open_voting_refusal(self, now: datetime | None = None) -> str | None:
        """Why voting cannot be opened now (`election_open_voting`), or None: the rule
        the action applies and the page asks before offering the button. Nominations
        must be over, voting not yet opened, and the standing candidates must make a
        ballot the counting method can count (`limits_errors`)."""
        if not self.nominations_over(now):
            return gettext("Nominations are still open.")
        if self.elected_unopposed:
            return gettext("The candidates were declared elected unopposed: there is no vote.")
        ballot = self.ballot
        if ballot.status != BallotStatus.DRAFT:
            return gettext("Voting was already opened.")
        count = self.standing().count()
        if 0 < count <= ballot.seats:
            return gettext(
                "No more candidates stand than there are seats: a vote would choose nothing, "
                "so they can be declared elected unopposed."
            )
        if count < 2:
            return gettext("A ballot needs at least two options.")
        limits = {"method": ballot.method, "max_choices": ballot.max_choices, "seats": ballot.seats}
        if errors := limits_errors(**limits, options=count):
            return " ".join(message for messages in errors.values() for message in messages)
        return ballot.roll_date_refusal(now)

    def state_at(self, now: datetime | None = None) -> ElectionState:
        """The one rule for where the election stands: its nominations window while
        its poll is being prepared, then its poll's `voting_state`."""
        now = now or timezone.now()
        voting = self.ballot.voting_state(now)
        if self.elected_unopposed:
            return ElectionState.UNOPPOSED
        if voting == VotingState.PREPARING:
            if now < self.nominations_open_at:
                return ElectionState.NOMINATIONS_LATER
            if now < self.nominations_close_at:
                return ElectionState.NOMINATIONS_OPEN
            return ElectionState.NOMINATIONS_CLOSED
        return {
            VotingState.NOT_YET: ElectionState.VOTING_LATER,
            VotingState.OPEN: ElectionState.VOTING_OPEN,
            VotingState.ENDED: ElectionState.VOTING_ENDED,
        }.get(voting, ElectionState.COUNTED)

    @property
    def elected_unopposed(self) -> bool:
        """Certified without a vote (`election_declare_unopposed`): its poll was never
        opened."""
        return self.certified_at is not None and self.ballot.status == BallotStatus.DRAFT

    def standing(self) -> models.QuerySet:
        """The candidates who accepted and did not withdraw, in the ballot's order."""
        return self.candidates.filter(accepted_at__isnull=False, withdrawn_at__isnull=True)

    def unopposed_refusal(self, now: datetime | None = None) -> str | None:
        """Why the standing candidates cannot be declared elected unopposed now, or
        None: once nominations are over and before voting opens, when at least one
        candidate stands and no more than the seats to fill, so that a vote would
        choose nothing. The rule the action applies and the page asks."""
        if self.certified_at is not None:
            return gettext("This election was already certified.")
        if not self.nominations_over(now):
            return gettext("Nominations are still open.")
        if self.ballot.status != BallotStatus.DRAFT:
            return gettext("Voting was already opened.")
        count = self.standing().count()
        if count == 0:
            return gettext("Nobody stands: there is no one to declare elected.")
        if count > self.ballot.seats:
            return gettext("More candidates stand than there are seats: the members vote.")
        return None

    @property
    def state(self) -> ElectionState:
        """`state_at` now, for templates."""
        return self.state_at()

    @property
    def voting_opens_later(self) -> bool:
        """Whether the poll's opening time is still to come (said with the state)."""
        return self.ballot.opens_at > timezone.now()

    @property
    def taking_nominations(self) -> bool:
        return self.nominations_open()

    @property
    def nominations_closed(self) -> bool:
        return self.nominations_over()

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
    def ballot_name(self) -> str:
        """The name shown wherever the candidacy is public: `display_name`, or "A former
        candidate" once the member was erased (`governance.erasure`)."""
        if self.display_name == REMOVED_TEXT:
            return gettext("A former candidate")
        return self.display_name

    @property
    def is_standing(self) -> bool:
        return self.accepted_at is not None and self.withdrawn_at is None
