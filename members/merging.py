"""Merging two records of one person: what each app moves from the absorbed record to
the kept one.

The members app moves what it holds (visits, seats, candidacies, ballot rolls) and
combines the consents; each higher app registers a `MergeStep` for what it holds
(bookings, children, requests, cases, feedback) from its `AppConfig.ready()`, the
way erasure steps are registered with `centres.retention`, so that this app never
imports them. `members.actions.member_merge` runs every step in one transaction.

Secret ballots: a roll entry or a participation (that a member voted, never what) is
moved only on ballots not yet closed, and never shown: the confirmation page counts
open ballots' roll entries only. A closed ballot's roll and turnout were published
and stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from .models import Member


@dataclass(frozen=True)
class MergeStep:
    key: str  # stable: the name of its count in the audit row
    label: Promise  # what moves, as the confirmation names it ("Bookings")
    count: Callable[[Member], int]  # rows of a record that would move
    move: Callable[[Member, Member, datetime], None]  # (keep, absorb, now), in the merge


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
    MergeStep("visits", _("Visits"), lambda m: _visits(m).count(), _move_visits),
    MergeStep("terms", _("Committee seats held"), lambda m: _terms(m).count(), _move_terms),
    MergeStep(
        "candidacies",
        _("Candidacies and nominations"),
        lambda m: _candidacies(m).count(),
        _move_candidacies,
    ),
    MergeStep(
        "rolls",
        _("Places on the roll of ballots not yet closed"),
        lambda m: _open_roll(m).count(),
        _move_rolls,
    ),
]


def combine_consents(keep: Member, absorb: Member, now: datetime) -> list[str]:
    """The stricter of the two records wins, purpose by purpose: the kept record keeps
    a current consent only if the absorbed record held one too. A purpose withdrawn,
    expired or never given on either record ends on the kept one (withdrawn `now`):
    staff ask the person again and record what they say. The absorbed record's own
    consents stay on it as the record of what it was told, and end `now`. Returns the
    purposes that ended on the kept record."""
    absorbed = set(absorb.consents.current().values_list("purpose", flat=True))
    ending = keep.consents.current().exclude(purpose__in=absorbed)
    ended = sorted(ending.values_list("purpose", flat=True))
    ending.update(withdrawn_at=now)
    absorb.consents.current().update(withdrawn_at=now)
    return ended


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
