"""Committees, seats, elections and the committee-member role that follows a seat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres import local_time
from centres.audit import records_actor
from centres.local_time import zone_of
from centres.models import CASE_ROLES, Centre, CentreRole, Role, User
from centres.names import saving_named
from members.models import Member

from ..models import (
    Ballot,
    BallotKind,
    BallotMethod,
    Candidate,
    Committee,
    Election,
    OptionSource,
    RollEntry,
    Seat,
    SeatTerm,
)
from ..models.elections import check_election, held_seats_errors
from ..pictures import clean_picture
from .ballots import ballot_create, ballot_open, option_add, roll_freeze


@records_actor
@transaction.atomic
def committee_create(
    *,
    centre: Centre,
    by: User | None,
    name: str,
    seats: Sequence[tuple[str, str]] = (),
    quorum_percent: int = 51,
    term_months: int = 24,
) -> Committee:
    """A committee and its seats, each (title, custom title)."""
    committee = Committee(
        centre=centre, name=name, quorum_percent=quorum_percent, term_months=term_months
    )
    committee.full_clean()  # refuses a name the centre's committees hold, whatever its case
    with saving_named(committee):
        committee.save()
    for position, (title, custom_title) in enumerate(seats):
        Seat.objects.create(
            committee=committee, title=title, custom_title=custom_title, position=position
        )
    return committee


@records_actor
@transaction.atomic
def election_create(
    *,
    committee: Committee,
    by: User | None,
    title: str,
    seats: Sequence[Seat],
    method: str,
    returning_officer: User,
    nominations_open_at: datetime,
    nominations_close_at: datetime,
    opens_at: datetime,
    closes_at: datetime,
    term_starts_on: date,
    term_ends_on: date,
    roll_date: datetime | None = None,
    visit_within_months: int | None = None,
) -> Election:
    """An election for `seats`: plurality or instant-runoff for one seat, single
    transferable vote or approval for several. The returning officer is centre staff.
    Every broken rule is refused at once, keyed to its field (`check_election`)."""
    seats = list(seats)
    errors: dict[str, list[str]] = {}
    if not seats or any(seat.committee_id != committee.pk for seat in seats):
        errors["seats"] = [_("Choose the committee's seats to fill.")]
    staff = CentreRole.objects.filter(
        centre=committee.centre, user=returning_officer, role__in=CASE_ROLES
    )
    if not staff.exists():
        errors["returning_officer"] = [
            _("The returning officer must be a member of the centre's staff.")
        ]
    try:
        check_election(
            zone=zone_of(committee.centre),
            term_months=committee.term_months,
            seat_count=len(seats),
            method=method,
            nominations_open_at=nominations_open_at,
            nominations_close_at=nominations_close_at,
            opens_at=opens_at,
            closes_at=closes_at,
            term_starts_on=term_starts_on,
            term_ends_on=term_ends_on,
            roll_date=roll_date,
            now=timezone.now(),
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if "seats" not in errors:
        errors.update(held_seats_errors(seats, term_starts_on, term_ends_on))
    if errors:
        raise ValidationError(errors)
    ballot = ballot_create(
        committee=committee,
        by=by,
        kind=BallotKind.ELECTION,
        question=title,
        method=method,
        opens_at=opens_at,
        closes_at=closes_at,
        roll_date=roll_date or nominations_open_at,
        seats=len(seats),
        max_choices=len(seats) if method == BallotMethod.APPROVAL else None,
        visit_within_months=visit_within_months,
    )
    election = Election(
        ballot=ballot,
        nominations_open_at=nominations_open_at,
        nominations_close_at=nominations_close_at,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
        returning_officer=returning_officer,
    )
    election.full_clean(exclude=["ballot"])
    election.save()
    election.seats.set(seats)
    if nominations_open_at <= timezone.now():
        roll_freeze(ballot=ballot)
    return election


def _on_roll(election: Election, member: Member) -> bool:
    roll_freeze(ballot=election.ballot)  # the roll freezes when nominations open
    return RollEntry.objects.filter(ballot=election.ballot, member=member).exists()


@transaction.atomic
def candidate_nominate(
    *,
    election: Election,
    member: Member,
    nominated_by: Member,
    display_name: str = "",
    statement: str = "",
    picture: bytes | None = None,
) -> Candidate:
    """Nominate `member`, themselves or by another eligible member. A self-nomination
    stands at once under the `display_name`, `statement` and `picture` (an uploaded
    image's bytes, bounded, checked and re-encoded by `pictures.clean_picture`) given.
    A nomination of someone else carries none of these: it is private to the nominee
    and the returning officer, and waits for the nominee to accept with her own
    (`candidate_accept`). Raises ValidationError when nominations are not open, either
    person is off the roll, or the member is already nominated."""
    now = timezone.now()
    if not election.nominations_open(now):
        raise ValidationError(_("Nominations are not open."))
    if not _on_roll(election, member):
        raise ValidationError(
            _("You are not on the election's roll, so you cannot stand.")
            if member == nominated_by
            else _("The person nominated is not on the election's roll, so cannot stand.")
        )
    if nominated_by != member and not _on_roll(election, nominated_by):
        raise ValidationError(
            _("You are not on the election's roll, so you cannot nominate anyone.")
        )
    if Candidate.objects.filter(election=election, member=member).exists():
        raise ValidationError(_("This member is already nominated."))
    own = member == nominated_by
    candidate = Candidate(
        election=election,
        member=member,
        nominated_by=nominated_by,
        display_name=display_name.strip() if own else "",
        statement=statement.strip() if own else "",
        accepted_at=now if own else None,
        picture=clean_picture(picture) if own and picture else None,
    )
    candidate.full_clean(exclude=() if own else ("display_name",))
    candidate.save()
    return candidate


def nominee_by_code(*, election: Election, code: str, nominated_by: Member) -> Candidate | None:
    """Nominate the member of the election's centre whose code is `code` (as typed).
    The answer must not tell codes apart, so a code that names nobody, nobody on the
    roll, or someone already nominated gives None, like an accepted nomination gives
    nothing away. Raises ValidationError only for what concerns the nominator: when
    nominations are not open, or she is not on the roll."""
    from members.models import typed_code

    if not election.nominations_open(timezone.now()):
        raise ValidationError(_("Nominations are not open."))
    if not _on_roll(election, nominated_by):
        raise ValidationError(
            _("You are not on the election's roll, so you cannot nominate anyone.")
        )
    centre = election.ballot.committee.centre
    nominee = Member.objects.for_centre(centre).active().filter(code=typed_code(code)).first()
    if nominee is None or nominee == nominated_by:
        return None
    try:
        with transaction.atomic():
            return candidate_nominate(election=election, member=nominee, nominated_by=nominated_by)
    except ValidationError:
        return None


def _accepted(candidate: Candidate, *, display_name: str, statement: str, picture: bytes | None):
    candidate.display_name = display_name.strip()
    candidate.statement = statement.strip()
    candidate.picture = clean_picture(picture) if picture else None
    candidate.accepted_at = timezone.now()
    candidate.full_clean()
    candidate.save(update_fields=["display_name", "statement", "picture", "accepted_at"])
    return candidate


@transaction.atomic
def candidate_accept(
    *,
    candidate: Candidate,
    member: Member,
    display_name: str,
    statement: str = "",
    picture: bytes | None = None,
) -> Candidate:
    """The nominee accepts to stand, under the ballot name, statement and picture she
    chooses herself. Raises ValidationError for anyone else, once nominations are over,
    or after a withdrawal. Accepting again changes nothing."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.member_id != member.pk:
        raise ValidationError(_("Only the person nominated can accept."))
    if candidate.election.nominations_over():
        raise ValidationError(_("Nominations are closed."))
    if candidate.withdrawn_at is not None:
        raise ValidationError(_("This candidate has withdrawn."))
    if candidate.accepted_at is not None:
        return candidate
    return _accepted(candidate, display_name=display_name, statement=statement, picture=picture)


@records_actor
@transaction.atomic
def election_open_voting(*, election: Election, by: User | None) -> Ballot:
    """Put the standing candidates on the ballot and open voting (after nominations
    close): refused for the reason `Election.open_voting_refusal` gives."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if refusal := election.open_voting_refusal():
        raise ValidationError(refusal)
    ballot = election.ballot
    for candidate in election.candidates.filter(
        accepted_at__isnull=False, withdrawn_at__isnull=True
    ):
        option_add(
            ballot=ballot,
            by=by,
            label=candidate.display_name,
            description=candidate.statement,
            source=OptionSource.CANDIDATE,
            candidate=candidate,
        )
    return ballot_open(ballot=ballot, by=by)


@records_actor
@transaction.atomic
def seat_fill(
    *, seat: Seat, member: Member, by: User | None, starts_on: date, ends_on: date
) -> SeatTerm:
    """Fill a seat as the committee's rules allow (e.g. co-option to a vacancy until a
    by-election), without an election. Raises ValidationError for a member of
    another centre, or a seat held on any day of the term (`SeatTerm.check_seat_free`)."""
    if member.centre_id != seat.committee.centre_id or member.erased_at is not None:
        raise ValidationError(_("Choose a member of this centre."))
    term = SeatTerm(seat=seat, member=member, starts_on=starts_on, ends_on=ends_on)
    term.full_clean()
    term.save()
    committee_roles_sync(centre=seat.committee.centre, by=by)
    return term


@records_actor
@transaction.atomic
def committee_roles_sync(*, centre: Centre, by: User | None = None, on: date | None = None) -> dict:
    """Make the committee-member role follow the seats: a linked account holding a
    current term has the role; one whose terms have all ended loses it. Ended terms
    are kept (the committee's history) and marked with when the role was taken back.
    Returns {"granted": n, "ended": n}. Idempotent: run daily by Celery."""
    on = on or local_time.today(centre)
    terms = SeatTerm.objects.filter(seat__committee__centre=centre).select_related("member")
    seated = {term.member.account_id for term in terms.current(on=on) if term.member.account_id}
    granted = 0
    for user_id in seated:
        _role, created = CentreRole.objects.get_or_create(
            user_id=user_id, centre=centre, role=Role.COMMITTEE_MEMBER, defaults={"granted_by": by}
        )
        granted += created
    ended = 0
    for term in terms.filter(ends_on__lte=on, role_ended_at__isnull=True):
        user_id = term.member.account_id
        if user_id and user_id not in seated:
            for role in CentreRole.objects.filter(
                user_id=user_id, centre=centre, role=Role.COMMITTEE_MEMBER
            ):
                role.delete()  # one by one, so each removal is audited
                ended += 1
        term.role_ended_at = timezone.now()
        term.save(update_fields=["role_ended_at"])
    return {"granted": granted, "ended": ended}


@records_actor
@transaction.atomic
def candidate_record_acceptance(
    *,
    candidate: Candidate,
    by: User,
    display_name: str,
    statement: str = "",
    picture: bytes | None = None,
) -> Candidate:
    """Record that a nominee accepted to stand, given in person (a member without an
    account cannot accept on the site), with the ballot name, statement and picture she
    chose: by the election's returning officer, while nominations are open. Raises
    ValidationError for anyone else, once nominations are over, or after a withdrawal.
    Recording it again changes nothing."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.election.returning_officer_id != by.pk:
        raise ValidationError(_("Only the returning officer records an acceptance."))
    if candidate.election.nominations_over():
        raise ValidationError(_("Nominations are closed."))
    if candidate.withdrawn_at is not None:
        raise ValidationError(_("This candidate has withdrawn."))
    if candidate.accepted_at is not None:
        return candidate
    return _accepted(candidate, display_name=display_name, statement=statement, picture=picture)
