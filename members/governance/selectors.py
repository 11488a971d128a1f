"""Reads of self-governance, shared with other apps (services, reports, feedback).

Results are read only from closed ballots: nothing here reveals a count before the
close, and nothing reads a Vote next to a Participation.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from centres import local_time
from centres.models import Centre
from members.models import Member

from .models import (
    Ballot,
    BallotKind,
    BallotMethod,
    BallotOption,
    Decision,
    Electorate,
    PriorityResponse,
    SeatTerm,
)
from .models.draws import ballot_winners, draw_of, tie_of


@dataclass(frozen=True)
class ResultRow:
    """One option of a counted ballot, in the count's order.

    `first_preferences`: its count in the first round (first preferences for a ranked
    count; the single tally otherwise). `at_decision`: its count in the round
    `decided_round` (1-based) in which it was elected or excluded (`decision`
    "elected" / "excluded"), or in the last round for an option neither
    ("not_elected": the seats were filled while it was still in the count). `votes`:
    the count a tally shows, which is `at_decision`; a round-by-round count's last
    round alone would read 0 for an option excluded earlier, and the quota for a
    winner whose surplus was transferred."""

    option: BallotOption
    place: int
    votes: float
    elected: bool
    response: PriorityResponse | None
    tied: bool = False  # another option has the same place
    won_by_lot: bool = False  # won a draw by lot across a tie at the last winning place
    first_preferences: float = 0
    at_decision: float = 0
    decided_round: int = 1
    decision: str = "not_elected"  # "elected", "excluded" or "not_elected"


# Methods whose ranking is a single tally: options with equal counts share a place.
# (Instant-runoff and the single transferable vote rank by the rounds: who was elected
# or excluded first.)
TALLY_METHODS = frozenset({BallotMethod.PLURALITY, BallotMethod.APPROVAL, BallotMethod.BORDA})


def counted_in_rounds(ballot: Ballot) -> bool:
    """Whether the result is counted round by round (instant-runoff, single
    transferable vote): its rows then show first preferences and the value at
    election or exclusion, not one count."""
    return ballot.method not in TALLY_METHODS


def shared_places(counts: list[float]) -> list[tuple[int, bool]]:
    """(place, tied) for each count of a tally listed most first: equal counts share
    the place of the first of them, and the next count takes its own place after
    them (1, 1, 3: "standard competition" ranking)."""
    return [
        (1 + sum(1 for other in counts if other > votes), counts.count(votes) > 1)
        for votes in counts
    ]


def _decided(rounds: list[dict], key: str, winners: set[str]) -> tuple[float, int, str]:
    """(count, round number from 1, decision) of `key` in the round it was elected or
    excluded, else in the last round ("not_elected"; "elected" for a tally's winner,
    whose only round is its count, or one that won a draw by lot)."""
    for number, round_ in enumerate(rounds, start=1):
        if key in round_["elected"] or key in round_["excluded"]:
            decision = "elected" if key in round_["elected"] else "excluded"
            return round_["counts"].get(key, 0), number, decision
    decision = "elected" if key in winners else "not_elected"
    return (rounds[-1]["counts"].get(key, 0) if rounds else 0), max(len(rounds), 1), decision


def ballot_results(ballot: Ballot) -> list[ResultRow]:
    """The ranked options of a closed ballot, with their counts (`ResultRow`) and the
    manager's response; [] while the ballot is not closed. Options with equal counts
    in a tally share a place and are marked `tied`: the stored ranking's order between
    them is only the ballot's order of options, not the members' choice."""
    if not ballot.is_closed or not ballot.result:
        return []
    options = {
        str(option.pk): option for option in ballot.options.select_related("response", "candidate")
    }
    rounds = ballot.result["rounds"]
    first = rounds[0]["counts"] if rounds else {}
    winners = set(ballot_winners(ballot))
    draw = draw_of(ballot) if tie_of(ballot) else None
    by_lot = set(draw.winners) if draw else set()
    keys = [key for key in ballot.result["ranking"] if key in options]
    decided = [_decided(rounds, key, winners) for key in keys]
    if ballot.method in TALLY_METHODS:
        places = shared_places([float(votes) for votes, _round, _decision in decided])
    else:
        places = [(place, False) for place in range(1, len(keys) + 1)]
    return [
        ResultRow(
            option=options[key],
            place=place,
            votes=votes,
            elected=key in winners,
            response=getattr(options[key], "response", None),
            tied=tied,
            won_by_lot=key in by_lot,
            first_preferences=first.get(key, 0),
            at_decision=votes,
            decided_round=number,
            # A tally's tied options are not decided until the draw by lot.
            decision="elected" if key in winners else decision,
        )
        for key, (votes, number, decision), (place, tied) in zip(keys, decided, places, strict=True)
    ]


def settled_by_rule(ballot: Ballot) -> bool:
    """Whether the count settled options level after every preference by its fixed rule
    (not by chance): said wherever the result is listed, with `ballot_results`."""
    return bool(ballot.is_closed and ballot.result and ballot.result.get("settled_by_order"))


def counting_rounds(ballot: Ballot) -> list[dict]:
    """Each round of a closed ballot: [{"number", "rows": [(label, votes, state)]}]."""
    if not ballot.is_closed or not ballot.result:
        return []
    labels = {
        str(option.pk): option.shown_label
        for option in ballot.options.only("pk", "label", "candidate")
    }
    rounds = []
    for number, round_ in enumerate(ballot.result["rounds"], start=1):
        rows = []
        for key, votes in round_["counts"].items():
            state = (
                "elected"
                if key in round_["elected"]
                else "excluded"
                if key in round_["excluded"]
                else ""
            )
            rows.append((labels.get(key, key), votes, state))
        # Most votes first. The stored counts come back from PostgreSQL's jsonb in
        # its own key order, so the order is set here, not taken from storage.
        rows.sort(key=lambda row: (-float(row[1]), str(row[0])))
        rounds.append({"number": number, "rows": rows})
    return rounds


def latest_priorities(centre: Centre) -> Ballot | None:
    """The most recently closed priority ballot of the centre: the binding input to planning."""
    return (
        Ballot.objects.for_centre(centre)
        .closed()
        .filter(kind=BallotKind.PRIORITY)
        .order_by("-counted_at")
        .first()
    )


def priority_responses(centre: Centre):
    """ "You said, we did": the manager's responses to the members' priorities, newest first."""
    return (
        PriorityResponse.objects.filter(
            option__ballot__committee__centre=centre, option__ballot__status="closed"
        )
        .select_related("option__ballot")
        .order_by("-responded_at")
    )


def closed_ballots(centre: Centre):
    return Ballot.objects.for_centre(centre).closed().select_related("committee")


def published_decisions(centre: Centre):
    return (
        Decision.objects.for_centre(centre)
        .published()
        .select_related("meeting__committee")
        .order_by("-meeting__held_on", "pk")
    )


def ballots_for_voter(centre: Centre, member: Member | None):
    """Open ballots of the centre, each marked with whether `member` may vote and has voted."""
    ballots = list(Ballot.objects.for_centre(centre).open_now().select_related("committee"))
    if member is None:
        for ballot in ballots:
            ballot.on_roll = ballot.has_voted = False
        return ballots
    on_roll = set(
        member_ballot_ids := Ballot.objects.filter(
            pk__in=[b.pk for b in ballots], roll__member=member
        ).values_list("pk", flat=True)
    )
    voted = set(
        Ballot.objects.filter(
            pk__in=list(member_ballot_ids), participations__member=member
        ).values_list("pk", flat=True)
    )
    for ballot in ballots:
        ballot.on_roll = ballot.pk in on_roll
        ballot.has_voted = ballot.pk in voted
    return ballots


def seats_with_holders(committee) -> list[tuple]:
    """[(seat, current term or None)] in the committee's order."""
    from .models import SeatTerm

    current = {
        term.seat_id: term
        for term in SeatTerm.objects.current(on=local_time.today(committee.centre))
        .filter(seat__committee=committee)
        .with_ballot_names()
    }
    return [(seat, current.get(seat.pk)) for seat in committee.seats.all()]


