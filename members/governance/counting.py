"""Counting a ballot: every method returns the same shape, with every round shown.

    {"method": str, "seats": int, "votes": int, "papers": int, "quota": float | None,
     "rounds": [{"counts": {option_id: votes}, "elected": [ids], "excluded": [ids]}],
     "ranking": [option ids, best first], "winners": [option ids]}

Option ids are strings (JSON keys). Instant-runoff voting is counted by pyrankvote. The
single transferable vote is counted by `stv.count_stv` with the Droop quota
floor(votes / (seats + 1)) + 1: pyrankvote's STV elects at votes / (seats + 1) reached
(the Hagenbach-Bischoff quota), which can elect more candidates than seats (see the
`stv` module). Plurality, approval and the Borda count are simple tallies. Paper
batches (hand-counted totals per option, confirmed by a second officer) are added to
single-mark and approval tallies; ranked ballots are not offered on paper.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence

import pyrankvote
from pyrankvote import helpers

from .models import Ballot, BallotMethod
from .models.draws import last_place_tie
from .stv import count_stv

_COUNTING = threading.Lock()  # pyrankvote's `random` is replaced while a count runs


def withdrawn_options(ballot: Ballot) -> list[str]:
    """The option ids of candidates withdrawn from `ballot`'s election (an erasure
    withdraws a candidacy in an election not yet certified), in the ballot's order."""
    withdrawn = ballot.options.filter(candidate__withdrawn_at__isnull=False)
    return [str(pk) for pk in withdrawn.values_list("pk", flat=True)]


def count_ballot(ballot: Ballot) -> dict:
    """Count `ballot`'s stored votes and confirmed paper batches (the module's shape).

    A withdrawn candidate is excluded from the start, as if she had not stood (the
    usual rule for a candidate who withdraws after the ballot papers are printed):
    her option is not counted, each vote passes over her to its next preference, and
    a paper batch's marks for her count for nobody. Her option ids are listed under
    "withdrawn"."""
    withdrawn = withdrawn_options(ballot)
    options = [
        str(pk) for pk in ballot.options.values_list("pk", flat=True) if str(pk) not in withdrawn
    ]
    votes = [
        [str(choice) for choice in vote if str(choice) not in withdrawn]
        for vote in ballot.votes.values_list("choices", flat=True)
    ]
    batches = list(ballot.paper_batches.filter(confirmed_at__isnull=False))
    paper_totals: Counter = Counter()
    for batch in batches:
        paper_totals.update(
            {str(k): int(v) for k, v in batch.totals.items() if str(k) not in withdrawn}
        )
    result = count(ballot.method, options, votes, seats=ballot.seats, paper=paper_totals)
    result["papers"] = sum(batch.papers for batch in batches)
    result["withdrawn"] = withdrawn
    return result


def count(
    method: str,
    options: Sequence[str],
    votes: Iterable[Sequence[str]],
    *,
    seats: int = 1,
    paper: Counter | None = None,
) -> dict:
    """Count `votes` (each a list of option ids, preferred first) for `options`."""
    votes = [list(vote) for vote in votes]
    if method in (BallotMethod.PLURALITY, BallotMethod.APPROVAL):
        tally = Counter({option: 0 for option in options})
        for vote in votes:
            tally.update(vote)
        tally.update(paper or {})
        return _tally_result(method, options, tally, seats, votes)
    if method == BallotMethod.BORDA:
        return _borda(options, votes, seats)
    if method == BallotMethod.STV:
        return {"method": method, "seats": seats, **count_stv(list(options), votes, seats)}
    if method == BallotMethod.IRV:
        return _pyrankvote(method, options, votes, seats)
    raise ValueError(f"Unknown counting method: {method}")


def _ordered(options: Sequence[str], tally: Counter) -> list[str]:
    # Highest first; ties keep the ballot's order of options.
    return sorted(options, key=lambda option: (-tally[option], options.index(option)))


def _tally_result(method, options, tally, seats, votes) -> dict:
    ranking = _ordered(options, tally)
    result = {
        "method": method,
        "seats": seats,
        "votes": len(votes),
        "quota": None,
        "rounds": [{"counts": {o: tally[o] for o in ranking}, "elected": [], "excluded": []}],
        "ranking": ranking,
    }
    # Equal counts across the last winning place: the count does not choose between
    # them (a draw by lot does, `TieDraw`); only the options above the tie win here.
    tie = last_place_tie({**result, "winners": []}, method)
    winners = tie["above"] if tie else ranking[:seats]
    result["rounds"][0]["elected"] = winners
    return {**result, "winners": winners}


def _borda(options, votes, seats) -> dict:
    """Borda count: with n options, a voter's 1st choice scores n−1, the 2nd n−2, and so
    on; options left unranked score 0 (de Borda, 1781; the "truncated" rule)."""
    n = len(options)
    tally = Counter({option: 0 for option in options})
    for vote in votes:
        for place, option in enumerate(vote):
            tally[option] += n - 1 - place
    return _tally_result(BallotMethod.BORDA, options, tally, seats, votes)


def _pyrankvote(method, options, votes, seats) -> dict:
    candidates = {option: pyrankvote.Candidate(option) for option in options}
    ballots = [pyrankvote.Ballot(ranked_candidates=[candidates[o] for o in vote]) for vote in votes]
    seats = 1
    chooser = _FixedChoice()
    with _COUNTING:
        # pyrankvote breaks a tie that no later preference breaks with `random`: while
        # counting, its choice is fixed (the first offered), so that every count of the
        # same votes gives the same result, and the result says when it was used.
        helpers.random, drawn = chooser, helpers.random
        try:
            results = pyrankvote.instant_runoff_voting(list(candidates.values()), ballots)
        finally:
            helpers.random = drawn
    rounds, elected_order, excluded_order = [], [], []
    for round_result in results.rounds:
        counts, elected, excluded = {}, [], []
        for candidate_result in round_result.candidate_results:
            name = candidate_result.candidate.name
            counts[name] = round(float(candidate_result.number_of_votes), 4)
            status = str(candidate_result.status)
            if status == "Elected" and name not in elected_order:
                elected.append(name)
                elected_order.append(name)
            elif status == "Rejected" and name not in excluded_order:
                excluded.append(name)
                excluded_order.append(name)
        rounds.append({"counts": counts, "elected": elected, "excluded": excluded})
    winners = [c.name for c in results.get_winners()]
    rest = [o for o in options if o not in elected_order and o not in excluded_order]
    ranking = elected_order + rest + list(reversed(excluded_order))
    return {
        "method": method,
        "seats": seats,
        "votes": len(votes),
        "quota": None,
        "rounds": rounds,
        "ranking": ranking,
        "winners": winners,
        "settled_by_order": chooser.used,
    }


class _FixedChoice:
    """Stands in for `random` inside pyrankvote: always the first offered."""

    def __init__(self) -> None:
        self.used = False

    def choice(self, offered):
        self.used = True
        return offered[0]
