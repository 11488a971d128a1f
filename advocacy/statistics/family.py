"""A family of releases (every release of one centre in one calendar year) written as
the linear system of `audit`: cells as sums of atoms, and the links every reader
knows. Pure functions over plain values; no Django import.

Atoms are `(piece key, raw table, raw label)`; cells are `(period key, table, label)`.
A piece is a segment of local days (`periods.Segment`, week ∩ month; key
"2026-03-30/2026-04-01") whose exact tables were read once; a month released before
weeks could be is one month-long piece. Every released week, month, quarter and year
is a sum of the pieces inside it, so the auditor sees what one release minus others
leaves (a month minus its whole weeks: the days of its partial weeks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from .audit import Cell, Link
from .magnitudes import DAYS, WAGES
from .periods import Period, PeriodKind, Segment, pieces_of
from .tables import FINISHED, OTHER, SPECS, TABLES, Snapshot, calendar_labels

# Tables a release shows that are sums of another raw table's cells.
DERIVED = {
    "requests.category": "requests.cell",
    "requests.status": "requests.cell",
    "requests.total": "requests.cell",
    "use.total": "use.people",
}
# Non-additive figures, computed for each release on its own (see `tables.unique_members`).
STANDALONE = {"visits.members": "members"}


def _derived_label(table: str, raw: str) -> str:
    if table == "requests.category":
        return raw.split("|", 1)[0]
    if table == "requests.status":
        return raw.split("|", 1)[1]
    return "all"


def _rows(piece: str, table: str, snapshot: Snapshot) -> list[str]:
    """The labels of `table` in the piece `piece` (its key) that are unknowns of the
    reader's system: those the calendar rules out (`tables.calendar_labels`: no
    Tuesday in a piece of Thursday to Sunday) are zeros every reader knows, left out,
    also from pieces stored before snapshots left them out."""
    rows = snapshot.get(table, {})
    days = Segment.parse(piece)
    possible = calendar_labels(table, days.first, days.end)
    return list(rows) if possible is None else [label for label in rows if label in possible]


def _in_every_month(table: str, months: list[str], snapshots: Mapping[str, Snapshot]) -> bool:
    """A table added to the layer after some pieces of a period were read is left out
    of that period: a sum over only some of its pieces would mislead."""
    return all(table in snapshots[m] for m in months)


def release_cells(
    period: Period,
    snapshots: Mapping[str, Snapshot],
    *,
    threshold: int,
    standalone: Mapping[str, int],
    named: Mapping[str, Iterable[str]] | None = None,
) -> dict[tuple, Cell]:
    """The cells of the release of `period` with their true values.

    `snapshots` maps piece keys to raw tables (the pieces inside `period` must cover
    it; others are ignored). `named`: for pooled tables, the rows the release names;
    None to choose them now (those with at least `threshold` in the period, never "not
    recorded")."""
    months = pieces_of(period, snapshots)
    cells: dict[tuple, Cell] = {}

    def add(table: str, label: str, atoms: Iterable[tuple]) -> None:
        atoms = frozenset(atoms)
        value = sum(snapshots[m][t][raw] for m, t, raw in atoms)
        cells[(period.key, table, label)] = Cell(atoms, value)

    for spec in TABLES:
        if not _in_every_month(spec.name, months, snapshots):
            continue
        raw_labels = {m: _rows(m, spec.name, snapshots[m]) for m in months}
        if not spec.pooled:
            labels = sorted({label for m in months for label in raw_labels[m]})
            for label in labels:
                add(
                    spec.name,
                    label,
                    [(m, spec.name, label) for m in months if label in raw_labels[m]],
                )
            continue
        totals: dict[str, int] = {}
        for m in months:
            for label in raw_labels[m]:
                totals[label] = totals.get(label, 0) + snapshots[m][spec.name][label]
        if named is None or spec.name not in named:
            chosen = {label for label, n in totals.items() if label and n >= threshold}
        else:
            chosen = set(named[spec.name])
        for label in sorted(chosen):
            add(spec.name, label, [(m, spec.name, label) for m in months if label in raw_labels[m]])
        rest = [
            (m, spec.name, raw)
            for m in months
            for raw in raw_labels[m]
            if raw and raw not in chosen
        ]
        add(spec.name, OTHER, rest)
        add(spec.name, "", [(m, spec.name, "") for m in months if "" in raw_labels[m]])
    for table, source in DERIVED.items():
        if not _in_every_month(source, months, snapshots):
            continue
        groups: dict[str, list] = {}
        for m in months:
            for raw in snapshots[m].get(source, {}):
                groups.setdefault(_derived_label(table, raw), []).append((m, source, raw))
        for label, atoms in sorted(groups.items()):
            add(table, label, atoms)
    for table, label in STANDALONE.items():
        cells[(period.key, table, label)] = Cell(
            frozenset({(period.key, table, label)}), standalone.get(table, 0)
        )
    return cells


def waiting_periods(pieces: Iterable[str], released: Iterable[str]) -> list[Period]:
    """The weeks, months, quarters and year not released yet (their keys not in
    `released`) that hold one of `pieces` (keys of pieces already read): each will be
    released later with these days inside every one of its cells. A week across the new
    year is never released on its own."""
    released = set(released)
    waiting = set()
    for key in pieces:
        piece = Segment.parse(key)
        for kind in PeriodKind:
            period = Period.containing(kind, piece.first)
            if period.key not in released and not period.crosses_year and piece.within(period):
                waiting.add(period)
    return sorted(waiting)


def waiting_cells(
    periods: Iterable[Period], snapshots: Mapping[str, Snapshot], *, threshold: int
) -> dict[tuple, Cell]:
    """The cells each of `periods` (`waiting_periods`) has so far: the sums of its
    pieces read (`snapshots`), keyed `(("waiting", period key), table, label)`. Its
    later days are one more atom no published figure mentions, so nothing bounds such a
    cell from above until they are read. What is published now must leave a small one
    able to be zero: once its period is released, nothing it hides can loosen a bound
    that rests on earlier releases."""
    cells: dict[tuple, Cell] = {}
    for period in periods:
        inside = [Segment.parse(key) for key in pieces_of(period, snapshots)]
        if not inside:
            continue
        whole = sum((p.end - p.first).days for p in inside) == (period.end - period.first).days
        these = release_cells(period, snapshots, threshold=threshold, standalone={})
        for (_period, table, label), cell in these.items():
            if table in STANDALONE:
                continue
            later = frozenset() if whole else frozenset({("later", period.key, table, label)})
            cells[(("waiting", period.key), table, label)] = Cell(cell.atoms | later, cell.value)
    return cells


def atom_cells(snapshots: Mapping[str, Snapshot], *, threshold: int) -> dict[tuple, Cell]:
    """Every unknown of the reader's system that counts a small group, as a cell of its
    own: the count of one raw row on the days of one piece (`snapshots`: the pieces as
    `merge_pieces` gives them), keyed `(("piece", piece key), raw table, raw label)`,
    for true values 1 … threshold − 1 (the only ones the rule examines).

    No release shows such a count, but releases differenced can pin it: November minus
    its four whole weeks is the count of the two days outside them (1 and 30 November),
    and where every week and month is released the chain of them pins every week ∩
    month piece. Audited as a hidden cell (a true value of 1 … threshold − 1 needs an
    interval at least threshold wide reaching 0: `audit`), it protects every sum of
    atoms a reader can form, across pieces, rows and pooled rows alike: a sum pinned to
    u in 1 … threshold − 1 bounds each of its atoms by u, and one of them is not 0, so
    that atom fails. The same rule as for hidden cells (Hundepool et al., *Statistical
    Disclosure Control*, Wiley 2012, §4.3: the feasibility interval of any sum a reader
    can derive). Derived and standalone tables have no atoms of their own."""
    cells: dict[tuple, Cell] = {}
    for piece, snapshot in snapshots.items():
        for spec in TABLES:
            rows = snapshot.get(spec.name, {})
            for label in _rows(piece, spec.name, snapshot):
                if 0 < rows[label] < threshold:
                    atom = (piece, spec.name, label)
                    cells[(("piece", piece), spec.name, label)] = Cell(
                        frozenset({atom}), rows[label]
                    )
    return cells


def month_links(month_key: str, snapshot: Snapshot) -> list[Link]:
    """What every reader knows of one piece (a segment, or a month-long piece): each
    person is in exactly one row of each partitioned table, and outcomes are recorded
    for resolved and closed cases. Both hold for any range of days, so per segment."""

    def atoms(table: str, labels=None) -> frozenset:
        return frozenset(
            (month_key, table, label)
            for label in _rows(month_key, table, snapshot)
            if labels is None or label in labels
        )

    links = [Link(atoms(spec.name), atoms(spec.linked_to)) for spec in TABLES if spec.linked_to]
    links.append(Link(atoms("cases.outcome"), atoms("cases.status", FINISHED)))
    return links


def named_rows(published: Mapping[str, Mapping[str, int | None]]) -> dict[str, list[str]]:
    """The rows a stored release named in its pooled tables."""
    return {
        spec.name: [label for label in published.get(spec.name, {}) if label not in (OTHER, "")]
        for spec in SPECS.values()
        if spec.pooled
    }


def merge_pieces(
    pieces: Mapping[str, Snapshot], cuts: Iterable[date], summed: dict | None = None
) -> dict[str, Snapshot]:
    """The pieces, with neighbours that no released period tells apart merged into one
    (their tables summed): the auditor's atoms stay as coarse as the releases allow.

    `cuts`: the first and end days of every period released (or being released). Two
    adjacent pieces are merged unless a cut falls between them. This changes no
    interval the auditor computes: every cell is a sum of whole merged pieces; any
    solution of the segments' system sums to one of the merged system; and any
    solution of the merged system is one of the segments' (all of a merged piece in
    its first segment, nothing in the others, every link holding). A year of months
    and quarters is then audited on twelve pieces, as before weeks; each released
    week adds its cuts.

    `summed`: merged pieces of these same `pieces` summed by an earlier call, by key
    (a merged key names the days it joins, so the same pieces): reused, and the new
    ones added to it."""
    cuts = set(cuts)
    groups: list[list[tuple[Segment, str]]] = []
    for piece, key in sorted((Segment.parse(key), key) for key in pieces):
        if groups and groups[-1][-1][0].end == piece.first and piece.first not in cuts:
            groups[-1].append((piece, key))
        else:
            groups.append([(piece, key)])
    merged = {}
    for group in groups:
        if len(group) == 1:
            merged[group[0][1]] = pieces[group[0][1]]
            continue
        key = Segment(group[0][0].first, group[-1][0].end).key
        if summed is None:
            merged[key] = _summed([pieces[k] for _piece, k in group])
            continue
        if key not in summed:
            summed[key] = _summed([pieces[k] for _piece, k in group])
        merged[key] = summed[key]
    return merged


def _summed(snapshots: list[Snapshot]) -> Snapshot:
    """The tables every one of `snapshots` has, added up (magnitudes' inputs joined
    per case, later pieces last)."""
    shared = set.intersection(*(set(s) for s in snapshots))
    total: dict = {}
    for table in sorted(shared):
        if table == DAYS:
            total[table] = {case: n for s in snapshots for case, n in s[table].items()}
        elif table == WAGES:
            wages: dict[str, dict[str, Decimal]] = {}
            for s in snapshots:
                for currency, cases in s[table].items():
                    for case, amount in cases.items():
                        per_case = wages.setdefault(currency, {})
                        per_case[case] = per_case.get(case, Decimal(0)) + Decimal(amount)
            total[table] = {
                c: {case: str(a) for case, a in cases.items()} for c, cases in wages.items()
            }
        else:
            rows: dict[str, int] = {}
            for s in snapshots:
                for label, n in s[table].items():
                    rows[label] = rows.get(label, 0) + n
            total[table] = rows
    return total
