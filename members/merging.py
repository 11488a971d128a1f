"""Merging two records of one person: what each app moves from the absorbed record to
the kept one.

The members app moves what it holds (visits, seats, candidacies, ballot rolls) and
combines the consents; each higher app registers a `MergeStep` for what it holds
(bookings, children, requests, cases, feedback) from its `AppConfig.ready()`, the
way erasure steps are registered with `centres.retention`, so that this app never
imports them. `member_merge` (at the end; also reachable as
`members.actions.member_merge`) runs every step in one transaction.

Secret ballots: a roll entry or a participation (that a member voted, never what) is
moved only on ballots not yet closed, and never shown: the confirmation page counts
open ballots' roll entries only. A closed ballot's roll and turnout were published
and stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centres.audit import records_actor
from centres.models import AuditEntry, Centre, User

from . import rollups
from .models import Member


@dataclass(frozen=True)
class MergeStep:
    key: str  # stable: the name of its count in the audit row
    label: Promise  # what moves, as the confirmation names it ("Bookings")
    count: Callable[[Member], int]  # rows of a record that would move
    move: Callable[[Member, Member, datetime], None]  # (keep, absorb, now), in the merge

    @classmethod
    def of_rows(cls, key: str, label: Promise, model) -> MergeStep:
        """The step for a model whose rows simply belong to a member (its `member`
        field): counted, and moved to the record kept by one UPDATE."""

        def count(member: Member) -> int:
            return model.objects.filter(member=member).count()

        def move(keep: Member, absorb: Member, now: datetime) -> None:
            model.objects.filter(member=absorb).update(member=keep)

        return cls(key, label, count, move)


_steps: dict[str, MergeStep] = {}


def register_merge_step(step: MergeStep) -> None:
    _steps[step.key] = step


def merge_steps() -> list[MergeStep]:
    """The members app's own steps first, then those registered, by key."""
    return [*OWN_STEPS, *(_steps[key] for key in sorted(_steps))]


# -- The members app's own steps ---------------------------------------------------


def _visits(member: Member):
    from .models import Visit

    return Visit.objects.filter(member=member)


def _move_visits(keep: Member, absorb: Member, now: datetime) -> None:
    _visits(absorb).update(member=keep)


def _terms(member: Member):
    from .governance.models import SeatTerm

    return SeatTerm.objects.filter(member=member)


def _move_terms(keep: Member, absorb: Member, now: datetime) -> None:
    _terms(absorb).update(member=keep)


def _candidacies(member: Member):
    from .governance.models import Candidate

    return Candidate.objects.filter(Q(member=member) | Q(nominated_by=member))


def _move_candidacies(keep: Member, absorb: Member, now: datetime) -> None:
    """A candidacy moves unless the kept record stands in the same election (one
    candidacy each): then the absorbed one stays where it was, as history."""
    from .governance.models import Candidate

    Candidate.objects.filter(nominated_by=absorb).update(nominated_by=keep)
    standing = Candidate.objects.filter(member=keep).values("election")
    Candidate.objects.filter(member=absorb).exclude(election__in=standing).update(member=keep)


def _open_roll(member: Member):
    from .governance.models import BallotStatus, RollEntry

    return RollEntry.objects.filter(member=member).exclude(ballot__status=BallotStatus.CLOSED)


def _move_rolls(keep: Member, absorb: Member, now: datetime) -> None:
    """One person, one entry, one vote, on every ballot not yet closed:

    - only the absorbed record is on the roll: its entry (and its participation, if
      it voted) moves to the kept record;
    - both are: one entry stays, the kept record's. If only the absorbed record voted,
      its participation moves, so the kept record cannot vote again; if both voted
      (before anybody knew they were one person), both entries and participations
      stay as they are: a vote is never removed or linked to anyone, and neither
      record can vote again.
    """
    from .governance.models import Participation, RollEntry

    for entry in _open_roll(absorb).select_related("ballot"):
        ballot = entry.ballot
        kept_on_roll = RollEntry.objects.filter(ballot=ballot, member=keep).exists()
        voted = Participation.objects.filter(ballot=ballot, member__in=[keep, absorb])
        absorb_voted = voted.filter(member=absorb).exists()
        keep_voted = voted.filter(member=keep).exists()
        if absorb_voted and keep_voted:
            continue
        if absorb_voted:
            voted.filter(member=absorb).update(member=keep)
        if kept_on_roll:
            entry.delete()
        else:
            RollEntry.objects.filter(pk=entry.pk).update(member=keep)


OWN_STEPS = [
    MergeStep("visits", gettext_lazy("Visits"), lambda m: _visits(m).count(), _move_visits),
    MergeStep(
        "terms", gettext_lazy("Committee seats held"), lambda m: _terms(m).count(), _move_terms
    ),
    MergeStep(
        "candidacies",
        gettext_lazy("Candidacies and nominations"),
        lambda m: _candidacies(m).count(),
        _move_candidacies,
    ),
    MergeStep(
        "rolls",
        gettext_lazy("Places on the roll of ballots not yet closed"),
        lambda m: _open_roll(m).count(),
        _move_rolls,
    ),
]


