"""What earlier releases pin stays pinned while a new release is protected: the
auditor holds those atoms at their values and leaves out the equations they settle
(`Auditor(lasting=...)`, `pinning.pinned`), and a failing bound that rests only on
earlier releases' equations ends the protection at once (nothing the new release
hides could loosen it). Same intervals, same verdicts, far fewer rows and rounds."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.statistics.audit import Auditor, Cell, Link, audit
from advocacy.statistics.pinning import pinned
from advocacy.statistics.suppression import protect
from tests.advocacy.test_statistics_audit import breakdown

T = 5
counts = st.integers(min_value=0, max_value=12)
examples = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def quarter(months: list[list[int]]) -> tuple[dict, list]:
    """Breakdowns of hours with their totals for each month, and the quarter's hours."""
    cells, links = {}, []
    for m, values in enumerate(months):
        these, those = breakdown(f"m{m}", f"m{m}", dict(enumerate(values)))
        cells.update(these)
        links += those
    for label in range(len(months[0])):
        cells[("q", "hour", label)] = Cell(
            frozenset((f"m{m}", "hour", label) for m in range(len(months))),
            sum(values[label] for values in months),
        )
    return cells, links


def test_one_atom_left_or_a_zero_sum_pins_and_what_is_pinned_carries_on():
    """a = 3 pins a; a + b = 5 then pins b = 2; c + d = 0 pins both at zero;
    e + f = 4 with neither pinned pins nothing."""
    rows = [
        (frozenset({"a", "b"}), frozenset(), 5),
        (frozenset({"a"}), frozenset(), 3),
        (frozenset({"c", "d"}), frozenset(), 0),
        (frozenset({"e", "f"}), frozenset(), 4),
        (frozenset({"g"}), frozenset({"b"}), 1),  # g − b = 1: g = 3 once b is
    ]
    assert pinned(rows) == {"a": 3, "b": 2, "c": 0, "d": 0, "g": 3}


@pytest.mark.parametrize(
    "rows",
    [
        [(frozenset({"a"}), frozenset(), 3), (frozenset({"a"}), frozenset(), 4)],
        [(frozenset({"a"}), frozenset(), 3), (frozenset({"a", "b"}), frozenset(), 2)],
    ],
)
def test_figures_that_contradict_one_another_are_refused(rows):
    with pytest.raises(ValueError):
        pinned(rows)


def test_the_model_leaves_out_the_rows_earlier_releases_settle():
    """Three months whose hours and totals are all published, and a quarter with a
    hidden small hour: every month's atom is pinned, so the HiGHS model of the part
    holds no row at all, and the quarter's hour is found pinned (unsafe) as before."""
    cells, links = quarter([[3, 4, 9], [1, 7, 8], [0, 6, 5]])
    hidden = {("q", "hour", 0)}
    lasting = {key for key in cells if key[0] != "q"}
    auditor = Auditor(cells, hidden, T, links, lasting=lasting)
    result = auditor.run(verdict_only=True)
    assert result.unsafe == [("q", "hour", 0)]
    (model,) = auditor.models.values()
    assert model.matrix.shape[0] == 0
    assert result.unsafe == audit(cells, hidden, T, links).unsafe


@examples
@given(
    st.lists(st.lists(counts, min_size=4, max_size=4), min_size=3, max_size=3),
    st.sets(st.integers(min_value=0, max_value=16), max_size=6),
    st.sets(st.integers(min_value=0, max_value=16), max_size=6),
)
def test_pinning_what_stays_published_changes_no_interval(months, hidden_at, later_at):
    """Any cells hidden, the others lasting but for some the rounds hide later: every
    interval, before and after those are hidden, is the one a new scipy LP per cell
    finds without pinning anything."""
    cells, links = quarter(months)
    keys = sorted(cells, key=repr)
    hidden = {keys[i] for i in hidden_at}
    later = {keys[i] for i in later_at} - hidden
    auditor = Auditor(cells, hidden, T, links, lasting=set(cells) - hidden - later)
    for hide in (set(), later):
        hidden |= hide
        auditor.hide(hidden)
        kept = auditor.run(every=True)
        fresh = audit(cells, hidden, T, links, every=True, solver="linprog")
        assert kept.intervals == fresh.intervals
        assert kept.unsafe == fresh.unsafe
        assert auditor.run(verdict_only=True).unsafe == fresh.unsafe


