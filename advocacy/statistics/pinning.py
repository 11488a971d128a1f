"""Atoms that equations of published figures pin to one value.

An auditor's reader knows non-negative counts (atoms) and equations Σ left − Σ right
= value over them. Some equations leave an atom no freedom: a cell of one atom, a
cell whose atoms all add to zero, and then any equation left with one atom once the
pinned ones are taken out. Every solution of the equations has those values, so an
LP can hold them as constants and leave out the equations they settle (see
`audit.Auditor`, `lp.Model`): the same solutions over far fewer rows.

No Django import: this module works on plain Python values.
"""

from __future__ import annotations

from .lp import TOLERANCE


def pinned(rows: list[tuple[frozenset, frozenset, int]]) -> dict:
    """{atom: value} of the atoms `rows` (equations Σ left − Σ right = value over
    atoms ≥ 0) pin to one value: an equation left with one atom pins it, one whose
    atoms all add (none subtracted) to zero pins each at zero; a pinned atom's value
    is then taken out of every other equation, which may pin more. Every solution of
    `rows` has these values. Raises ValueError when `rows` have no solution so
    found (a negative atom, an equation left with no atom and not zero)."""
    holding: dict = {}
    for n, (left, right, _value) in enumerate(rows):
        for atom in left:
            holding.setdefault(atom, []).append(n)
        for atom in right:
            holding.setdefault(atom, []).append(n)
    reduced: dict[int, list] = {}  # row -> [left, right, value] once an atom is out
    found: dict = {}
    waiting = [n for n, (left, right, value) in enumerate(rows) if _pins(left, right, value)]
    while waiting:
        n = waiting.pop()
        left, right, value = reduced.get(n) or rows[n]
        if not left and not right:
            if abs(value) > TOLERANCE:
                raise ValueError("The published figures are inconsistent.")
            continue
        if len(left) + len(right) == 1:
            atom = next(iter(left or right))
            pins = {atom: value if left else -value}
        elif _pins(left, right, value):
            pins = dict.fromkeys(left, 0)
        else:
            continue
        for atom, pin in pins.items():
            if pin < -TOLERANCE:
                raise ValueError("The published figures are inconsistent.")
            found[atom] = pin
            for other in holding[atom]:
                if other not in reduced:
                    reduced[other] = [set(rows[other][0]), set(rows[other][1]), rows[other][2]]
                row = reduced[other]
                if atom in row[0]:
                    row[0].discard(atom)
                    row[2] -= pin
                elif atom in row[1]:
                    row[1].discard(atom)
                    row[2] += pin
                if _pins(*row):
                    waiting.append(other)
    return found


def _pins(left, right, value) -> bool:
    """Whether an equation pins its atoms: one atom, or atoms adding to zero."""
    return len(left) + len(right) <= 1 or (not right and abs(value) <= TOLERANCE)
