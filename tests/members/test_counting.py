"""Counting methods, checked round by round against published worked examples."""

from collections import Counter

from members.governance.counting import count


def _ballots(groups):
    return [list(prefs) for n, prefs in groups for _ in range(n)]


def test_instant_runoff_tennessee_capital_example():
    """Wikipedia, "Instant-runoff voting", the Tennessee capital example: 100 voters
    (42 Memphis, 26 Nashville, 15 Chattanooga, 17 Knoxville). Round 1 eliminates
    Chattanooga, whose votes go to Knoxville (42/26/32); round 2 eliminates Nashville,
    whose votes go to Knoxville; Knoxville wins 58 to 42."""
    m, n, c, k = "M", "N", "C", "K"
    votes = _ballots(
        [(42, [m, n, c, k]), (26, [n, c, k, m]), (15, [c, k, n, m]), (17, [k, c, n, m])]
    )
    result = count("irv", [m, n, c, k], votes)
    rounds = result["rounds"]
    assert [r["counts"] for r in rounds] == [
        {m: 42, n: 26, k: 17, c: 15},
        {m: 42, k: 32, n: 26, c: 0},
        {k: 58, m: 42, n: 0, c: 0},
    ]
    assert [r["excluded"] for r in rounds] == [[c], [n], [m]]
    assert result["winners"] == [k]
    assert result["ranking"] == [k, m, n, c]


def test_single_transferable_vote_food_example():
    """Wikipedia, "Single transferable vote", the food example: 20 voters, 3 seats
    (4 Oranges; 2 Pears > Oranges; 8 Chocolate > Strawberries; 4 Chocolate > Hamburgers;
    1 Strawberries; 1 Hamburgers). Published winners: Chocolate, Oranges, Strawberries.

    pyrankvote elects at the exact quota 20/4 = 5 (reached), so Chocolate's surplus is
    7 (not 6 as with the whole-number Droop quota 6), transferred at 7/12 a paper:
    Strawberries 1 + 8×7/12 = 5.6667 (elected), Hamburgers 1 + 4×7/12 = 3.3333; then
    Pears is excluded and Oranges reaches 6."""
    o, p, c, s, h = "O", "P", "C", "S", "H"
    votes = _ballots([(4, [o]), (2, [p, o]), (8, [c, s]), (4, [c, h]), (1, [s]), (1, [h])])
    result = count("stv", [o, p, c, s, h], votes, seats=3)
    rounds = result["rounds"]
    assert result["quota"] == 5
    assert rounds[0]["counts"] == {c: 12, o: 4, p: 2, s: 1, h: 1}
    assert rounds[0]["elected"] == [c]
    assert rounds[1]["counts"] == {c: 5, s: 5.6667, o: 4, h: 3.3333, p: 2}
    assert rounds[1]["elected"] == [s]
    assert rounds[2]["excluded"] == [p]
    assert rounds[-1]["counts"][o] == 6 and rounds[-1]["elected"] == [o]
    assert sorted(result["winners"]) == sorted([c, o, s])
    assert len(result["rounds"]) == 4


def test_borda_count():
    """3 options: a first choice scores 2, a second 1, a third 0."""
    votes = _ballots([(3, ["A", "B", "C"]), (2, ["B", "C", "A"]), (1, ["C", "B"])])
    result = count("borda", ["A", "B", "C"], votes)
    assert result["rounds"][0]["counts"] == {"B": 3 + 4 + 1, "A": 6, "C": 2 + 2}
    assert result["ranking"] == ["B", "A", "C"]


def test_approval_adds_confirmed_paper_totals():
    votes = [["A", "B"], ["B"], ["C"]]
    result = count("approval", ["A", "B", "C"], votes, seats=2, paper=Counter({"C": 3}))
    assert result["rounds"][0]["counts"] == {"C": 4, "B": 2, "A": 1}
    assert result["winners"] == ["C", "B"]
