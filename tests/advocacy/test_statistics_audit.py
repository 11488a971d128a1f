"""The auditor and secondary suppression, on tables built by hand and generated ones."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.statistics.audit import Auditor, Cell, Link, audit
from advocacy.statistics.suppression import is_primary, protect

T = 5


def breakdown(release: str, month: str, counts: dict) -> tuple[dict, list]:
    """A one-way table with its total, as the dashboard shows hours of arrival."""
    cells = {
        (release, "hour", label): Cell(frozenset({(month, "hour", label)}), n)
        for label, n in counts.items()
    }
    cells[(release, "total", "people")] = Cell(
        frozenset({(month, "total", "people")}), sum(counts.values())
    )
    link = Link(
        frozenset((month, "hour", label) for label in counts),
        frozenset({(month, "total", "people")}),
    )
    return cells, [link]


MARGIN_CASE = {**{h: 0 for h in range(24)}, 9: 20, 10: 15, 11: 7, 3: 1, 4: 1, 5: 1, 6: 1}


def test_an_audit_near_some_atoms_examines_every_hidden_cell_of_their_parts():
    """Near the total's atom only: the hidden hours share no atom with it, but its
    equation ties them to it, so they are examined as a full audit examines them. A
    far month's hidden hour (its own part) is not."""
    cells, links = breakdown("m", "jan", MARGIN_CASE)
    far, far_links = breakdown("f", "feb", {1: 1, 2: 1, 3: 20})
    hidden = {("m", "hour", h) for h in (3, 4, 5, 6)} | {("f", "hour", 1), ("f", "hour", 2)}
    every = {**cells, **far}
    whole = Auditor(every, hidden, T, links + far_links).run()
    near = Auditor(every, hidden, T, links + far_links).run(near={("jan", "total", "people")})
    assert set(whole.unsafe) == hidden  # every hidden hour is pinned below T
    assert set(near.unsafe) == {("m", "hour", h) for h in (3, 4, 5, 6)}
    assert near.unsafe == sorted(near.unsafe, key=repr)  # a stable order


def test_the_margin_attack_works_on_what_the_dashboard_hid():
    """The dashboard hid the four hours of one person each and showed the zeros and the
    total: total − visible = 4 over 4 hidden hours, each at least 1 since zeros show."""
    cells, links = breakdown("m", "jan", MARGIN_CASE)
    hidden_by_the_old_dashboard = {("m", "hour", h) for h in (3, 4, 5, 6)}
    result = audit(cells, hidden_by_the_old_dashboard, T, links)
    assert not result.safe
    assert {i.high for i in result.intervals.values()} == {4}
    # and, knowing that no zero is ever hidden, 4 cells ≥ 1 summing to 4 are 1 each:
    total_minus_visible = sum(c.value for k, c in cells.items() if k[1] == "total") - sum(
        c.value for k, c in cells.items() if k[1] == "hour" and k not in hidden_by_the_old_dashboard
    )
    assert total_minus_visible == len(hidden_by_the_old_dashboard)


def test_a_count_of_threshold_minus_one_is_hidden_and_the_threshold_is_shown():
    """Primary suppression's bounds: 1 to threshold − 1 hidden; 0 and threshold shown
    (cells that share no total, so no secondary suppression is needed)."""
    assert [n for n in range(T + 3) if is_primary(n, T)] == list(range(1, T))
    cells = {
        ("m", label, "all"): Cell(frozenset({("jan", label, "all")}), n)
        for label, n in {"below": T - 1, "at": T, "one": 1, "none": 0, "above": T + 1}.items()
    }
    hidden = protect(cells, threshold=T, new=cells)
    assert hidden == {("m", "below", "all"), ("m", "one", "all")}


def test_protect_hides_zeros_and_a_secondary_cell_in_the_margin_case():
    cells, links = breakdown("m", "jan", MARGIN_CASE)
    hidden = protect(cells, threshold=T, new=cells, links=links)
    assert {("m", "hour", h) for h in range(24) if MARGIN_CASE[h] == 0} <= hidden
    assert ("m", "hour", 11) in hidden  # the smallest visible hour, to widen the others
    assert ("m", "total", "people") not in hidden
    result = audit(cells, hidden, T, links)
    assert result.safe
    assert min(i.width for i in result.intervals.values()) >= T


def test_a_single_small_cell_is_never_recoverable_from_the_total():
    cells, links = breakdown("m", "jan", {0: 30, 1: 12, 2: 2})
    hidden = protect(cells, threshold=T, new=cells, links=links)
    assert ("m", "hour", 2) in hidden and len(hidden) >= 2
    assert audit(cells, hidden, T, links).safe


def test_a_quarter_hides_what_would_give_a_hidden_month_away():
    """January hid a cell of 2; February and March show theirs; a quarter showing the
    sum would give January's away (Q − Feb − Mar)."""
    months = {
        "jan": {"a": 2, "b": 30, "c": 9},
        "feb": {"a": 10, "b": 20, "c": 8},
        "mar": {"a": 12, "b": 25, "c": 7},
    }
    cells, links = {}, []
    for month, counts in months.items():
        these, those = breakdown(month, month, counts)
        cells.update(these)
        links += those
    hidden_before = protect(
        {k: v for k, v in cells.items() if k[0] == "jan"},
        threshold=T,
        new=[k for k in cells if k[0] == "jan"],
        links=links[:1],
    )
    assert ("jan", "hour", "a") in hidden_before
    quarter = {}
    for label in "abc":
        atoms = frozenset((m, "hour", label) for m in months)
        quarter[("q1", "hour", label)] = Cell(atoms, sum(months[m][label] for m in months))
    quarter[("q1", "total", "people")] = Cell(
        frozenset((m, "total", "people") for m in months),
        sum(sum(c.values()) for c in months.values()),
    )
    family = {**cells, **quarter}
    naive = audit(family, hidden_before, T, links)
    assert not naive.safe  # publishing the whole quarter would pin January down
    hidden = protect(family, threshold=T, new=quarter, hidden_before=hidden_before, links=links)
    assert ("q1", "hour", "a") in hidden
    assert audit(family, hidden, T, links).safe


