"""Rescheduling a ballot or an election before voting opens: the same schedule
checks as when it was set up, its changes in the audit trail (django-auditlog)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.local_time import zone_of
from centres.models import User

from ..models import Ballot, BallotStatus, Election
from ..models.ballot_rules import merge_errors, windows_ended_errors
from ..models.elections import check_election, held_seats_errors


def _refuse_once_open(ballot: Ballot) -> None:
    if refusal := ballot.reschedule_refusal():
        raise ValidationError(refusal)


def _kept(new: datetime | None, old: datetime) -> datetime | None:
    """`old` when `new` is the same minute (a form sends minutes only: a time sent back
    unchanged is not a change), else `new`."""
    if new is not None and new.replace(second=0, microsecond=0) == old.replace(
        second=0, microsecond=0
    ):
        return old
    return new


def _ballot_errors(ballot: Ballot) -> dict[str, list[str]]:
    """The ballot's own rules (`Ballot.clean`) on its new times. A frozen roll keeps
    its date, so voting cannot open before it: that is told beside the opening, the
    time that can still move."""
    try:
        ballot.full_clean()
    except ValidationError as error:
        errors = error.message_dict
    else:
        return {}
    if ballot.roll_frozen_at is not None and errors.pop("roll_date", None):
        when = timezone.localtime(ballot.roll_date, zone_of(ballot.committee.centre))
        message = _("The roll is frozen as of %(when)s: voting cannot open before then.")
        merge_errors(
            errors, {"opens_at": [message % {"when": formats.date_format(when, "DATETIME_FORMAT")}]}
        )
    return errors


@records_actor
@transaction.atomic
def ballot_reschedule(
    *,
    ballot: Ballot,
    by: User | None,
    opens_at: datetime,
    closes_at: datetime,
    roll_date: datetime | None = None,
) -> Ballot:
    """Change a priority ballot's voting window (and, while its roll is not frozen,
    its roll date) before voting opens. An election's poll is rescheduled with the
    election (`election_reschedule`). Every broken rule at once, keyed to its field."""
    ballot = Ballot.objects.select_for_update().select_related("committee").get(pk=ballot.pk)
    _refuse_once_open(ballot)
    if Election.objects.filter(ballot=ballot).exists():
        raise ValidationError(_("An election's times are changed on the election's page."))
    roll_date = _kept(roll_date, ballot.roll_date)
    opens_at, closes_at = _kept(opens_at, ballot.opens_at), _kept(closes_at, ballot.closes_at)
    errors: dict[str, list[str]] = {}
    if ballot.roll_frozen_at is not None:
        if roll_date is not None and roll_date != ballot.roll_date:
            errors["roll_date"] = [_("The roll is frozen: its date can no longer change.")]
    elif roll_date is not None:
        ballot.roll_date = roll_date
    elif ballot.roll_date == ballot.opens_at:
        ballot.roll_date = opens_at  # drawn when voting opens, as it was set up
    ballot.opens_at, ballot.closes_at = opens_at, closes_at
    merge_errors(errors, _ballot_errors(ballot))
    merge_errors(errors, windows_ended_errors(timezone.now(), closes_at=closes_at))
    if errors:
        raise ValidationError(errors)
    ballot.save(update_fields=["opens_at", "closes_at", "roll_date"])
    return ballot


@records_actor
@transaction.atomic
def election_reschedule(
    *,
    election: Election,
    by: User | None,
    nominations_open_at: datetime,
    nominations_close_at: datetime,
    opens_at: datetime,
    closes_at: datetime,
    term_starts_on: date,
    term_ends_on: date,
) -> Election:
    """Change an election's dates before voting opens, with the checks of its setting
    up (`check_election`). What has already happened stays: nominations that have
    opened keep their start (the roll was frozen then), and once the candidates are on
    the ballot the nominations keep their end. A window moved must still be to come."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    ballot = (
        Ballot.objects.select_for_update().select_related("committee").get(pk=election.ballot_id)
    )
    _refuse_once_open(ballot)
    nominations_open_at = _kept(nominations_open_at, election.nominations_open_at)
    nominations_close_at = _kept(nominations_close_at, election.nominations_close_at)
    opens_at, closes_at = _kept(opens_at, ballot.opens_at), _kept(closes_at, ballot.closes_at)
    now = timezone.now()
    errors: dict[str, list[str]] = {}
    if nominations_open_at != election.nominations_open_at and election.nominations_open_at <= now:
        errors["nominations_open_at"] = [
            _("Nominations have opened: their start can no longer change.")
        ]
    moved_close = nominations_close_at != election.nominations_close_at
    if moved_close and ballot.status != BallotStatus.DRAFT:
        errors["nominations_close_at"] = [
            _("The candidates are on the ballot: nominations can no longer be reopened.")
        ]
    if ballot.roll_frozen_at is None and ballot.roll_date == election.nominations_open_at:
        ballot.roll_date = nominations_open_at  # the roll is drawn when nominations open
    try:
        check_election(
            zone=zone_of(ballot.committee.centre),
            term_months=ballot.committee.term_months,
            nominations_open_at=nominations_open_at,
            nominations_close_at=nominations_close_at,
            opens_at=opens_at,
            closes_at=closes_at,
            term_starts_on=term_starts_on,
            term_ends_on=term_ends_on,
            roll_date=ballot.roll_date,
            set_up_at=ballot.created_at,
        )
    except ValidationError as error:
        messages = error.message_dict
        if messages.pop("roll_date", None):
            # The roll date is not on this form: told beside the time that moves.
            when = timezone.localtime(ballot.roll_date, zone_of(ballot.committee.centre))
            message = _(
                "The roll is drawn from the members registered before %(when)s: "
                "nominations cannot open before then."
            ) % {"when": formats.date_format(when, "DATETIME_FORMAT")}
            merge_errors(messages, {"nominations_open_at": [message]})
        merge_errors(errors, messages)
    held = held_seats_errors(election.seats.all(), term_starts_on, term_ends_on)
    merge_errors(errors, {"term_starts_on": held.get("seats", [])} if held else {})
    # Only a time being set must still be to come: nominations that closed as planned
    # stay closed.
    ends = {"closes_at": closes_at}
    if moved_close:
        ends["nominations_close_at"] = nominations_close_at
    merge_errors(errors, windows_ended_errors(now, **ends))
    ballot.opens_at, ballot.closes_at = opens_at, closes_at
    merge_errors(errors, _ballot_errors(ballot))
    if errors:
        raise ValidationError(errors)
    ballot.save(update_fields=["opens_at", "closes_at", "roll_date"])
    election.nominations_open_at = nominations_open_at
    election.nominations_close_at = nominations_close_at
    election.term_starts_on, election.term_ends_on = term_starts_on, term_ends_on
    election.save(
        update_fields=[
            "nominations_open_at",
            "nominations_close_at",
            "term_starts_on",
            "term_ends_on",
        ]
    )
    return election
