"""The committee's meetings and decisions: only what the committee chooses to record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres import local_time
from centres.audit import records_actor
from centres.models import User

from ..models import Committee, Decision, Meeting, Seat
from ..models.meetings import seats_present_errors


@records_actor
@transaction.atomic
def meeting_record(
    *,
    committee: Committee,
    by: User | None,
    held_on: date,
    seats_present: Sequence[Seat],
    minutes: str = "",
) -> Meeting:
    """A meeting and the seats present, each held by someone on `held_on` (a vacant
    seat is refused: ValidationError); the quorum is computed from the committee's rule
    (ceil(seats × quorum_percent / 100)) at the time of the meeting."""
    seats_present = list(seats_present)
    if any(seat.committee_id != committee.pk for seat in seats_present):
        raise ValidationError(_("Only this committee's seats can be present."))
    if errors := seats_present_errors(seats_present, committee=committee, held_on=held_on):
        raise ValidationError(errors)
    total = committee.seats.count()
    meeting = Meeting(
        committee=committee,
        held_on=held_on,
        minutes=minutes.strip(),
        created_by=by,
        seats_total=total,
        quorum_needed=committee.quorum(total),
        quorum_met=len(seats_present) >= committee.quorum(total),
    )
    meeting.full_clean()  # `Meeting.clean`: not in the future
    meeting.save()
    meeting.seats_present.set(seats_present)
    return meeting


@records_actor
@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    by: User | None,
    motion: str,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    text: str = "",
    review_on: date | None = None,
) -> Decision:
    """A motion with its counts. It is carried by a simple majority of the votes cast,
    and only at a meeting whose seat holders present reach its quorum. Counts cannot
    exceed the holders present, and a review comes after the meeting (`Decision.clean`)."""
    decision = Decision(
        meeting=meeting,
        motion=motion.strip(),
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        carried=meeting.has_quorum() and votes_for > votes_against,
        text=text.strip(),
        review_on=review_on,
    )
    decision.full_clean()
    decision.save()
    return decision


@records_actor
@transaction.atomic
def decision_publish(*, decision: Decision, by: User | None) -> Decision:
    if decision.published_at is None:
        decision.published_at = timezone.now()
        decision.save(update_fields=["published_at"])
    return decision


@transaction.atomic
def decision_reviews_remind(*, on: date | None = None, only=None) -> list[int]:
    """Mark decisions whose review date has come (of `only`, if given: those the task
    has just told the committee about); returns their ids. Idempotent: each is
    reminded once."""
    due_now = Decision.objects.review_due(on=on)
    if only is not None:
        due_now = due_now.filter(pk__in=list(only))
    due = list(due_now.select_related("meeting__committee__centre"))
    for decision in due:
        # The day it was reminded, in its centre's calendar.
        decision.reminded_on = on or local_time.today(decision.meeting.committee.centre)
    Decision.objects.bulk_update(due, ["reminded_on"])
    return [decision.pk for decision in due]