counts = st.integers(min_value=0, max_value=12)


@settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(counts, min_size=2, max_size=12), st.integers(min_value=2, max_value=6))
def test_generated_breakdowns_are_safe_after_protect(values, threshold):
    cells, links = breakdown("m", "jan", dict(enumerate(values)))
    hidden = protect(cells, threshold=threshold, new=cells, links=links)
    result = audit(cells, hidden, threshold, links)
    assert result.safe, result.intervals
    for key, cell in cells.items():
        if 0 < cell.value < threshold:
            assert key in hidden


@settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(st.lists(counts, min_size=3, max_size=3), min_size=3, max_size=3),
    st.lists(st.lists(counts, min_size=3, max_size=3), min_size=3, max_size=3),
)
def test_generated_two_way_tables_over_a_quarter_are_safe(first, second):
    """Two months of a rows × columns table with both margins, then their sum (the
    quarter): every hidden cell of the family stays at least the threshold wide."""
    family = {}
    for month, grid in (("m1", first), ("m2", second)):
        for r, row in enumerate(grid):
            for c, n in enumerate(row):
                family[(month, "cell", (r, c))] = Cell(frozenset({(month, r, c)}), n)
            family[(month, "row", r)] = Cell(frozenset((month, r, c) for c in range(3)), sum(row))
        for c in range(3):
            family[(month, "col", c)] = Cell(
                frozenset((month, r, c) for r in range(3)), sum(row[c] for row in grid)
            )
        family[(month, "all", "")] = Cell(
            frozenset((month, r, c) for r in range(3) for c in range(3)),
            sum(map(sum, grid)),
        )
    hidden: set = set()
    for month in ("m1", "m2"):
        mine = {k: v for k, v in family.items() if k[0] == month}
        hidden |= protect({**family}, threshold=T, new=mine, hidden_before=hidden)
    quarter = {}
    for key, cell in list(family.items()):
        if key[0] == "m1":
            twin = family[("m2", *key[1:])]
            quarter[("q", *key[1:])] = Cell(
                frozenset({("m1", *a[1:]) for a in cell.atoms} | twin.atoms),
                cell.value + twin.value,
            )
    everything = {**family, **quarter}
    hidden = protect(everything, threshold=T, new=quarter, hidden_before=hidden)
    assert audit(everything, hidden, T).safe


@settings(
    max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(st.lists(counts, min_size=4, max_size=4), min_size=3, max_size=3),
    st.sets(st.integers(min_value=0, max_value=11), max_size=8),
)
def test_the_highs_model_gives_the_intervals_of_a_new_lp_per_cell(months, hidden_hours):
    """Three months of a breakdown with its total, and their quarter: the fast path
    (one HiGHS model per connected part, objective changed per cell) finds exactly the
    interval of every hidden cell that a fresh scipy LP per cell finds, unbounded ones
    included."""
    cells, links = {}, []
    for m, values in enumerate(months):
        these, those = breakdown(f"m{m}", f"m{m}", dict(enumerate(values)))
        cells.update(these)
        links += those
    for label in range(4):
        cells[("q", "hour", label)] = Cell(
            frozenset((f"m{m}", "hour", label) for m in range(3)),
            sum(values[label] for values in months),
        )
    keys = sorted((k for k in cells if k[1] == "hour"), key=repr)
    hidden = {keys[i] for i in hidden_hours if i < len(keys)}
    hidden |= {("m0", "total", "people")} if len(hidden) % 2 else set()
    fast = audit(cells, hidden, T, links, every=True)
    reference = audit(cells, hidden, T, links, every=True, solver="linprog")
    assert fast.intervals == reference.intervals
    assert fast.unsafe == reference.unsafe


@settings(
    max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(st.lists(counts, min_size=4, max_size=4), min_size=3, max_size=3),
    st.lists(st.sets(st.integers(min_value=0, max_value=16), max_size=5), min_size=1, max_size=3),
    st.sampled_from(["highs", "linprog"]),
)
def test_an_auditor_kept_between_rounds_finds_what_a_new_one_finds(months, rounds, solver):
    """Hiding cells round after round in one auditor (its parts and HiGHS models kept,
    the hidden cells' equations freed) gives every interval a new scipy LP per cell
    gives for the same hidden cells: the work kept between rounds changes no answer."""
    cells, links = {}, []
    for m, values in enumerate(months):
        these, those = breakdown(f"m{m}", f"m{m}", dict(enumerate(values)))
        cells.update(these)
        links += those
    for label in range(4):
        cells[("q", "hour", label)] = Cell(
            frozenset((f"m{m}", "hour", label) for m in range(3)),
            sum(values[label] for values in months),
        )
    keys = sorted(cells, key=repr)
    hidden = {("m0", "hour", 0)}
    auditor = Auditor(cells, hidden, T, links, solver=solver)
    auditor.run(every=True)
    for chosen in rounds:
        hidden |= {keys[i] for i in chosen}
        auditor.hide(hidden)
        kept = auditor.run(every=True)
        fresh = audit(cells, hidden, T, links, every=True, solver="linprog")
        assert kept.intervals == fresh.intervals
        assert kept.unsafe == fresh.unsafe
