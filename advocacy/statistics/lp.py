"""One connected part of the auditor's system held by HiGHS (`highspy`), and what
its solves leave behind for later questions in the same `Auditor`.

Within one auditor the set F of solutions (x ≥ 0, the published equations and the
links holding) only grows: hiding a cell frees its equation and nothing ever binds
again. Two things found in a solve therefore stay true:

- a *witness*: every solution vector found is in F, and stays in F; Σ atoms of a
  cell at a witness is a value the cell can take, so min ≤ it ≤ max;
- a *proof*: an optimal dual solution y of "min (or max) Σ atoms" bounds that
  optimum (b·y) for as long as every equation y gives weight to is still published
  (weak duality, e.g. Bertsimas and Tsitsiklis, *Introduction to Linear
  Optimization*, 1997, §4.3); since F only grows, the optimum then is exactly the
  one found.

No Django import: this module works on plain Python values.
"""

from __future__ import annotations

import math

import highspy
import numpy as np
from scipy.sparse import block_array, csc_array, csr_array, eye_array

# LP solutions are floats: treat anything within this of a whole number as that number.
TOLERANCE = 1e-6
# Solver values below this are zero (a dual weight, a solution's entry).
_ZERO = 1e-9

_UNBOUNDED = (
    highspy.HighsModelStatus.kUnbounded,
    highspy.HighsModelStatus.kUnboundedOrInfeasible,
)


def system_matrix(rows: list[tuple[frozenset, frozenset, int]], fmt=csc_array, atoms=()):
    """(matrix of ±1 coefficients, right-hand sides, atom -> column) of the system;
    `atoms`: more columns, that no row may mention."""
    variables = {a for left, right, _v in rows for a in left | right}
    variables = sorted(variables.union(atoms), key=repr)
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