def past_terms(committee):

    from .models import SeatTerm

    return (
        SeatTerm.objects.filter(
            seat__committee=committee, ends_on__lte=local_time.today(committee.centre)
        )
        .select_related("seat")
        .with_ballot_names()
        .order_by("-ends_on")
    )


def candidates_of(election):
    """The election's public candidates, those who accepted to stand (a nomination of
    someone else is private to her and the returning officer until she accepts), each
    with `has_picture`, without loading the pictures."""
    from django.db.models import BooleanField, Case, Value, When

    from .models import Candidate

    return (
        Candidate.objects.filter(election=election, accepted_at__isnull=False)
        .defer("picture")
        .annotate(
            has_picture=Case(
                When(picture__isnull=False, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def waiting_nominations(election):
    """Nominations of someone else not yet accepted, with the nominee (for the
    returning officer, who may record an acceptance given in person)."""
    from .models import Candidate

    return (
        Candidate.objects.filter(
            election=election, accepted_at__isnull=True, withdrawn_at__isnull=True
        )
        .defer("picture")
        .select_related("member")
        .order_by("member__code")
    )


def ballot_candidates(ballot: Ballot):
    """Standing candidates on an election's ballot (for the vote pages), else []."""
    if ballot.kind != BallotKind.ELECTION:
        return []
    election = ballot.election
    return candidates_of(election).filter(option__ballot=ballot)


def eligible_members(ballot: Ballot):
    """The roll rule: members of the centre registered before the roll date and not
    erased; optionally with a visit in the last N months; for a committee ballot,
    the members holding a seat of the committee on the roll date."""
    centre = ballot.committee.centre
    members = Member.objects.for_centre(centre).active().filter(registered_at__lt=ballot.roll_date)
    if ballot.visit_within_months:
        since = ballot.roll_date - relativedelta(months=ballot.visit_within_months)
        members = members.filter(
            visits__arrived_at__gte=since, visits__arrived_at__lt=ballot.roll_date
        )
    if ballot.electorate == Electorate.COMMITTEE:
        seated = SeatTerm.objects.current(
            on=local_time.today(ballot.committee.centre, ballot.roll_date)
        ).filter(seat__committee=ballot.committee)
        members = members.filter(pk__in=seated.values("member"))
    return members.distinct()
