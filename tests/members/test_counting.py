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
    """Wikipedia, "Single transferable vote", the worked food example: 20 voters, 3 seats,
    Droop quota floor(20/4)+1 = 6 (4 Oranges; 2 Pears > Oranges; 8 Chocolate >
    Strawberries; 4 Chocolate > Hamburgers; 1 Strawberries; 1 Hamburgers).

    Published count: Chocolate 12 is elected; its surplus of 6 passes on at 6/12 a
    paper (Strawberries 1 + 4 = 5, Hamburgers 1 + 2 = 3); nobody reaches 6, so Pears
    (2) is excluded and its votes go to Oranges, who reaches 6 and is elected;
    Hamburgers is excluded and Strawberries takes the last seat with 5."""
    o, p, c, s, h = "O", "P", "C", "S", "H"
    votes = _ballots([(4, [o]), (2, [p, o]), (8, [c, s]), (4, [c, h]), (1, [s]), (1, [h])])
    result = count("stv", [o, p, c, s, h], votes, seats=3)
    rounds = result["rounds"]
    assert result["quota"] == 6
    assert [r["counts"] for r in rounds] == [
        {o: 4, p: 2, c: 12, s: 1, h: 1},
        {o: 4, p: 2, c: 6, s: 5, h: 3},
        {o: 6, p: 0, c: 6, s: 5, h: 3},
        {o: 6, p: 0, c: 6, s: 5, h: 3},
        {o: 6, p: 0, c: 6, s: 5, h: 0},
    ]
    assert [r["elected"] for r in rounds] == [[c], [], [o], [], [s]]
    assert [r["excluded"] for r in rounds] == [[], [p], [], [h], []]
    assert result["winners"] == [c, o, s]
    assert result["ranking"] == [c, o, s, h, p]


def test_droop_never_elects_more_than_the_seats():
    """9 votes, 2 seats, three candidates on 3 each: at votes/(seats+1) = 3 reached all
    three would be elected (pyrankvote does so); the Droop quota is 4, so the tie is
    broken by exclusion (the later option on the ballot), and its votes elect another."""
    votes = _ballots([(3, ["A", "C"]), (3, ["B", "C"]), (3, ["C", "A"])])
    result = count("stv", ["A", "B", "C"], votes, seats=2)
    assert result["quota"] == 4
    assert result["rounds"][0]["elected"] == [] and result["rounds"][0]["excluded"] == ["C"]
    assert result["rounds"][1]["counts"] == {"A": 6, "B": 3, "C": 0}
    assert result["winners"] == ["A", "B"]


def test_stv_surplus_is_transferred_fractionally_and_exhausted_papers_drop_out():
    """Gregory transfer: A's surplus of 4 on 10 papers passes on at 2/5 a paper."""
    votes = _ballots([(10, ["A", "B"]), (3, ["C"]), (2, ["D"]), (1, ["B"])])
    result = count("stv", ["A", "B", "C", "D"], votes, seats=2)
    assert result["quota"] == 6  # 16 // 3 + 1
    assert result["rounds"][1]["counts"] == {"A": 6, "B": 5, "C": 3, "D": 2}
    # D's papers have no next preference (exhausted), then C is excluded: B, the only
    # continuing candidate for the last seat, is elected on 5.
    assert [r["excluded"] for r in result["rounds"]] == [[], ["D"], ["C"], []]
    assert result["rounds"][2]["counts"] == {"A": 6, "B": 5, "C": 3, "D": 0}
    assert result["winners"] == ["A", "B"]


def test_single_seat_stv_agrees_with_instant_runoff():
    m, n, c, k = "M", "N", "C", "K"
    votes = _ballots(
        [(42, [m, n, c, k]), (26, [n, c, k, m]), (15, [c, k, n, m]), (17, [k, c, n, m])]
    )
    assert count("stv", [m, n, c, k], votes, seats=1)["winners"] == [k]


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
