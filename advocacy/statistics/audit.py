"""The auditor: how tightly can a reader pin down each hidden cell from everything
published to them?

A family of releases is written as a linear system over *atoms*: non-negative unknown
counts at the finest level the releases share (one month × one table × one raw label,
e.g. "March, hour of arrival, 03:00"). Every published or hidden cell is the sum of
some atoms; a published cell fixes that sum; a *link* says two sums are equal (every
person counted by hour is also counted by gender, so each month's hour cells and
gender cells add up to the same total). This is the attacker's knowledge.

For each hidden cell the auditor solves two linear programmes (minimise and maximise
the cell's sum of atoms subject to the system) with HiGHS (`highspy`): the model of
each connected part of the system is passed to HiGHS once, and only the objective
changes from one cell to the next, so each solve starts from the last optimal basis
(`solver="linprog"` solves each LP afresh through `scipy.optimize.linprog`, the
reference the fast path is tested against). The result is the tightest interval an
attacker using linear programming can prove (the usual "interval" or "feasibility
interval" test of statistical disclosure control; see Hundepool et al.,
*Statistical Disclosure Control*, Wiley 2012, §4.3 and §5.2).

A release is safe when every hidden cell that describes a small group (a true value
from 1 to threshold − 1) has an interval at least `threshold` wide that reaches zero:
it can be neither pinned to a small number nor told apart from nobody. Other hidden
cells are not required to be wide: a hidden zero describes nobody (zeros are hidden so
that hidden cells cannot be assumed non-zero), and a hidden cell of `threshold` or
more could have been shown (it is hidden only to widen the small ones, which are
checked themselves). Their intervals are still computed when asked (`every=True`).

Equations that stay published while an auditor lives (`lasting`: those of earlier
releases, while a new one is protected) often pin atoms to one value (a week's cell
of one atom, then a month's cell left with one atom once the week's are known): the
models hold those atoms as constants and leave out the equations they settle, the
same solutions over a small part of the rows (`pinning.pinned`).

Secondary suppression needs only each cell's verdict, not its interval: in verdict
mode (`Auditor.run(verdict_only=True)`, `verdicts.decide`) a solution found earlier
or one LP over many cells settles most cells, and only the others get their own LPs.

No Django import: this module works on plain Python values.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from .lp import TOLERANCE as _TOLERANCE
from .lp import Model, system_matrix
from .pinning import pinned
from .verdicts import decide

Atom = Hashable
CellKey = Hashable


@dataclass(frozen=True)
class Cell:
    """One figure of a release: the sum of `atoms`, whose true value is `value`."""

    atoms: frozenset
    value: int


@dataclass(frozen=True)
class Link:
    """Σ atoms of `left` = Σ atoms of `right`, known to every reader (e.g. the hours
    and the genders of one month add up to the same number of people)."""

    left: frozenset
    right: frozenset


@dataclass(frozen=True)
class Interval:
    low: float
    high: float  # math.inf when nothing bounds the cell from above

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass
class Audit:
    """The interval of every hidden cell, and those that fail the rule."""

    threshold: int
    intervals: dict = field(default_factory=dict)  # hidden small cell key -> Interval
    unsafe: list = field(default_factory=list)  # hidden cell keys, in a stable order

    @property
    def safe(self) -> bool:
        return not self.unsafe


def audit(
    cells: Mapping[CellKey, Cell],
    hidden: Iterable[CellKey],
    threshold: int,
    links: Iterable[Link] = (),
    near: Iterable[Atom] | None = None,
    every: bool = False,
    solver: str = "highs",
    only: Iterable[CellKey] | None = None,
) -> Audit:
    """Every hidden cell's tightest interval given the published cells (all the cells
    not in `hidden`) and the `links`. Raises ValueError if the published figures
    contradict one another (they never should: that would be a bug in the release).

    Shapes: `cells` maps any hashable key to a Cell; `hidden` is a subset of its keys.
    Cost: two LPs per hidden small cell, each restricted to the constraints
    connected to it. With `near`, only the hidden cells connected to those atoms are
    examined (the others cannot have changed since the last audit); with `only`, only
    those hidden cells. `solver`:
    "highs" (one HiGHS model per connected part, objective changed per cell) or
    "linprog" (a new scipy LP per cell; slower, same intervals).
    """
    auditor = Auditor(cells, hidden, threshold, links, solver=solver)
    return auditor.run(near=near, every=every, only=only)


class Auditor:
    """The reader's system of one family, built once and kept while cells are hidden
    one round after another (`suppression.protect`): hiding a cell only frees its
    equation (`hide`), so the connected parts found and the HiGHS models built stay
    valid, and each model's next solve starts from its last optimal basis.

    A part is explored (and its model built) only when a cell in it is examined, so an
    audit near one new month touches that month's part of the family, not the year's.
    Parts are found with every equation published when the auditor was made; an
    equation freed later leaves its part joined, which changes no interval: atoms no
    equation ties together still vary independently within one LP."""

    def __init__(
        self,
        cells: Mapping[CellKey, Cell],
        hidden: Iterable[CellKey],
        threshold: int,
        links: Iterable[Link] = (),
        solver: str = "highs",
        lasting: Iterable[CellKey] | None = None,
    ) -> None:
        """`lasting`: published cells that stay published while this auditor lives
        (never passed to `hide`). The atoms their equations and the links pin are held
        at their values in the HiGHS models (`pinning.pinned`), and the equations they settle
        left out: the same solutions, over far fewer rows."""
        if solver not in ("highs", "linprog"):
            raise ValueError(f"Unknown solver {solver!r}.")
        self.cells, self.threshold, self.solver = cells, threshold, solver
        self.hidden = set(hidden)
        # Rows of the system: [atoms added, atoms subtracted, value]; a freed row is None.
        self.rows: list = [(cell.atoms, frozenset(), cell.value) for cell in cells.values()]
        self.row_of = {key: n for n, key in enumerate(cells)}
        self.keys = list(cells)
        self.rows += [(link.left, link.right, 0) for link in links]
        self.free = {self.row_of[key] for key in self.hidden if key in self.row_of}
        self.by_atom: dict = {}
        for n, (left, right, _value) in enumerate(self.rows):
            if n in self.free:
                continue
            for atom in left | right:
                self.by_atom.setdefault(atom, []).append(n)
        # Rows that hold while this auditor lives: those of `lasting`, and the links.
        self.lasting: set[int] | None = None
        if lasting is not None:
            self.lasting = {self.row_of[key] for key in lasting} - self.free
            self.lasting.update(range(len(self.keys), len(self.rows)))
        self.part_of: dict = {}  # atom -> part number (atoms explored so far)
        self.parts: list[list[int]] = []  # part number -> its row numbers
        self.models: dict[int, Model] = {}
        # (part, atoms, maximise) -> (optimum, the rows its proof rests on): see lp.py.
        self.proofs: dict[tuple, tuple] = {}
        self.linprog_solved = 0

    def _pinned(self, part: int) -> tuple[dict, set[int]]:
        """({atom: value} of the atoms of `part` its lasting rows pin (`pinned`), the
        rows of `part` whose every atom they pin). Raises ValueError when a published
        row does not add up."""
        if self.lasting is None:
            return {}, set()
        rows = self.parts[part]
        pins = pinned([self.rows[n] for n in rows if n in self.lasting])
        settled = set()
        for n in rows:
            left, right, value = self.rows[n]
            if not all(atom in pins for atom in left | right):
                continue
            settled.add(n)
            total = sum(pins[a] for a in left) - sum(pins[a] for a in right)
            if n not in self.free and abs(total - value) > _TOLERANCE:
                raise ValueError("The published figures are inconsistent.")
        return pins, settled

    def hide(self, keys: Iterable[CellKey]) -> None:
        """The cells `keys` are hidden from now on: their equations no longer hold."""
        for key in set(keys) - self.hidden:
            self.hidden.add(key)
            row = self.row_of[key]
            self.free.add(row)
            atoms = self.rows[row][0]
            part = self.part_of.get(next(iter(atoms))) if atoms else None
            if part in self.models:
                self.models[part].free(row)

    def part(self, atom) -> int | None:
        """The connected part of `atom` (found on first use), or None for an atom no
        published equation mentions: it is bounded by nothing but zero."""
        if atom in self.part_of:
            return self.part_of[atom]
        if atom not in self.by_atom:
            return None
        number, rows, seen = len(self.parts), set(), {atom}
        stack = [atom]
        while stack:
            for row in self.by_atom[stack.pop()]:
                if row in rows:
                    continue
                rows.add(row)
                left, right, _value = self.rows[row]
                for other in left | right:
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
        for other in seen:
            self.part_of[other] = number
        self.parts.append(sorted(rows))
        return number

    def run(
        self,
        *,
        near: Iterable[Atom] | None = None,
        every: bool = False,
        only: Iterable[CellKey] | None = None,
        verdict_only: bool = False,
    ) -> Audit:
        """The audit of the hidden cells as they stand (see `audit` for `near`,
        `every` and `only`).

        `verdict_only` (with HiGHS, and not `every`): the same safe or unsafe verdict
        per cell and the same `unsafe` list, found with fewer LPs (`verdicts.decide`):
        an interval then holds only what was proven, a `low` the cell can reach and a
        `high` it can reach (the true interval contains it), exact on the side that
        makes a cell unsafe."""
        result = Audit(threshold=self.threshold)
        near = None if near is None else set(near)
        reach = None  # the atoms `near` and those of their parts explored so far
        if near is not None:
            parts = {self.part(atom) for atom in near} - {None}
            reach = near | {atom for atom, part in self.part_of.items() if part in parts}
        examined = self.hidden if only is None else self.hidden & set(only)
        keys = []
        for key in examined:
            cell = self.cells[key]
            if not every and not 0 < cell.value < self.threshold:
                continue  # describes nobody, or a group large enough to be shown
            if reach is not None and reach.isdisjoint(cell.atoms):
                continue  # only atoms already explored can be in the parts near
            keys.append(key)
        keys.sort(key=repr)  # a stable order; only the cells examined need one
        found: dict[frozenset, Interval] = {}
        if verdict_only and not every and self.solver == "highs":
            decided = decide(self, [self.cells[key].atoms for key in keys])
            found = {atoms: _interval(low, high) for atoms, (low, high) in decided.items()}
        for key in keys:
            atoms = self.cells[key].atoms
            if atoms not in found:
                found[atoms] = self.interval(atoms)
            result.intervals[key] = found[atoms]
            if not _safe(self.cells[key].value, found[atoms], self.threshold):
                result.unsafe.append(key)
        return result

    @property
    def solved(self) -> int:
        """How many LPs this auditor has solved so far."""
        return self.linprog_solved + sum(model.solved for model in self.models.values())

    def model(self, part: int) -> Model:
        """The HiGHS model of `part`, built on first use with the equations freed so far."""
        if part not in self.models:
            pins, settled = self._pinned(part)
            rows = [r for r in self.parts[part] if r not in settled]
            self.models[part] = Model(rows, [self.rows[r] for r in rows], pins)
            for row in self.free & set(rows):
                self.models[part].free(row)
        return self.models[part]

    def _optimum(self, part: int, group: frozenset, maximise: bool) -> float:
        """The exact min or max of Σ `group` in `part`, its proof kept (`supports`)."""
        found = self.model(part).optimum(group, maximise=maximise)
        self.proofs[(part, group, maximise)] = found
        return found[0]

    def supports(self, key: CellKey, *, maximise: bool) -> set[CellKey]:
        """The cells still published whose equations the last proven minimum (or
        maximum) of hidden cell `key` rests on: the rows its LP's dual solution gives
        weight to (see lp.py). Hiding one of them is what can widen that bound; an
        empty set when no bound is proven now (none was, or a row it rested on has
        been hidden since) or only links bear on it."""
        return self._bearing(key, maximise)[0] - self.hidden

    def rests_only_on(self, key: CellKey, *, maximise: bool) -> set[CellKey] | None:
        """The cells whose equations the proven minimum (or maximum) of hidden cell
        `key` rests on, when that bound is proven in every part of the system it
        has atoms in; None when it is not (then hiding any cell might loosen it).
        While none of these cells is hidden the bound stays exactly as it is."""
        found, whole = self._bearing(key, maximise)
        return found if whole else None

    def _bearing(self, key: CellKey, maximise: bool) -> tuple[set[CellKey], bool]:
        """(the cells the kept proofs of `key`'s bound rest on, whether every part's
        bound has a proof that still holds)."""
        groups: dict = {}
        for atom in self.cells[key].atoms:
            groups.setdefault(self.part_of.get(atom), set()).add(atom)
        found, whole = set(), True
        for part, group in groups.items():
            if part is None:
                continue  # bounded by zero below and by nothing above: no equation
            proof = self.proofs.get((part, frozenset(group), maximise))
            if proof is None or (proof[1] is not None and not self.models[part].holds(proof[1])):
                whole = False  # no proof, or a row it rested on is hidden since
                continue
            if proof[1] is None:
                continue  # unbounded: hiding more keeps it so
            rows = self.models[part].numbers
            found |= {self.keys[rows[local]] for local in proof[1] if rows[local] < len(self.keys)}
        return found, whole

    def interval(self, atoms: frozenset) -> Interval:
        """Min and max of Σ atoms. Atoms in different parts vary independently, so the
        bounds add up over parts; an atom in no published equation is [0, ∞)."""
        groups: dict = {}
        for atom in atoms:
            groups.setdefault(self.part(atom), set()).add(atom)
        low = high = 0.0
        for part, group in groups.items():
            if part is None:
                high = math.inf
                continue
            if self.solver == "linprog":
                lo, hi = _solve(
                    [self.rows[r] for r in self.parts[part] if r not in self.free], group
                )
                self.linprog_solved += 2
            else:
                lo, hi = (self._optimum(part, frozenset(group), side) for side in (False, True))
            low, high = low + lo, high + hi
        return _interval(low, high)


def _interval(low: float, high: float) -> Interval:
    return Interval(round(low, 6), high if math.isinf(high) else round(high, 6))


def _safe(value: int, interval: Interval, threshold: int) -> bool:
    if not 0 < value < threshold:
        return True
    return interval.low <= _TOLERANCE and interval.high >= threshold - _TOLERANCE


def _solve(rows: list[tuple[frozenset, frozenset, int]], target) -> tuple[float, float]:
    """Min and max of Σ `target` under `rows`, each a new scipy LP (the reference)."""
    matrix, rhs, column = system_matrix(rows, csr_array)
    objective = np.zeros(matrix.shape[1])
    for atom in target:
        if atom in column:
            objective[column[atom]] = 1.0
    bounds = []
    for sign in (1.0, -1.0):
        if not rows:  # every equation of the part was freed: only x ≥ 0 holds
            bounds.append(0.0 if sign > 0 else math.inf)
            continue
        solution = linprog(
            sign * objective, A_eq=matrix, b_eq=rhs, bounds=(0, None), method="highs"
        )
        if solution.status == 3:  # unbounded: only possible when maximising
            bounds.append(math.inf)
        elif solution.status != 0:
            raise ValueError(f"The published figures are inconsistent: {solution.message}")
        else:
            bounds.append(sign * solution.fun)
    missing = any(atom not in column for atom in target)
    return bounds[0], math.inf if missing else bounds[1]