def combine_consents(keep: Member, absorb: Member, now: datetime) -> None:
    """The stricter of the two records wins, purpose by purpose: the kept record keeps
    a current consent only if the absorbed record held one too. A purpose withdrawn,
    expired or never given on either record ends on the kept one (withdrawn `now`):
    staff ask the person again and record what they say. The absorbed record's own
    consents stay on it as the record of what it was told, and end `now`."""
    absorbed = set(absorb.consents.current().values_list("purpose", flat=True))
    keep.consents.current().exclude(purpose__in=absorbed).update(withdrawn_at=now)
    absorb.consents.current().update(withdrawn_at=now)


def consents_after(keep: Member, absorb: Member) -> tuple[list[str], list[str]]:
    """(purposes the kept record keeps, purposes it loses) if these two were merged."""
    kept = set(keep.consents.current().values_list("purpose", flat=True))
    absorbed = set(absorb.consents.current().values_list("purpose", flat=True))
    return sorted(kept & absorbed), sorted(kept - absorbed)


def what_moves(absorb: Member) -> list[tuple[Promise, int]]:
    """(label, rows) of everything a merge of `absorb` would move, rows > 0 only: the
    confirmation page's counts (one COUNT per step; no row is shown)."""
    counts = [(step.label, step.count(absorb)) for step in merge_steps()]
    return [(label, n) for label, n in counts if n]


def look_alikes_of(member: Member) -> list[Member]:
    """The centre's other active members who look like `member` (`members.duplicates`)."""
    from . import duplicates

    person = duplicates.person_of(
        preferred_name=member.preferred_name,
        phone=member.phone,
        nationality=member.nationality,
        age_band=member.age_band,
        region=member.centre.country,
    )
    found = duplicates.existing_matches(member.centre, [person])[person]
    return [other for other in found if other.pk != member.pk][:5]


def merge_refusal(*, centre: Centre, keep: Member, absorb: Member) -> str:
    """Why merging `absorb` into `keep` would be refused, or "" if it would not: a
    record into itself, another centre's member, an erased or merged record, two
    accounts, or `absorb` checked in at a voting booth. `member_merge` refuses by
    it, and the merge page asks it before offering a confirmation, so that it never
    offers one that cannot succeed."""
    from .governance.models import BoothPass

    if keep.pk == absorb.pk:
        return _("Choose two different records of the same person.")
    if keep.centre_id != centre.pk or absorb.centre_id != centre.pk:
        return _("Both records must be members of this centre.")
    if keep.erased_at is not None or absorb.erased_at is not None:
        return _("An erased or merged record cannot be merged.")
    if keep.account_id and absorb.account_id:
        return _("Both records are linked to an account: a person keeps one account.")
    if BoothPass.objects.filter(member=absorb).exists():
        return _("This person is voting at a booth: merge after they voted.")
    return ""


@records_actor
@transaction.atomic
def member_merge(*, centre: Centre, by: User, keep: Member, absorb: Member) -> Member:
    """Merge `absorb`, a second record of the person recorded as `keep`, into `keep`.

    Every merge step (`members.merging`: visits, seats, candidacies, ballot rolls here;
    bookings, children, requests, cases and feedback registered by their apps) moves
    its rows to `keep`; consents combine with the stricter winning
    (`merging.combine_consents`); the account link moves when only `absorb` has one.
    `absorb` is kept, marked merged into `keep`, with its personal data removed as by
    erasure: its code and counts stay. The days whose roll-ups change are forgotten
    (`rollups.forget_member`); released figures are frozen and never change. One
    audit row names the two records by id and counts what moved.

    Raises ValidationError: a member into itself, another centre's member, an erased
    or merged record, two accounts, or `absorb` checked in at a voting booth.
    Returns `keep`.
    """
    from .erasure import remove_personal_data
    from .governance.actions import committee_roles_sync

    ids = sorted({keep.pk, absorb.pk})
    locked = {m.pk: m for m in Member.objects.select_for_update().filter(pk__in=ids)}
    keep, absorb = locked.get(keep.pk), locked.get(absorb.pk)
    if keep is None or absorb is None:
        raise ValidationError(_("Choose two different records of the same person."))
    refusal = merge_refusal(centre=centre, keep=keep, absorb=absorb)
    if refusal:
        raise ValidationError(refusal)
    now = timezone.now()
    moved = {}
    rollups.forget_member(absorb)  # the days its visits were counted as its own
    with disable_auditlog():  # one row for the whole merge, written below
        for step in merge_steps():
            moved[step.key] = step.count(absorb)
            step.move(keep, absorb, now)
        combine_consents(keep, absorb, now)
        account = absorb.account_id
        changed = remove_personal_data(absorb, now)
        absorb.merged_into = keep
        Member.objects.filter(pk=absorb.pk).update(
            merged_into=keep, **{name: getattr(absorb, name) for name in changed}
        )
        if account:
            Member.objects.filter(pk=keep.pk).update(account_id=account)
    rollups.forget_member(keep)  # every day of both, now counted as one person
    if moved.get("terms") or account:
        committee_roles_sync(centre=centre, by=by)
    AuditEntry.objects.log_create(
        keep,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={"merged": [str(absorb.pk), str(keep.pk)], **_counts(moved)},
    )
    keep.refresh_from_db()
    return keep


def _counts(moved: dict[str, int]) -> dict[str, list[str]]:
    return {f"moved {key}": ["", str(n)] for key, n in moved.items() if n}
