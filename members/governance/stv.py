"""The single transferable vote with the Droop quota, counted round by round.

Why not pyrankvote (2.0.6) for this: its `single_transferable_vote` elects at
votes / (seats + 1) reached (the Hagenbach-Bischoff quota), which lets more candidates
reach the quota than there are seats (9 votes, 2 seats, three candidates on 3 each:
all three "elected"), and it excludes several candidates in one round. The issue and
DESIGN ask for the Droop quota, floor(votes / (seats + 1)) + 1, which at most `seats`
candidates can reach. The count below is the textbook one:

- the quota is floor(valid papers / (seats + 1)) + 1; a paper with no preference is
  not valid;
- a round counts each continuing candidate's papers at their current value (exact
  fractions); every candidate at or above the quota is elected;
- between rounds, the largest untransferred surplus is transferred: all the elected
  candidate's papers pass to their next continuing preference at
  value × surplus / total (Gregory's inclusive method); with no surplus to transfer,
  the candidate with the fewest votes is excluded and all their papers pass on at
  their value (ties: fewer votes in the latest earlier round where they differ, then
  the later option on the ballot);
- when the continuing candidates are no more than the seats left, they are elected.

Checked against Wikipedia, "Single transferable vote", the worked food example
(20 voters, 3 seats, Droop quota 6: Chocolate, then Oranges, then Strawberries), in
tests/members/test_counting.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def droop_quota(valid_papers: int, seats: int) -> int:
    return valid_papers // (seats + 1) + 1


class _Paper:
    __slots__ = ("preferences", "value", "holder")

    def __init__(self, preferences: Sequence[str]) -> None:
        self.preferences = list(preferences)
        self.value = Fraction(1)
        self.holder: str | None = None

    def pass_on(self, continuing: set[str]) -> None:
        """To the next preference still in the count, or exhausted (holder None)."""
        self.holder = next((c for c in self.preferences if c in continuing), None)


def count_stv(options: Sequence[str], votes: Sequence[Sequence[str]], seats: int) -> dict:
    papers = [_Paper(vote) for vote in votes if vote]
    quota = droop_quota(len(papers), seats)
    continuing = set(options)
    elected: list[str] = []
    excluded: list[str] = []
    surpluses: list[str] = []  # elected, surplus not yet transferred
    retained: dict[str, Fraction] = {}
    history: list[dict[str, Fraction]] = []
    rounds = []
    settled_by_order: list[str] = []  # excluded by the ballot's order, level otherwise
    for paper in papers:
        paper.pass_on(continuing)

    while continuing and len(elected) < seats:
        totals = {c: Fraction(0) for c in continuing}
        for paper in papers:
            if paper.holder in totals:
                totals[paper.holder] += paper.value
        history.append(totals)
        round_elected = sorted(
            (c for c in continuing if totals[c] >= quota),
            key=lambda c: (-totals[c], options.index(c)),
        )[: seats - len(elected)]
        round_excluded: list[str] = []
        if not round_elected and len(continuing) <= seats - len(elected):
            round_elected = sorted(continuing, key=lambda c: (-totals[c], options.index(c)))
        for candidate in round_elected:
            continuing.discard(candidate)
            elected.append(candidate)
            retained[candidate] = totals[candidate]
            surpluses.append(candidate)
        counts = {**retained, **totals}
        transferred = not round_elected and _transfer_surplus(
            papers, surpluses, retained, quota, continuing
        )
        if not round_elected and not transferred:
            loser = _lowest(continuing, history, options, settled_by_order)
            continuing.discard(loser)
            excluded.append(loser)
            round_excluded.append(loser)
            for paper in papers:
                if paper.holder == loser:
                    paper.pass_on(continuing)
        rounds.append(
            {
                "counts": {c: _shown(counts.get(c, 0)) for c in options},
                "elected": round_elected,
                "excluded": round_excluded,
            }
        )
        if round_elected and len(elected) < seats and continuing:
            # Elected this round: their surplus passes on before the next round's count.
            _transfer_surplus(papers, surpluses, retained, quota, continuing)
    rest = sorted(continuing, key=lambda c: options.index(c))
    return {
        "quota": quota,
        "rounds": rounds,
        "winners": elected,
        "ranking": elected + rest + list(reversed(excluded)),
        "votes": len(papers),
        "settled_by_order": bool(settled_by_order),
    }


def _transfer_surplus(papers, surpluses, retained, quota, continuing) -> bool:
    """Transfer the largest pending surplus; False if none is left to transfer."""
    while surpluses:
        surpluses.sort(key=lambda c: -retained[c])
        candidate = surpluses.pop(0)
        total = retained[candidate]
        surplus = total - quota
        if surplus <= 0:
            continue
        for paper in papers:
            if paper.holder == candidate:
                paper.value = paper.value * surplus / total
                paper.pass_on(continuing)
        retained[candidate] = Fraction(quota)
        return True
    return False


def _lowest(
    continuing: set[str], history: list[dict], options: Sequence[str], settled_by_order: list
) -> str:
    """The candidate to exclude: fewest votes now; a tie is broken by the latest earlier
    round in which the tied candidates differ, then by the later option on the ballot
    (noted in `settled_by_order`, which the result reports)."""
    current = history[-1]
    fewest = min(current[c] for c in continuing)
    tied = [c for c in continuing if current[c] == fewest]
    for earlier in reversed(history[:-1]):
        if len(tied) == 1:
            break
        known = [c for c in tied if c in earlier]
        if len(known) == len(tied):
            least = min(earlier[c] for c in tied)
            tied = [c for c in tied if earlier[c] == least]
    loser = max(tied, key=options.index)
    if len(tied) > 1:
        settled_by_order.append(loser)
    return loser


def _shown(value) -> float | int:
    value = round(float(value), 4)
    return int(value) if value == int(value) else value
