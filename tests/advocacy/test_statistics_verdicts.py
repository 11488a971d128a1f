"""The auditor's verdict mode (`Auditor.run(verdict_only=True)`, used by `protect`):
solutions found earlier settle cells without an LP, a failed cell's proof is kept
while its equations stay published, and the verdicts and hidden cells are those of
the full intervals."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.statistics.audit import Auditor, Cell, Link, audit
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


def genders_too(counts: dict, genders: dict) -> tuple[dict, list]:
    """One month's hours and genders, both adding up to the total."""
    cells, links = breakdown("m", "jan", counts)
    for label, n in genders.items():
        cells[("m", "gender", label)] = Cell(frozenset({("jan", "gender", label)}), n)
    links.append(
        Link(
            frozenset(("jan", "gender", label) for label in genders),
            frozenset({("jan", "total", "people")}),
        )
    )
    return cells, links


def still_solutions(auditor: Auditor) -> bool:
    """Every kept solution satisfies every equation still published, and is ≥ 0."""
    for model in auditor.models.values():
        held = ~model.freed
        residual = model.matrix @ model.witnesses - model.rhs[:, None]
        if np.abs(residual[held]).max(initial=0) > 1e-6 or (model.witnesses < -1e-9).any():
            return False
    return True


def test_a_solution_found_earlier_settles_a_cell_without_an_lp():
    """Hours of 2 and 1 hidden beside a shown 12: the first audit solves LPs; asked
    again, and again after the 12 is hidden too (F only grows), the kept solutions
    settle both cells and no LP is solved."""
    cells, links = breakdown("m", "jan", {0: 30, 1: 12, 2: 2, 3: 1, 4: 9})
    hidden = {("m", "hour", 2), ("m", "hour", 3), ("m", "hour", 4)}
    auditor = Auditor(cells, hidden, T, links)
    first = auditor.run(verdict_only=True)
    assert first.safe and auditor.solved > 0
    solved = auditor.solved
    assert auditor.run(verdict_only=True).safe
    auditor.hide({("m", "hour", 1)})
    assert still_solutions(auditor)
    again = auditor.run(verdict_only=True)
    assert again.safe and auditor.solved == solved
    full = audit(cells, hidden | {("m", "hour", 1)}, T, links)
    assert set(again.intervals) == set(full.intervals)


def test_a_failed_cell_is_solved_again_only_once_its_proof_lapses():
    """The four hours of one person each, the total and the other hours shown: each
    hour is at most 4. Hiding a gender, which that bound does not rest on, leaves it
    proven (no LP); hiding the hour of 7 frees an equation it rests on: solved again,
    and now safe."""
    cells, links = genders_too(
        {3: 1, 4: 1, 5: 1, 6: 1, 9: 20, 10: 15, 11: 7}, {"woman": 30, "man": 16}
    )
    hidden = {("m", "hour", h) for h in (3, 4, 5, 6)}
    auditor = Auditor(cells, hidden, T, links)
    first = auditor.run(verdict_only=True)
    assert len(first.unsafe) == 4
    solved = auditor.solved
    auditor.hide(hidden | {("m", "gender", "man")})
    kept = auditor.run(verdict_only=True)
    assert kept.unsafe == first.unsafe and auditor.solved == solved
    auditor.hide(hidden | {("m", "gender", "man"), ("m", "hour", 11)})
    assert auditor.run(verdict_only=True).safe
    assert auditor.solved > solved


@examples
@given(
    st.lists(st.lists(counts, min_size=4, max_size=4), min_size=3, max_size=3),
    st.lists(st.sets(st.integers(min_value=0, max_value=16), max_size=5), min_size=1, max_size=4),
    st.integers(min_value=2, max_value=7),
)
def test_verdicts_kept_between_rounds_are_those_of_full_intervals(months, rounds, threshold):
    """The small cells hidden, then more cells round after round in one auditor (its
    solutions and proofs kept): the verdict mode finds unsafe exactly the cells a new
    scipy LP per cell finds unsafe, and every interval it gives lies inside the true
    one."""
    cells, links = quarter(months)
    keys = sorted(cells, key=repr)
    hidden = {key for key in keys if 0 < cells[key].value < threshold}
    auditor = Auditor(cells, hidden, threshold, links)
    for chosen in [set(), *rounds]:
        hidden |= {keys[i] for i in chosen}
        auditor.hide(hidden)
        fast = auditor.run(verdict_only=True)
        reference = audit(cells, hidden, threshold, links, solver="linprog")
        assert fast.unsafe == reference.unsafe
        assert set(fast.intervals) == set(reference.intervals)
        for key, interval in fast.intervals.items():
            true = reference.intervals[key]
            assert true.low - 1e-6 <= interval.low and interval.high <= true.high + 1e-6
        assert still_solutions(auditor)


