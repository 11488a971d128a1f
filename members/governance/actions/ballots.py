"""Ballots: preparing, freezing the roll, opening, casting in secret, closing and counting."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from centres.audit import records_actor
from centres.local_time import today
from centres.models import User
from centres.numbers import figure
from centres.rules import STAFF_NOT_VOTER_MESSAGE, holds_staff_role
from centres.text import typed_text
from members.models import Member

from ..counting import count_ballot
from ..models import (
    Ballot,
    BallotMethod,
    BallotOption,
    BallotStatus,
    BoothPass,
    Committee,
    Election,
    OptionSource,
    Participation,
    PriorityResponse,
    Receipt,
    RollEntry,
    Vote,
    VoteChannel,
)
from ..models.ballot_rules import (
    limits_errors,
    merge_errors,
    option_count_errors,
    windows_ended_errors,
)
from ..selectors import eligible_members

# No 0/O, 1/I/L: a receipt is read back from paper or a small screen.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

# The code of the ValidationError ballot_cast raises for a second vote.
ALREADY_VOTED = "already_voted"


@records_actor
@transaction.atomic
def ballot_create(
    *,
    committee: Committee,
    by: User | None,
    kind: str,
    question: str,
    method: str,
    opens_at: datetime,
    closes_at: datetime,
    roll_date: datetime | None = None,
    options: Sequence[str | tuple[str, str]] = (),
    **fields,
) -> Ballot:
    """A ballot in preparation. `options` are labels written by the committee, or
    (label, OptionSource) pairs for options drawn from the catalogue or requests."""
    if Ballot.objects.filter(
        committee=committee, status=BallotStatus.DRAFT, question__iexact=question.strip()
    ).exists():
        raise ValidationError(_("A ballot with this question is already being prepared."))
    ballot = Ballot(
        committee=committee,
        kind=kind,
        question=question,
        method=method,
        opens_at=opens_at,
        closes_at=closes_at,
        roll_date=roll_date or opens_at,
        created_by=by,
        **fields,
    )
    if method != BallotMethod.APPROVAL:
        ballot.max_choices = None
    errors: dict[str, list[str]] = {}
    try:
        ballot.full_clean()  # the ballot's rules: `Ballot.clean`
    except ValidationError as error:
        errors = error.message_dict
    merge_errors(errors, windows_ended_errors(timezone.now(), closes_at=closes_at))
    merge_errors(errors, _limits(ballot, options=len(options) or None))
    merge_errors(errors, option_count_errors(len(options)))
    if errors:
        raise ValidationError(errors)
    ballot.save()
    for option in options:
        label, source = (option, OptionSource.COMMITTEE) if isinstance(option, str) else option
        option_add(ballot=ballot, by=by, label=label, source=source)
    return ballot


def _limits(ballot: Ballot, *, options: int | None) -> dict[str, list[str]]:
    return limits_errors(
        method=ballot.method, max_choices=ballot.max_choices, seats=ballot.seats, options=options
    )


@records_actor
@transaction.atomic
def option_add(
    *,
    ballot: Ballot,
    by: User | None,
    label: str,
    source: str = OptionSource.COMMITTEE,
    description: str = "",
    candidate=None,
) -> BallotOption:
    if ballot.status != BallotStatus.DRAFT:
        raise ValidationError(_("Options can only be changed before voting opens."))
    label = typed_text(label)  # as the form cleans it: an invisible label is blank
    if ballot.options.filter(label__iexact=label).exists():
        raise ValidationError(_("This option is already on the ballot."))
    option = BallotOption(
        ballot=ballot,
        label=label,
        source=source,
        description=description,
        candidate=candidate,
        position=ballot.options.count(),
    )
    option.full_clean()
    option.save()
    return option


@transaction.atomic
def roll_freeze(*, ballot: Ballot) -> int:
    """Freeze the roll once, from the rule; later registrations do not vote. Returns its size."""
    ballot = Ballot.objects.select_for_update().select_related("committee").get(pk=ballot.pk)
    if ballot.roll_frozen_at is not None:
        return ballot.roll.count()
    if refusal := ballot.roll_date_refusal():
        raise ValidationError(refusal)
    entries = [
        RollEntry(ballot=ballot, member_id=pk)
        for pk in eligible_members(ballot).values_list("pk", flat=True)
    ]
    RollEntry.objects.bulk_create(entries)
    ballot.roll_frozen_at = timezone.now()
    ballot.save(update_fields=["roll_frozen_at"])
    return len(entries)


@records_actor
@transaction.atomic
def ballot_open(*, ballot: Ballot, by: User | None) -> Ballot:
    """Open voting and freeze the roll: refused (ValidationError) for the reason
    `Ballot.open_refusal` gives (among them, a roll date still to come), and once its
    opening time has passed (`Ballot.opens_late`) for `by` not of the committee
    (`members.open_ballot`; None is the system)."""
    ballot = Ballot.objects.select_for_update().select_related("committee").get(pk=ballot.pk)
    if refusal := ballot.open_refusal():
        raise ValidationError(refusal)
    if by is not None and not by.has_perm("members.open_ballot", ballot):
        raise ValidationError(ballot.late_opening_refusal())
    roll_freeze(ballot=ballot)
    ballot.status = BallotStatus.OPEN
    ballot.save(update_fields=["status"])
    return ballot


def lock_voter(ballot: Ballot, member: Member) -> tuple[Ballot, RollEntry | None]:
    """The lock every vote channel takes (online, booth, paper): `member`'s roll entry,
    then the ballot read again under it. A close or a withdrawal takes the whole roll
    (`lock_roll`) first, so a vote either ends before it or waits and then sees the
    ballot closed or gone. Returns the ballot as it is now and the entry (None when the
    member is not on the roll). Raises Ballot.DoesNotExist if it was withdrawn."""
    entry = RollEntry.objects.select_for_update().filter(ballot_id=ballot.pk, member=member).first()
    return Ballot.objects.select_related("committee").get(pk=ballot.pk), entry


def lock_roll(ballot: Ballot) -> None:
    """Take every roll entry of `ballot` (in one order, so that two takers queue rather
    than deadlock): no vote is half-way while the ballot is closed or withdrawn."""
    list(
        RollEntry.objects.select_for_update()
        .filter(ballot_id=ballot.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def checked_voter(ballot: Ballot, member: Member) -> tuple[Ballot, RollEntry]:
    """`lock_voter`, refusing a ballot not open (or withdrawn) and a member not on the
    roll: the checks every channel makes, under the lock."""
    try:
        ballot, entry = lock_voter(ballot, member)
    except Ballot.DoesNotExist:
        raise ValidationError(_("This ballot is not open for voting.")) from None
    if not ballot.is_open:
        raise ValidationError(_("This ballot is not open for voting."))
    if entry is None:
        raise ValidationError(_("This member is not on the roll for this ballot."))
    return ballot, entry


@records_actor
@transaction.atomic
def ballot_withdraw(*, ballot: Ballot, by: User | None) -> None:
    """Withdraw a ballot in which no vote has been cast (`Ballot.withdrawal_refusal`),
    with the election it is the poll of, if any: both are deleted with their options,
    roll and candidates, and the audit trail records that `by` deleted them."""
    lock_roll(ballot)
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if refusal := ballot.withdrawal_refusal():
        raise ValidationError(refusal)
    Election.objects.filter(ballot=ballot).delete()
    ballot.delete()


@records_actor
@transaction.atomic
def ballot_close(*, ballot: Ballot, by: User | None, reason: str = "") -> Ballot:
    """End voting and count. The result is stored and shown from now on.

    Refused (ValidationError) for the reason `Ballot.close_refusal` gives. Before
    `closes_at` voting ends early (`Ballot.closes_early`): only `by` holding
    `members.close_ballot` for it (the committee) may, and only with `reason`, which is
    shown with the result; `closes_at` becomes now and the planned close is kept in
    `scheduled_closes_at`. The trail records both times and that a reason was given,
    never its words."""
    lock_roll(ballot)  # a vote being cast ends first; one that comes later is refused
    ballot = Ballot.objects.select_for_update().select_related("committee").get(pk=ballot.pk)
    if refusal := ballot.close_refusal():
        raise ValidationError(refusal)
    now = timezone.now()
    if ballot.closes_early(now):
        if by is None or not by.has_perm("members.close_ballot", ballot):
            raise ValidationError(
                _("Voting is still open: only the committee may end it before its closing time.")
            )
        if not reason.strip():
            raise ValidationError({"reason": [_("Say why voting ends before its closing time.")]})
        ballot.scheduled_closes_at = ballot.closes_at
        ballot.closes_at = now
        ballot.early_close_reason = reason.strip()
    # Anyone still checked in at a booth can no longer vote.
    BoothPass.objects.filter(ballot=ballot).delete()
    ballot.status = BallotStatus.CLOSED
    ballot.result = count_ballot(ballot)
    ballot.counted_at = now
    ballot.save(
        update_fields=[
            "status",
            "result",
            "counted_at",
            "closes_at",
            "scheduled_closes_at",
            "early_close_reason",
        ]
    )
    return ballot


def _clean_choices(ballot: Ballot, choices: Sequence) -> list[int]:
    valid = set(ballot.options.values_list("pk", flat=True))
    try:
        picked = [int(choice) for choice in choices]
    except (TypeError, ValueError):
        raise ValidationError(_("Choose among the ballot's options.")) from None
    if not picked:
        raise ValidationError(_("Choose at least one option."))
    if len(set(picked)) != len(picked) or not set(picked) <= valid:
        raise ValidationError(_("Choose among the ballot's options, each once."))
    if ballot.method == BallotMethod.PLURALITY and len(picked) != 1:
        raise ValidationError(_("Choose one option."))
    if ballot.method == BallotMethod.APPROVAL and len(picked) > (ballot.max_choices or 1):
        most = ballot.max_choices or 1
        raise ValidationError(
            ngettext("Choose at most %(k)s option.", "Choose at most %(k)s options.", most)
            % {"k": figure(most)}
        )
    return picked


def _new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def ballot_cast(
    *,
    ballot: Ballot,
    member: Member,
    choices: Sequence,
    channel: str = VoteChannel.ONLINE,
    assisted: bool = False,
) -> str:
    """Record that `member` voted and, apart, what they chose. Returns the receipt code.

    Raises ValidationError for a member not on the frozen roll, a ballot not open,
    a second vote (whatever the channel; its code is ALREADY_VOTED, for the voter's own
    page to word it), a member whose account holds a staff role in the ballot's centre
    (`centres.rules.holds_staff_role`), or choices the method does not allow.
    Secrecy: the Participation (who) and the Vote (what) share nothing but the ballot;
    the Vote has a random id and no time, and the receipt is linked to neither.
    """
    if channel not in (VoteChannel.ONLINE, VoteChannel.BOOTH):
        raise ValidationError(_("Paper votes are entered as batch totals."))
    # One member at a time: concurrent casts for the same member queue on this row.
    ballot, _entry = checked_voter(ballot, member)
    # Staff are not voters (DESIGN: staff cannot see or change ballots), whatever link
    # an older version let them make to a member.
    if holds_staff_role(centre_id=ballot.committee.centre_id, user_id=member.account_id):
        raise ValidationError(STAFF_NOT_VOTER_MESSAGE)
    if Participation.objects.filter(ballot=ballot, member=member).exists():
        raise ValidationError(
            _("This member has already voted in this ballot."), code=ALREADY_VOTED
        )
    picked = _clean_choices(ballot, choices)
    try:
        with transaction.atomic():
            Participation.objects.create(
                ballot=ballot,
                member=member,
                channel=channel,
                assisted=assisted,
                voted_on=today(ballot.committee.centre),
            )
    except IntegrityError:
        raise ValidationError(
            _("This member has already voted in this ballot."), code=ALREADY_VOTED
        ) from None
    # One vote at a time per ballot, so that each re-deal sees every stored vote.
    list(Ballot.objects.select_for_update().filter(pk=ballot.pk).values_list("pk"))
    Vote.objects.create(ballot=ballot, choices=picked)
    while True:
        code = _new_receipt_code()
        try:
            with transaction.atomic():
                Receipt.objects.create(ballot=ballot, code=code)
        except IntegrityError:
            continue
        break
    votes_redeal(ballot=ballot)
    return code


def votes_redeal(*, ballot: Ballot) -> None:
    """Store `ballot`'s votes and receipts again, all of them, in a fresh random order.

    A table keeps its rows in the order they were written (PostgreSQL's heap, which
    pg_dump reads in that order; SQLite's rowid), and so does each row's transaction
    number: votes written one by one would line up with the participations written
    beside them, the 7th vote being the 7th voter's. Rewritten together, every vote and
    receipt has the same writer and a place drawn at random. Called under the ballot's
    lock; the rows never leave the database."""
    for model in (Vote, Receipt):
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # gen_random_uuid() draws from the server's strong random source.
                cursor.execute(
                    f"WITH dealt AS (DELETE FROM {table} WHERE ballot_id = %s RETURNING *)"  # noqa: S608
                    f" INSERT INTO {table} SELECT * FROM dealt ORDER BY gen_random_uuid()",
                    [ballot.pk],
                )
            else:
                cursor.execute(
                    f"CREATE TEMP TABLE redeal AS SELECT * FROM {table} WHERE ballot_id = %s",  # noqa: S608
                    [ballot.pk],
                )
                cursor.execute(f"DELETE FROM {table} WHERE ballot_id = %s", [ballot.pk])  # noqa: S608
                cursor.execute(f"INSERT INTO {table} SELECT * FROM redeal ORDER BY randomblob(16)")  # noqa: S608
                cursor.execute("DROP TABLE redeal")


@records_actor
@transaction.atomic
def priority_respond(
    *, option: BallotOption, by: User, status: str, reason: str = ""
) -> PriorityResponse:
    """The manager's answer to a priority the members chose (planned, in progress, or
    not possible with a reason). Answering again replaces the answer; the trail keeps both."""
    if not option.ballot.is_closed:
        raise ValidationError(_("Priorities are answered once the ballot is closed."))
    response = PriorityResponse.objects.filter(option=option).first() or PriorityResponse(
        option=option
    )
    response.status = status
    response.reason = reason.strip()
    response.responded_by = by
    response.responded_at = timezone.now()
    response.full_clean(exclude=["option"])
    response.save()
    return response