def _lp(matrix: csc_array, lower, upper) -> highspy.HighsLp:
    matrix.sort_indices()
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
    lp.col_cost_ = np.zeros(matrix.shape[1])
    lp.col_lower_ = np.zeros(matrix.shape[1])
    lp.col_upper_ = np.full(matrix.shape[1], highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = lower, upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data.astype(np.float64)
    return lp


def _highs(lp: highspy.HighsLp) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    # Primal simplex: a new objective leaves the last optimal basis primal feasible,
    # so the next solve starts from it (dual simplex starts again almost from nothing:
    # some 400 iterations per cell on a year's part instead of some 30).
    highs.setOptionValue("simplex_strategy", 4)
    highs.passModel(lp)
    return highs


def _inconsistent(highs: highspy.Highs, status) -> ValueError:
    return ValueError(
        f"The published figures are inconsistent: {highs.modelStatusToString(status)}"
    )


class Model:
    """One connected part of the system: built once, then minimised and maximised for
    one cell after another by changing only the objective's coefficients, so each
    solve starts from the previous optimal basis. Keeps every solution found (the
    witnesses) and counts the LPs solved (`solved`).

    `fixed`: {atom: value} of atoms that equations staying published pin (see
    `pinning.pinned`). They are constants, not columns HiGHS sees: taken out of the
    right-hand sides, added to each optimum and put back into each solution. The
    simplex then works on the rows and columns that still leave something open."""

    def __init__(
        self,
        numbers: list[int],
        rows: list[tuple[frozenset, frozenset, int]],
        fixed: dict | None = None,
    ) -> None:
        fixed = fixed or {}
        self.numbers = numbers
        self.local = {number: n for n, number in enumerate(numbers)}
        self.matrix, self.rhs, self.column = system_matrix(rows, atoms=fixed)
        # HiGHS sees only the open columns; the fixed ones are constants: in the
        # right-hand sides, in the objective (`offset`) and in every solution (`base`).
        self.base = np.zeros(self.matrix.shape[1])
        for atom, value in fixed.items():
            self.base[self.column[atom]] = value
        is_open = np.ones(self.matrix.shape[1], dtype=bool)
        is_open[[self.column[atom] for atom in fixed]] = False
        self.open = np.flatnonzero(is_open)
        self.place = np.full(self.matrix.shape[1], -1, dtype=np.int32)  # column in HiGHS
        self.place[self.open] = np.arange(len(self.open), dtype=np.int32)
        rhs = self.rhs - self.matrix @ self.base
        self.highs = _highs(_lp(csc_array(self.matrix[:, self.open]), rhs, rhs))
        self.offset = 0.0
        self.costed = np.array([], dtype=np.int32)
        self.freed = np.zeros(self.matrix.shape[0], dtype=bool)
        self.solved = 0
        self._witnesses = np.zeros((self.matrix.shape[1], 8))  # one per column
        self._count = 0
        self._seen: set[bytes] = set()

    def free(self, number: int) -> None:
        """Row `number` of the family no longer holds (its cell is hidden); a row the
        model left out (implied by the fixed columns) changes nothing."""
        if number not in self.local:
            return
        self.freed[self.local[number]] = True
        self.highs.changeRowBounds(self.local[number], -highspy.kHighsInf, highspy.kHighsInf)

    def optimum(self, atoms, *, maximise: bool) -> tuple[float, np.ndarray | None]:
        """(min or max of Σ `atoms`, the rows its proof rests on): the optimum stays
        exactly this while `holds(rows)`; rows None when the maximum is unbounded (it
        stays so). Raises ValueError when the system has no solution."""
        self._cost(self.column[a] for a in atoms)
        sense = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        status = self._run(sense)
        if status in _UNBOUNDED and maximise:
            # Unbounded or infeasible: a minimum exists (zero at worst) only when the
            # system has a solution, so ask for one to tell the two apart.
            if self._run(highspy.ObjSense.kMinimize) != highspy.HighsModelStatus.kOptimal:
                raise _inconsistent(self.highs, status)
            return math.inf, None
        if status != highspy.HighsModelStatus.kOptimal:
            raise _inconsistent(self.highs, status)
        if not len(self.open):
            return self.offset, np.array([], dtype=np.intp)  # every column fixed
        solution = self.highs.getSolution()
        proof = np.flatnonzero(np.abs(np.asarray(solution.row_dual)) > _ZERO)
        return self.highs.getInfo().objective_function_value + self.offset, proof

    def holds(self, proof: np.ndarray) -> bool:
        """Whether every equation of `proof` (from `optimum`) is still published."""
        return not self.freed[proof].any()

    @property
    def witnesses(self) -> np.ndarray:
        """Every distinct solution found so far: shape (atoms, witnesses)."""
        return self._witnesses[:, : self._count]

    def selector(self, groups: list) -> csr_array:
        """(groups × atoms) 0/1 matrix: `selector @ x` is Σ atoms of each group at x."""
        data, rows, cols = [], [], []
        for n, atoms in enumerate(groups):
            for atom in atoms:
                rows.append(n)
                cols.append(self.column[atom])
                data.append(1.0)
        return csr_array((data, (rows, cols)), shape=(len(groups), self.matrix.shape[1]))

    def lowest(self, selector: csr_array) -> np.ndarray:
        """One LP: Σ atoms of each group of `selector` at a solution minimising Σ of
        all their atoms (a group at zero there is proven able to be zero)."""
        self._cost(np.flatnonzero(selector.sum(axis=0)))
        status = self._run(highspy.ObjSense.kMinimize)
        if status != highspy.HighsModelStatus.kOptimal:
            raise _inconsistent(self.highs, status)
        return selector @ self.last

    def most(self, selector: csr_array) -> np.ndarray | None:
        """One LP: Σ atoms of each group of `selector` at a solution maximising the
        sum over the groups of their Σ atoms (an atom weighs as many groups as hold
        it); None when that maximum is unbounded. A group at the threshold or more
        there is proven able to reach it. Only the objective changes, so the solve
        starts from the last basis: on a year of weekly segments some 300 iterations
        and 15 ms a solve, where `highest`, which adds and removes columns and rows,
        takes some 1,500 and 80 ms and settles no more groups."""
        counts = np.asarray(selector.sum(axis=0)).ravel()
        columns = np.flatnonzero(counts)
        self._cost(columns, counts[columns])
        if self._run(highspy.ObjSense.kMaximize) != highspy.HighsModelStatus.kOptimal:
            return None
        return selector @ self.last

    def highest(self, selector: csr_array, cap: float) -> np.ndarray:
        """One LP over the part with a variable 0 ≤ y_g ≤ `cap` per group of
        `selector` and y_g ≤ Σ atoms of g, maximising Σ y_g: Σ atoms of each group at
        the solution found (a group reaching `cap` there is proven able to reach it).
        The y columns and rows are removed again after the solve."""
        highs, count = self.highs, selector.shape[0]
        height, width = self.matrix.shape[0], len(self.open)
        fixed_part = selector @ self.base
        selector = csr_array(selector[:, self.open])
        self._cost([])
        none = np.array([], dtype=np.int32)
        highs.addCols(
            count,
            np.ones(count),
            np.zeros(count),
            np.full(count, cap),
            0,
            np.zeros(count, dtype=np.int32),
            none,
            np.array([], dtype=np.float64),
        )
        rows = block_array([[selector, -eye_array(count)]], format="csr")
        highs.addRows(
            count,
            -fixed_part,
            np.full(count, highspy.kHighsInf),
            rows.nnz,
            rows.indptr[:-1].astype(np.int32),
            rows.indices.astype(np.int32),
            rows.data.astype(np.float64),
        )
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        highs.run()
        self.solved += 1
        status = highs.getModelStatus()
        x = np.asarray(highs.getSolution().col_value)[:width]
        highs.deleteRows(count, np.arange(height, height + count, dtype=np.int32))
        highs.deleteCols(count, np.arange(width, width + count, dtype=np.int32))
        if status != highspy.HighsModelStatus.kOptimal:
            raise _inconsistent(highs, status)
        self._keep(x)
        return fixed_part + selector @ x

    def _cost(self, columns, costs=None) -> None:
        """Cost 1 (or each column's entry of `costs`) on `columns`, 0 elsewhere."""
        highs = self.highs
        if len(self.costed):
            highs.changeColsCost(len(self.costed), self.costed, np.zeros(len(self.costed)))
        columns = np.fromiter(columns, dtype=np.int32)
        values = np.ones(len(columns)) if costs is None else np.asarray(costs, dtype=np.float64)
        places = self.place[columns]
        self.offset = float(values[places < 0] @ self.base[columns[places < 0]])
        order = np.argsort(places[places >= 0])
        self.costed = places[places >= 0][order]
        highs.changeColsCost(len(self.costed), self.costed, values[places >= 0][order])

    def _run(self, sense) -> highspy.HighsModelStatus:
        if not len(self.open):  # every column fixed: nothing left to solve
            self.solved += 1
            self._keep(np.zeros(0))
            return highspy.HighsModelStatus.kOptimal
        self.highs.changeObjectiveSense(sense)
        self.highs.run()
        self.solved += 1
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            self._keep(np.asarray(self.highs.getSolution().col_value))
        return status

    def _keep(self, x: np.ndarray) -> None:
        """Keep the solution whose open columns HiGHS gives as `x`."""
        # A solution within the solver's tolerance of F: its tiny entries are noise.
        x = np.where(np.abs(x) > _ZERO, x, 0.0)
        full = self.base.copy()
        full[self.open] = x
        x = full
        key = np.round(x, 6).tobytes()
        self.last = x
        if key in self._seen:
            return
        self._seen.add(key)
        if self._count == self._witnesses.shape[1]:
            self._witnesses = np.hstack([self._witnesses, np.zeros_like(self._witnesses)])
        self._witnesses[:, self._count] = x
        self._count += 1