@examples
@given(
    st.lists(st.lists(counts, min_size=4, max_size=4), min_size=3, max_size=3),
    st.integers(min_value=2, max_value=7),
)
def test_protect_hides_the_same_cells_with_verdicts_as_with_full_intervals(months, threshold):
    """Each month protected on its own, then the quarter over them: the same hidden
    cells whether each round asks the auditor for verdicts or for full intervals."""
    cells, links = quarter(months)
    for verdict_only in (True, False):
        hidden: set = set()
        for m in range(3):
            mine = [k for k in cells if k[0] == f"m{m}"]
            hidden = protect(
                cells,
                threshold=threshold,
                new=mine,
                hidden_before=hidden,
                links=links,
                verdict_only=verdict_only,
            )
        hidden = protect(
            cells,
            threshold=threshold,
            new=[k for k in cells if k[0] == "q"],
            hidden_before=hidden,
            links=links,
            verdict_only=verdict_only,
        )
        if verdict_only:
            fast = hidden
    assert fast == hidden
    assert audit(cells, hidden, threshold, links).safe


def _calls(monkeypatch, name: str) -> list:
    """The results of every call of `lp.Model.<name>` from now on."""
    from advocacy.statistics import lp

    calls, method = [], getattr(lp.Model, name)

    def counted(self, *args, **kwargs):
        calls.append(method(self, *args, **kwargs))
        return calls[-1]

    monkeypatch.setattr(lp.Model, name, counted)
    return calls


def test_cells_are_shown_able_to_reach_the_threshold_by_their_summed_maximum(monkeypatch):
    """Three months of hidden hours beside large ones: whether each small hour can
    reach the threshold is settled by LPs maximising the open cells' sum, which only
    change the objective, never by the capped LP that adds and removes columns."""
    cells, links = quarter([[30, 2, 1, 9, 12], [25, 3, 0, 11, 14], [40, 1, 2, 8, 20]])
    hidden = {key for key in cells if key[0] != "q" and key[1] == "hour" and key[2] in (1, 2, 3)}
    hidden |= {("q", "hour", 1), ("q", "hour", 2), ("q", "hour", 3)}
    most, capped = _calls(monkeypatch, "most"), _calls(monkeypatch, "highest")
    result = Auditor(cells, hidden, T, links).run(verdict_only=True)
    full = audit(cells, hidden, T, links)
    assert result.unsafe == full.unsafe
    assert most and all(values is not None for values in most) and not capped


def test_an_unbounded_sum_falls_back_to_the_capped_lp(monkeypatch):
    """A hidden count of 2 whose atom only a link ties to an atom no shown figure
    bounds: the summed maximum is unbounded, so the capped LP shows it reaches 5."""
    cells = {
        ("m", "hour", 3): Cell(frozenset({("jan", "hour", 3)}), 2),
        ("m", "hour", 4): Cell(frozenset({("jan", "hour", 4)}), 9),
    }
    links = [Link(frozenset({("jan", "hour", 3)}), frozenset({("jan", "spare", 0)}))]
    most, capped = _calls(monkeypatch, "most"), _calls(monkeypatch, "highest")
    result = Auditor(cells, {("m", "hour", 3)}, T, links).run(verdict_only=True)
    assert result.safe and result.intervals[("m", "hour", 3)].high >= T
    assert most == [None] and len(capped) == 1


def test_the_next_cell_hidden_is_one_the_failing_bound_rests_on():
    """A quarter of hours over three months already released. Its small hour 0 (4) is
    hidden; that leaves month 2's hour 1 (1) pinned through the month's total, and the
    dual solution of that bound names the quarter's hour 3 (30), not the smaller hours
    beside it: hiding hour 3 alone makes the family safe. Choosing the smallest
    neighbour first hid hours 1, 2 and 4 of the quarter as well."""
    months = [[0, 2, 3, 12, 9], [3, 1, 12, 9, 0], [1, 3, 9, 9, 0]]
    cells, links = quarter(months)
    released = [key for key in cells if key[0] != "q"]
    before = protect({key: cells[key] for key in released}, threshold=T, new=released, links=links)
    new = [key for key in cells if key[0] == "q"]
    hidden = protect(cells, threshold=T, new=new, hidden_before=before, links=links)
    assert sorted(key for key in hidden if key[0] == "q") == [("q", "hour", 0), ("q", "hour", 3)]
    assert audit(cells, hidden, T, links).safe


def test_supports_are_the_published_cells_a_pinned_bound_rests_on():
    """Hours 3 to 6 of one person each, hidden beside the shown total and hours: each
    is at most 4, a bound resting on the total and the shown hours, never on a hidden
    cell; once the total is hidden too, nothing published bounds them."""
    cells, links = breakdown("m", "jan", {3: 1, 4: 1, 5: 1, 6: 1, 9: 20, 10: 15})
    hidden = {("m", "hour", h) for h in (3, 4, 5, 6)}
    auditor = Auditor(cells, hidden, T, links)
    assert len(auditor.run(verdict_only=True).unsafe) == 4
    supports = auditor.supports(("m", "hour", 3), maximise=True)
    assert ("m", "total", "people") in supports and not supports & hidden
    auditor.hide(hidden | {("m", "total", "people")})
    assert auditor.run(verdict_only=True).safe
    assert auditor.supports(("m", "hour", 3), maximise=True) == set()
