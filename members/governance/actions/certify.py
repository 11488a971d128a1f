"""Certifying an election: the winners take the seats, and the committee-member role
follows them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.models import User
from members.models import Member

from ..models import Election, SeatTerm
from ..models.draws import ballot_winners, undecided_tie
from ..models.elections import held_seats_errors
from .committees import committee_roles_sync
from .recount import recount_due


@records_actor
@transaction.atomic
def election_certify(*, election: Election, by: User) -> list[SeatTerm]:
    """The returning officer certifies the count: the winners take the seats, in the
    order they were elected, for the election's term, and linked accounts receive the
    committee-member role when the term starts. Refused (ValidationError) for anyone
    else, before the count, once certified, while a candidate withdrawn since the count
    is still in it (`recount_due`), and across an undecided tie."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if by.pk != election.returning_officer_id:
        raise ValidationError(_("Only the election's returning officer can certify it."))
    if not election.ballot.is_closed:
        raise ValidationError(_("Voting must be closed and counted first."))
    if election.certified_at is not None:
        raise ValidationError(_("This election was already certified."))
    if recount_due(election.ballot):
        # A withdrawn candidate is never seated: the count is made again without her
        # (`election_recount`) and checked before it is certified.
        raise ValidationError(
            _(
                "A candidate withdrew after the count: the votes must be counted again "
                "without that candidate before the result is certified."
            )
        )
    if undecided_tie(election.ballot):
        raise ValidationError(
            _(
                "The last seat is tied: record the draw by lot that breaks the tie "
                "before certifying."
            )
        )
    options = {str(o.pk): o for o in election.ballot.options.select_related("candidate")}
    winners = [options[key].candidate for key in ballot_winners(election.ballot)]
    return _seat_and_certify(election, [candidate.member for candidate in winners], by=by)


@records_actor
@transaction.atomic
def election_declare_unopposed(*, election: Election, by: User) -> list[SeatTerm]:
    """The returning officer declares the standing candidates elected unopposed: once
    nominations are over, no more of them than seats, no ballot is opened
    (`Election.unopposed_refusal`). They take the seats for the election's term, in the
    ballot's order, the election is certified, and linked accounts receive the
    committee-member role when the term starts (as `election_certify`)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if by.pk != election.returning_officer_id:
        raise ValidationError(_("Only the election's returning officer can certify it."))
    if refusal := election.unopposed_refusal():
        raise ValidationError(refusal)
    return _seat_and_certify(election, [c.member for c in election.standing()], by=by)


def _seat_and_certify(election: Election, members: list[Member], *, by: User) -> list[SeatTerm]:
    """The elected `members` take the election's seats, in order, for its term; the
    election is certified and the committee-member role follows the seats. Raises
    ValidationError when a seat was filled for part of the term since the election was
    set up (`held_seats_errors`; `SeatTerm.save` refuses any overlap too)."""
    seats = list(election.seats.order_by("position", "pk"))
    if held := held_seats_errors(seats, election.term_starts_on, election.term_ends_on):
        raise ValidationError(held["seats"])
    terms = [
        SeatTerm.objects.create(
            seat=seat,
            member=member,
            starts_on=election.term_starts_on,
            ends_on=election.term_ends_on,
            election=election,
        )
        for seat, member in zip(seats, members, strict=False)
    ]
    election.certified_at = timezone.now()
    election.save(update_fields=["certified_at"])
    committee_roles_sync(centre=election.ballot.committee.centre, by=by)
    return terms
