"""Whether each hidden small cell is safe, with as few LPs as the answer needs.

The rule (`audit`) asks of a hidden cell c only two things of the set F of
solutions the published figures leave: (a) some x in F has Σ atoms of c at zero,
and (b) some x in F has it at the threshold T or more. Each is proven by one point
of F, and one solve can prove it for many cells at once:

1. every solution an auditor has found is still in F (`lp.Model`: F only grows), so
   a cell it already puts at zero or at T needs no LP;
2. one LP minimising the sum of every open cell's atoms puts many of them at zero;
   one LP maximising the sum over open cells of their Σ atoms puts many at T (when
   that sum is unbounded, one maximising Σ y_c with 0 ≤ y_c ≤ T and y_c ≤ Σ atoms
   of c instead); each is repeated on the cells left while it settles any;
3. a cell still open gets its own LP for that side, whose optimum decides it as the
   full audit would (and whose dual stays a proof of it while its equations stay
   published, so a cell that failed is not solved again for nothing).

Cells in several parts of the system add their parts' values (parts vary
independently); an atom in no published equation leaves its cell unbounded above.
No Django import: this module works on plain Python values.
"""

from __future__ import annotations

import math

import numpy as np

from .lp import TOLERANCE


def decide(auditor, cells: list[frozenset]) -> dict[frozenset, tuple[float, float]]:
    """{atoms of a cell: (low, high)} for each of `cells` (sets of atoms) under
    `auditor`'s system (an `audit.Auditor` solving with HiGHS): `low` a value the
    cell can take that is within TOLERANCE of zero when it can be zero, else its
    exact minimum; `high` a value it can take that reaches the auditor's threshold
    (less TOLERANCE) when any can, else its exact maximum (math.inf: unbounded).
    When the minimum fails, `high` is only a value the cell can take. Raises
    ValueError when the published figures contradict one another."""
    return _Decision(auditor, list(dict.fromkeys(cells))).run()


class _Part:
    """The cells with atoms in one part of the system: their atoms there (a selector
    row each), and the lowest and highest values seen for them."""

    def __init__(self, model, members: list[int], groups: list[frozenset]) -> None:
        self.model, self.groups = model, groups
        self.members = np.array(members, dtype=np.intp)  # cell numbers, row by row
        self.selector = model.selector(groups)
        self.seen = {False: np.full(len(groups), math.inf), True: np.zeros(len(groups))}
        self.exact = {side: np.zeros(len(groups), dtype=bool) for side in (False, True)}

    def see(self, rows, values: np.ndarray) -> None:
        """Take in `values` (one row per row of `rows`; columns: points of F)."""
        if values.shape[1]:
            self.seen[False][rows] = np.minimum(self.seen[False][rows], values.min(axis=1))
            self.seen[True][rows] = np.maximum(self.seen[True][rows], values.max(axis=1))


class _Decision:
    def __init__(self, auditor, cells: list[frozenset]) -> None:
        self.auditor, self.cells = auditor, cells
        self.target = auditor.threshold - TOLERANCE
        self.unbounded = np.zeros(len(cells), dtype=bool)  # an atom in no equation
        self.rows: list[list[tuple[int, int]]] = [[] for _ in cells]  # cell -> (part, row)
        grouped: dict[int, tuple[list, list]] = {}
        for n, atoms in enumerate(cells):
            groups: dict = {}
            for atom in atoms:
                groups.setdefault(auditor.part(atom), set()).add(atom)
            for part, group in sorted(groups.items(), key=lambda item: item[0] is None):
                if part is None:
                    self.unbounded[n] = True
                    continue
                members, parts_groups = grouped.setdefault(part, ([], []))
                self.rows[n].append((part, len(members)))
                members.append(n)
                parts_groups.append(frozenset(group))
        self.parts = {part: _Part(auditor.model(part), *grouped[part]) for part in sorted(grouped)}

    def run(self) -> dict[frozenset, tuple[float, float]]:
        for part in self.parts.values():
            part.see(slice(None), part.selector @ part.model.witnesses)
        for maximise in (False, True):
            self._proven(maximise)
            for part in self.parts.values():
                self._batches(part, maximise)
            for n in np.flatnonzero(self._open(maximise)):
                if self._open(maximise, n):
                    for number, row in self.rows[n]:
                        self._solve(number, row, maximise)
        low, high = self._total(False), self._total(True)
        return {atoms: (float(low[n]), float(high[n])) for n, atoms in enumerate(self.cells)}

    def _total(self, maximise: bool) -> np.ndarray:
        total = np.where(self.unbounded, math.inf, 0.0) if maximise else np.zeros(len(self.cells))
        for part in self.parts.values():
            np.add.at(total, part.members, part.seen[maximise])
        return total

    def _open(self, maximise: bool, n: int | None = None):
        """Whether each cell's side `maximise` is still open (the maximum only of
        cells whose minimum passed: a cell failing either side is unsafe)."""
        low_open = self._total(False) > TOLERANCE
        opened = ~low_open & (self._total(True) < self.target) if maximise else low_open
        return opened if n is None else bool(opened[n])

    def _settled(self, part: _Part, maximise: bool) -> np.ndarray:
        if maximise:
            return part.exact[True] | (part.seen[True] >= self.target)
        return part.exact[False] | (part.seen[False] <= TOLERANCE)

    def _proven(self, maximise: bool) -> None:
        """Open sides an earlier LP of this auditor proved and that still hold."""
        for n in np.flatnonzero(self._open(maximise)):
            for number, row in self.rows[n]:
                part = self.parts[number]
                found = self.auditor.proofs.get((number, part.groups[row], maximise))
                if found and (found[1] is None or part.model.holds(found[1])):
                    part.seen[maximise][row] = found[0]
                    part.exact[maximise][row] = True

    def _batches(self, part: _Part, maximise: bool) -> None:
        capped = False  # maximising: `most` unless its maximum is unbounded
        while True:
            rows = np.flatnonzero(
                self._open(maximise)[part.members] & ~self._settled(part, maximise)
            )
            if not len(rows):
                return
            chosen = part.selector[rows]
            if maximise:
                values = None if capped else part.model.most(chosen)
                if values is None:
                    capped = True
                    values = part.model.highest(chosen, float(self.auditor.threshold))
            else:
                values = part.model.lowest(chosen)
            part.see(rows, values[:, None])
            if not self._settled(part, maximise)[rows].any():
                return

    def _solve(self, number: int, row: int, maximise: bool) -> None:
        """The exact optimum of a cell's side in one part (an LP unless still proven)."""
        part = self.parts[number]
        if part.exact[maximise][row]:
            return
        key = (number, part.groups[row], maximise)
        found = self.auditor.proofs.get(key)
        if not found or not (found[1] is None or part.model.holds(found[1])):
            found = part.model.optimum(part.groups[row], maximise=maximise)
            self.auditor.proofs[key] = found
            part.see(slice(None), (part.selector @ part.model.last)[:, None])
        part.seen[maximise][row] = found[0]
        part.exact[maximise][row] = True
