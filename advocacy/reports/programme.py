"""A programme's figures: its centres' released cells side by side, and totals that
are themselves safe to release.

A programme total is the sum of the centres' *published* cells, and is hidden as soon
as one contributing cell is hidden (or not named, in a table that names only large
groups). It is therefore a sum of figures every reader of the centres' releases
already holds: it adds no equation an attacker did not have, so it cannot narrow any
hidden cell (tests/advocacy/test_report_programme.py checks this with the auditor over
every centre's family together with the totals). Being a sum of published cells, each
total is 0 or at least the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..statistics.family import DERIVED, STANDALONE
from ..statistics.models import Release
from ..statistics.tables import SPECS

# Tables whose rows are fixed (every kind of service, every status): a missing row is 0.
FIXED_ROWS = {n for n, spec in SPECS.items() if not spec.pooled} | set(DERIVED) | set(STANDALONE)
# Released figures that do not add up across centres: shown per centre, no total.
NOT_SUMMED = frozenset({"cases.days"})

COMPARED = ("current", "previous", "last_year")


def released(stored: Release, name: str) -> dict:
    """A table of a release: counts (`published`), or magnitudes (a median, sums of
    money) released by their own rules beside them (`statistics.magnitudes`)."""
    if name in stored.published:
        return stored.published[name]
    return stored.magnitudes.get(name, {})


def total(values: Iterable[int | None]) -> int | None:
    """The sum of published cells; None (hidden) if any of them is hidden."""
    values = list(values)
    if any(value is None for value in values):
        return None
    return sum(values)


# A centre's release without the row (pooled among "others", a table gained later, or
# no release of that period at all): not in that release, shown "—", never "hidden".
ABSENT = "absent"


def cell(published: Release | None, table: str, label: str) -> int | None | str:
    """A centre's contribution to a programme row: its count, None (hidden), or ABSENT.
    A row a centre does not have is a true zero for a table of fixed rows (a kind of
    service the centre does not offer), but unknown in a pooled table (the row was
    counted among "others") or in a table the layer gained later."""
    rows = {} if published is None else released(published, table)
    if label in rows:
        return rows[label]
    return 0 if table in FIXED_ROWS and published is not None else ABSENT


def total_of(cells: list) -> int | None | str:
    """`total` of the cells; hidden if any is hidden, else ABSENT if any is absent
    (a sum of the centres that have the row would pass for the programme's)."""
    if any(c is None for c in cells):
        return None
    if any(c == ABSENT for c in cells):
        return ABSENT
    return total(cells)


def programme_tables(
    per_centre: dict[int, dict[str, Release]],
    *,
    names: Callable[[Release], list[str]],
    labels: Callable[[Iterable[str]], list[str]],
) -> list[dict]:
    """[{"name", "rows": [{"label", "values": [current, previous, last year totals],
    "centres": [current cell of each centre, in `per_centre`'s order], "absent" and
    "centres_absent": indices of those lists not in the releases (shown "—")}]}]; any
    other None is hidden."""
    ordered = []
    # A centre whose records begin after the period has no release of it: "—".
    currents = [rels["current"] for rels in per_centre.values() if rels["current"] is not None]
    for current in currents:
        ordered += [name for name in names(current) if name not in ordered]
    tables = []
    for name in ordered:
        all_labels = labels(label for current in currents for label in released(current, name))
        rows = []
        for label in all_labels:
            values = [
                ABSENT
                if name in NOT_SUMMED
                else total_of([cell(rels[c], name, label) for rels in per_centre.values()])
                for c in COMPARED
            ]
            centres = [cell(rels["current"], name, label) for rels in per_centre.values()]
            rows.append(
                {
                    "label": label,
                    "values": [None if v == ABSENT else v for v in values],
                    "centres": [None if v == ABSENT else v for v in centres],
                    "absent": [n for n, v in enumerate(values) if v == ABSENT],
                    "centres_absent": [n for n, v in enumerate(centres) if v == ABSENT],
                }
            )
        tables.append({"name": name, "rows": rows})
    return tables
