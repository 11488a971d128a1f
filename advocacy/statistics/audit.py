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

No Django import: this module works on plain Python values.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import highspy
import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csc_array, csr_array

Atom = Hashable
CellKey = Hashable

# LP solutions are floats: treat anything within this of a whole number as that number.
_TOLERANCE = 1e-6


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
    hidden = set(hidden)
    constraints = [
        (cell.atoms, frozenset(), cell.value) for key, cell in cells.items() if key not in hidden
    ]
    constraints += [(link.left, link.right, 0) for link in links]
    components = _Components(constraints, solver)
    result = Audit(threshold=threshold)
    cache: dict[frozenset, Interval] = {}
    roots = None if near is None else {components.root(atom) for atom in near}
    examined = hidden if only is None else hidden & set(only)
    for key in sorted(examined, key=repr):
        cell = cells[key]
        if not every and not 0 < cell.value < threshold:
            continue  # describes nobody, or a group large enough to be shown
        if roots is not None and not {components.root(atom) for atom in cell.atoms} & roots:
            continue
        if cell.atoms not in cache:
            cache[cell.atoms] = components.interval(cell.atoms)
        interval = cache[cell.atoms]
        result.intervals[key] = interval
        if not _safe(cell.value, interval, threshold):
            result.unsafe.append(key)
    return result


def _safe(value: int, interval: Interval, threshold: int) -> bool:
    if not 0 < value < threshold:
        return True
    return interval.low <= _TOLERANCE and interval.high >= threshold - _TOLERANCE


class _Components:
    """Constraints grouped by the atoms they connect, so each LP holds only what can
    bear on the cell asked about."""

    def __init__(self, constraints: list[tuple[frozenset, frozenset, int]], solver: str) -> None:
        if solver not in ("highs", "linprog"):
            raise ValueError(f"Unknown solver {solver!r}.")
        self.constraints = constraints
        self.solver = solver
        self.models: dict = {}  # component root -> _Model
        self.parent: dict = {}
        for left, right, _value in constraints:
            atoms = list(left | right)
            for atom in atoms[1:]:
                self._union(atoms[0], atom)
            for atom in atoms[:1]:
                self._find(atom)
        self.by_root: dict = {}
        for index, (left, right, _value) in enumerate(constraints):
            atoms = left | right
            if atoms:
                self.by_root.setdefault(self._find(next(iter(atoms))), []).append(index)

    def _find(self, atom):
        self.parent.setdefault(atom, atom)
        root = atom
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[atom] != root:
            self.parent[atom], atom = root, self.parent[atom]
        return root

    def root(self, atom):
        """The component of `atom`; an atom in no constraint is its own."""
        return self._find(atom) if atom in self.parent else ("alone", atom)

    def _union(self, a, b) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[ra] = rb

    def interval(self, atoms: frozenset) -> Interval:
        """Min and max of Σ atoms. Atoms in different components vary independently,
        so the bounds add up over components; an unconstrained atom is [0, ∞)."""
        groups: dict = {}
        for atom in atoms:
            root = self._find(atom) if atom in self.parent else None
            groups.setdefault(root, set()).add(atom)
        low = high = 0.0
        for root, group in groups.items():
            if root is None or root not in self.by_root:
                high = math.inf
                continue
            if self.solver == "linprog":
                lo, hi = self._solve(self.by_root[root], frozenset(group))
            else:
                if root not in self.models:
                    self.models[root] = _Model([self.constraints[i] for i in self.by_root[root]])
                lo, hi = self.models[root].bounds(group)
            low, high = low + lo, high + hi
        return Interval(round(low, 6), high if math.isinf(high) else round(high, 6))

    def _solve(self, indexes: list[int], target: frozenset) -> tuple[float, float]:
        matrix, rhs, column = _matrix([self.constraints[i] for i in indexes], csr_array)
        objective = np.zeros(matrix.shape[1])
        for atom in target:
            objective[column[atom]] = 1.0
        bounds = []
        for sign in (1.0, -1.0):
            solution = linprog(
                sign * objective, A_eq=matrix, b_eq=rhs, bounds=(0, None), method="highs"
            )
            if solution.status == 3:  # unbounded: only possible when maximising
                bounds.append(math.inf)
            elif solution.status != 0:
                raise ValueError(f"The published figures are inconsistent: {solution.message}")
            else:
                bounds.append(sign * solution.fun)
        return bounds[0], bounds[1]


def _matrix(rows: list[tuple[frozenset, frozenset, int]], fmt=csc_array):
    """(matrix of ±1 coefficients, right-hand sides, atom -> column) of the system."""
    variables = sorted({a for left, right, _v in rows for a in left | right}, key=repr)
    column = {atom: n for n, atom in enumerate(variables)}
    data, row_index, col_index, rhs = [], [], [], []
    for r, (left, right, value) in enumerate(rows):
        for atom, sign in [(a, 1.0) for a in left] + [(a, -1.0) for a in right]:
            data.append(sign)
            row_index.append(r)
            col_index.append(column[atom])
        rhs.append(float(value))
    matrix = fmt((data, (row_index, col_index)), shape=(len(rows), len(variables)))
    return matrix, np.array(rhs, dtype=np.float64), column


class _Model:
    """One connected part of the system held by HiGHS: built once, then minimised and
    maximised for one cell after another by changing only the objective's
    coefficients, so each solve starts from the previous optimal basis."""

    def __init__(self, rows: list[tuple[frozenset, frozenset, int]]) -> None:
        matrix, rhs, self.column = _matrix(rows)
        matrix.sort_indices()
        width = matrix.shape[1]
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = width, matrix.shape[0]
        lp.col_cost_ = np.zeros(width)
        lp.col_lower_ = np.zeros(width)
        lp.col_upper_ = np.full(width, highspy.kHighsInf)
        lp.row_lower_ = lp.row_upper_ = rhs
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = matrix.data.astype(np.float64)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(lp)
        self.costed = np.array([], dtype=np.int32)

    def bounds(self, atoms) -> tuple[float, float]:
        highs = self.highs
        if len(self.costed):
            highs.changeColsCost(len(self.costed), self.costed, np.zeros(len(self.costed)))
        self.costed = np.array(sorted(self.column[a] for a in atoms), dtype=np.int32)
        highs.changeColsCost(len(self.costed), self.costed, np.ones(len(self.costed)))
        found = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            highs.changeObjectiveSense(sense)
            highs.run()
            status = highs.getModelStatus()
            if status == highspy.HighsModelStatus.kOptimal:
                found.append(highs.getInfo().objective_function_value)
            elif found and status in (
                highspy.HighsModelStatus.kUnbounded,
                highspy.HighsModelStatus.kUnboundedOrInfeasible,
            ):  # the minimum exists, so the system is feasible: unbounded above
                found.append(math.inf)
            else:
                raise ValueError(
                    f"The published figures are inconsistent: {highs.modelStatusToString(status)}"
                )
        return found[0], found[1]