@examples
@given(
    st.lists(st.lists(counts, min_size=4, max_size=4), min_size=3, max_size=3),
)
def test_a_quarter_protected_against_its_months_is_safe_with_pinning(months):
    """The months protected and published, then the quarter protected against them
    (what the months pin held fixed): every hidden small cell of the family is safe
    by the full audit."""
    cells, links = quarter(months)
    old = {key: cell for key, cell in cells.items() if key[0] != "q"}
    hidden_before = protect(old, threshold=T, new=set(old), links=links)
    assert audit(old, hidden_before, T, links).safe
    new = {key for key in cells if key[0] == "q"}
    hidden = protect(cells, threshold=T, new=new, hidden_before=hidden_before, links=links)
    assert audit(cells, hidden, T, links).safe


@examples
@given(st.lists(st.lists(counts, min_size=4, max_size=4), min_size=1, max_size=3))
def test_months_protected_one_after_another_are_safe_with_pinning(months):
    """Each month protected against the months before it (whose cells then stay
    published and are pinned): the family is safe by the full audit."""
    cells, links, hidden = {}, [], set()
    for m, values in enumerate(months):
        these, those = breakdown(f"m{m}", f"m{m}", dict(enumerate(values)))
        cells.update(these)
        links += those
        hidden = protect(cells, threshold=T, new=set(these), hidden_before=hidden, links=links)
    assert audit(cells, hidden, T, links).safe


def test_a_bound_earlier_releases_prove_ends_the_protection_at_once(monkeypatch):
    """A month whose small hour its published total and hours already pin (hidden
    alone, an earlier fault), and a new quarter of many cells beside it: no cell of
    the quarter can widen that hour, so the quarter is hidden whole after one round,
    not after trying its cells one by one."""
    cells, links = quarter([[2, 9, 9, 9, 9, 9, 9, 9], [6, 9, 9, 9, 9, 9, 9, 9]])
    hidden_before = {("m0", "hour", 0)}
    new = {key for key in cells if key[0] == "q"}
    rounds = []
    run = Auditor.run

    def counted(self, **kwargs):
        rounds.append(kwargs)
        return run(self, **kwargs)

    monkeypatch.setattr(Auditor, "run", counted)
    hidden = protect(cells, threshold=T, new=new, hidden_before=hidden_before, links=links)
    assert hidden == hidden_before | new
    assert len(rounds) <= 2


def test_links_stay_published_and_pin_as_well():
    """Hours linked to a published total: hours 4 and 0 shown, total 4 shown, so the
    link pins the hidden hour at zero; the auditor with pinning says so too."""
    cells = {
        ("m", "hour", 0): Cell(frozenset({("jan", "hour", 0)}), 4),
        ("m", "hour", 1): Cell(frozenset({("jan", "hour", 1)}), 0),
        ("m", "total", "people"): Cell(frozenset({("jan", "total", "people")}), 4),
    }
    link = Link(
        frozenset({("jan", "hour", 0), ("jan", "hour", 1)}),
        frozenset({("jan", "total", "people")}),
    )
    hidden = {("m", "hour", 1)}
    auditor = Auditor(cells, hidden, T, [link], lasting=set(cells) - hidden)
    pinning = auditor.run(every=True).intervals[("m", "hour", 1)]
    assert pinning == audit(cells, hidden, T, [link], every=True).intervals[("m", "hour", 1)]
    assert pinning.low == pinning.high == 0
