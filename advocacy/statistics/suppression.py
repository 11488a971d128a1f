"""Primary and secondary cell suppression over a whole family of releases.

Cells are keyed `(release, table, label)`. `protect` decides which cells of a new
release to hide, given the releases already published in the same family (their
hidden cells are fixed: what was published cannot be taken back):

1. *Primary suppression*: every count from 1 to threshold − 1 is hidden.
2. *Zeros*: in any table of the new release that hides a cell, its zeros are hidden
   too. If zeros were always shown, a reader would know every hidden cell is at least
   1, and a margin could then pin hidden cells exactly (four hidden hours that the
   total minus the visible hours says hold four people: one each).
3. *Secondary suppression*: the auditor (`audit.audit`) computes the interval of
   every hidden small cell of the family by linear programming; while some interval
   is narrower than the threshold or does not reach zero, one more
   cell of the new release is hidden for each failing cell: first a cell whose
   equation the failing bound rests on (the rows its LP's dual solution weighs,
   `Auditor.supports`: hiding any other cannot loosen that bound), then the smallest
   cell sharing a total with it, then the smallest cell overlapping it (the quarter's
   cell of a hidden month), then any. This is the iterative "audit and extend" scheme of
   Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, §5.2. After the
   first round only the cells that failed are audited again: hiding a cell removes
   its equation from the reader's system, which can only enlarge the set of
   solutions, so no interval narrows and a cell found safe stays safe. Each round
   asks the auditor only for verdicts (`verdicts.decide`), not full intervals.
4. If that ever fails to converge, every cell of the new release is hidden: the
   new release then adds nothing a reader could use. A failing bound whose proof
   (its LP's dual solution) rests only on equations of earlier releases and links
   ends the rounds at once with that outcome: no cell of the new release can
   loosen it, so trying them one by one would only reach the same end.

The auditor holds the atoms that earlier releases' published cells pin (a cell of
one atom, equations left with one atom once those are known) at their values
(`Auditor(lasting=...)`): those cells stay published whatever this release hides,
so the reader's system keeps its solutions while the LPs lose most of their rows.

No Django import: this module works on plain Python values.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from .audit import Auditor, Cell, Link
from .lp import TOLERANCE

CellKey = tuple[Hashable, Hashable, Hashable]  # (release, table, label)


def is_primary(value: int, threshold: int) -> bool:
    """A count that describes too few people to be shown: 1 to threshold − 1."""
    return 0 < value < threshold


def protect(
    cells: Mapping[CellKey, Cell],
    *,
    threshold: int,
    new: Iterable[CellKey],
    hidden_before: Iterable[CellKey] = (),
    links: Iterable[Link] = (),
    verdict_only: bool = True,
    waiting: Mapping[CellKey, Cell] | None = None,
) -> set[CellKey]:
    """The hidden cells of the whole family once the `new` cells are added: those of
    `hidden_before` (already published, kept) and those chosen among `new`.

    `cells` holds every cell of the family, old and new, with its true value.
    `verdict_only`: each round asks the auditor only for each cell's verdict
    (`Auditor.run`); False computes every examined cell's full interval, the
    reference (same hidden cells, more LPs).
    `waiting`: the cells so far of periods released later (`family.waiting_cells`),
    audited as hidden cells and never chosen: a small one must stay able to be zero,
    since what its own release hides cannot loosen a bound resting on this one. One
    that already fails whatever this release hides (the bound rests only on earlier
    releases) is left to its own release.
    Raises ValueError when the published cells contradict one another.
    """
    new = set(new)
    links = list(links)
    waiting = dict(waiting or {})
    cells = {**cells, **waiting}
    hidden = set(hidden_before) | {k for k in new if is_primary(cells[k].value, threshold)}
    hidden |= waiting.keys()
    # Only cells connected to the new release can have become unsafe.
    near = {atom for key in new for atom in cells[key].atoms}
    failed = None  # first round: every hidden small cell near the new release
    # One reader's system for every round: a round only hides more cells.
    # Published cells of earlier releases stay published: what they pin is pinned.
    lasting = set(cells) - new - hidden
    auditor = Auditor(
        cells, hidden | _zeros_beside(cells, new, hidden), threshold, links, lasting=lasting
    )
    chooser = None  # built when a round first needs it: most releases pass at once
    for _round in range(len(new) + 1):
        hidden |= _zeros_beside(cells, new, hidden)
        auditor.hide(hidden)
        # Cells that failed were found near the new release: no need to look again.
        result = auditor.run(
            near=near if failed is None else None, only=failed, verdict_only=verdict_only
        )
        failed = set(result.unsafe)
        sides = {key: result.intervals[key].low <= TOLERANCE for key in failed}
        beyond = {key for key in failed if _beyond_reach(auditor, key, new, maximise=sides[key])}
        if beyond - waiting.keys():
            break
        failed -= beyond
        if not failed:
            return hidden - waiting.keys()
        chooser = chooser or _Chooser(cells, new, hidden, links)
        added = set()
        for failing in sorted(failed, key=result.unsafe.index):
            # The side that fails: a minimum above zero, else a maximum below T.
            low_fails = not sides[failing]
            choices = chooser.candidates(
                failing, supports=auditor.supports(failing, maximise=not low_fails)
            )
            if choices and not added & set(choices[:-1] if len(choices) > 1 else choices):
                added.add(choices[0])
        if not added:
            break
        hidden |= added
    return (hidden | new) - waiting.keys()


def _beyond_reach(auditor: Auditor, key: CellKey, new: set, *, maximise: bool) -> bool:
    """Whether the failing bound of hidden cell `key` is proven by equations of
    published cells none of which is in the new release (or by links): hiding cells
    of the new release frees no equation it rests on, so it fails whatever is hidden,
    and so does the family."""
    bearing = auditor.rests_only_on(key, maximise=maximise)
    return bearing is not None and not bearing & new


def _zeros_beside(cells: Mapping[CellKey, Cell], new: set, hidden: set) -> set:
    tables = {key[:2] for key in new & hidden}
    return {key for key in new if key[:2] in tables and cells[key].value == 0}


class _Chooser:
    """Picks the cells to hide next. Built once per `protect` and reading the live
    `hidden` set, so each round sees only what is still published."""

    def __init__(self, cells, new: set, hidden: set, links: list[Link]) -> None:
        self.cells = cells
        self.hidden = hidden
        self.releases = {key[0] for key in new}
        self.positive = sorted(
            (key for key in new if cells[key].value > 0),
            key=lambda key: (cells[key].value, repr(key)),
        )
        # Every known total: a published cell (key), or one side of a link with the
        # other (key None); a cell's total stops counting once the cell is hidden.
        self.by_atom: dict = {}
        self.totals = [(k, cells[k].atoms) for k in cells if k not in hidden]
        self.totals += [(None, link.left | link.right) for link in links]
        for n, (key, atoms) in enumerate(self.totals):
            for atom in atoms:
                self.by_atom.setdefault(atom, []).append((key, n))
        # The cells that may be chosen, by atom, and their place in the order of choice.
        self.rank = {key: n for n, key in enumerate(self.positive)}
        self.containing: dict = {}
        for key in self.positive:
            for atom in cells[key].atoms:
                self.containing.setdefault(atom, []).append(key)
        self.touching: dict[int, frozenset] = {}  # total -> the cells sharing an atom with it

    def _visible(self, atoms) -> set[CellKey]:
        """The visible cells that may be chosen sharing an atom with `atoms`."""
        return {
            key for atom in atoms for key in self.containing.get(atom, ()) if key not in self.hidden
        }

    def candidates(self, failing: CellKey, supports: set = frozenset()) -> list[CellKey]:
        """Visible cells of the new release that would widen `failing`'s interval,
        best first, then (last) the smallest visible cell of all as a fallback.
        `supports`: the published cells its failing bound rests on (`Auditor.supports`);
        those of the new release come first."""
        atoms = self.cells[failing].atoms
        # A cell beside `failing` shares an atom with a total of it, and none with it.
        totals = {n for a in atoms for key, n in self.by_atom.get(a, ()) if key not in self.hidden}
        near = set()
        for n in totals:
            if n not in self.touching:
                self.touching[n] = frozenset(
                    key for atom in self.totals[n][1] for key in self.containing.get(atom, ())
                )
            near |= self.touching[n]
        overlapping = self._visible(atoms)
        beside = sorted(
            {key for key in near if key not in self.hidden} - overlapping,
            key=lambda k: (k[:2] != failing[:2], self.rank[k]),  # same table first
        )
        overlapping = sorted(overlapping, key=self.rank.__getitem__)
        order = beside + overlapping if failing[0] in self.releases else overlapping + beside
        # The cells the failing bound rests on first: those near it in that order,
        # then the others of the new release, smallest first.
        bearing = [key for key in order if key in supports]
        bearing += sorted(set(supports) & self.rank.keys() - set(bearing), key=self.rank.get)
        order = bearing + [key for key in order if key not in supports]
        smallest = next((key for key in self.positive if key not in self.hidden), None)
        return order + ([smallest] if smallest else [])
