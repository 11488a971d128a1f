"""The committee's meetings and its decisions log.

Only what the committee chooses to record: seats present, motions with their
counts, decisions and minutes. Never who said what, nor who talked to whom.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centres.local_time import before_local_today, today

MAX_DECISION_COUNT = 500


def held_seat_ids(committee, on) -> set[int]:
    """Ids of `committee`'s seats that someone held on the day `on` (a date in the
    centre's calendar): a vacant seat has nobody to be present."""
    from .committees import SeatTerm

    return set(
        SeatTerm.objects.current(on=on)
        .filter(seat__committee=committee)
        .values_list("seat_id", flat=True)
    )


def seats_present_errors(seats_present, *, committee=None, held_on=None) -> dict[str, list[str]]:
    """A meeting is of the seats present: at least one (a meeting of nobody records
    nothing), each held by someone on the meeting's date (`held_on`, given with its
    `committee`): a seat vacant that day cannot be present. Whether it had its quorum
    is worked out from them (`meeting_record`), and a decision is carried only at a
    meeting with its quorum (`decision_record`)."""
    if not seats_present:
        return {"seats_present": [gettext("Tick the seats present: at least one.")]}
    if committee is not None and held_on is not None:
        held = held_seat_ids(committee, held_on)
        if any(seat.pk not in held for seat in seats_present):
            return {
                "seats_present": [
                    gettext(
                        "Only seats held on the meeting's date can be present: a vacant "
                        "seat has nobody to attend."
                    )
                ]
            }
    return {}


class MeetingQuerySet(models.QuerySet):
    def for_centre(self, centre) -> MeetingQuerySet:
        return self.filter(committee__centre=centre)


# Minutes record decisions and actions, not a transcript: 20,000 characters is some
# ten pages, more than a meeting's decisions need.
MAX_MINUTES = 20_000


class Meeting(models.Model):
    committee = models.ForeignKey(
        "members.Committee", on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("held on"))
    seats_present = models.ManyToManyField(
        "members.Seat", related_name="+", verbose_name=_("seats present")
    )
    seats_total = models.PositiveSmallIntegerField(default=0, editable=False)
    quorum_needed = models.PositiveSmallIntegerField(default=1, editable=False)
    quorum_met = models.BooleanField(default=False, editable=False)
    # A TextField's max_length is not checked by full_clean: the validator is.
    minutes = models.TextField(
        _("minutes"),
        max_length=MAX_MINUTES,
        blank=True,
        validators=[MaxLengthValidator(MAX_MINUTES)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["committee", "held_on"], name="meeting_committee_day")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.committee} {self.held_on}"

    def clean(self) -> None:
        """A meeting is recorded once it has taken place: not after today at the centre."""
        last = today(self.committee.centre)
        if self.held_on and self.held_on > last:
            raise ValidationError(
                {
                    "held_on": gettext(
                        "Record a meeting once it has taken place: on %(last)s at the latest."
                    )
                    % {"last": formats.date_format(last, "SHORT_DATE_FORMAT")}
                }
            )

    @property
    def centre_id(self) -> int:
        return self.committee.centre_id

    def holders_present(self) -> int:
        """How many seats present someone held on the meeting's date: the people who
        could vote (a vacant seat recorded as present counts for nobody)."""
        held = held_seat_ids(self.committee, self.held_on)
        return sum(1 for pk in self.seats_present.values_list("pk", flat=True) if pk in held)

    def has_quorum(self) -> bool:
        """Whether the holders present reach the quorum (`quorum_needed`)."""
        return self.holders_present() >= self.quorum_needed


class DecisionQuerySet(models.QuerySet):
    def for_centre(self, centre) -> DecisionQuerySet:
        return self.filter(meeting__committee__centre=centre)

    def published(self) -> DecisionQuerySet:
        return self.filter(published_at__isnull=False)

    def review_due(self, on=None) -> DecisionQuerySet:
        """Not yet reminded, with the review date reached: on or before `on` if given,
        else the current date in each decision's own centre's time zone."""
        if on is not None:
            reached = models.Q(review_on__lte=on)
        else:
            reached = before_local_today("meeting__committee__centre__time_zone", "review_on__lte")
        return self.filter(reached, reminded_on__isnull=True)


class Decision(models.Model):
    """A motion put to the meeting, its counts, and the decision taken."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    motion = models.TextField(_("motion"))
    # A committee meeting's show of hands: bounded here, for every writer (the form
    # reads its limits from these validators).
    votes_for = models.PositiveSmallIntegerField(
        _("for"), validators=[MaxValueValidator(MAX_DECISION_COUNT)]
    )
    votes_against = models.PositiveSmallIntegerField(
        _("against"), validators=[MaxValueValidator(MAX_DECISION_COUNT)]
    )
    abstentions = models.PositiveSmallIntegerField(
        _("abstentions"), validators=[MaxValueValidator(MAX_DECISION_COUNT)]
    )
    carried = models.BooleanField(default=False, editable=False)
    text = models.TextField(_("decision"), blank=True)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__held_on", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.motion[:60]

    def clean(self) -> None:
        """The counts and the review date against the meeting, each error beside its
        field: no more votes than seat holders were present (seats held on the
        meeting's date), no review before the meeting."""
        errors = {}
        counts = (self.votes_for, self.votes_against, self.abstentions)
        if None not in counts and sum(counts) > self.meeting.holders_present():
            errors["votes_for"] = gettext("More votes than seat holders present at the meeting.")
        if self.review_on and self.review_on < self.meeting.held_on:
            errors["review_on"] = gettext("The review comes after the meeting.")
        if errors:
            raise ValidationError(errors)

    @property
    def centre_id(self) -> int:
        return self.meeting.committee.centre_id
