"""The stored releases of a centre's calendar year as the auditor's linear system
(`family.release_cells`, `family.month_links`), read once and kept in step with the
releases built from it.

Building a year from nothing builds its twelve months one after another, each
protected against every release of the year stored before it, then its quarters and
the year. Each build needs the whole family; `StoredFamily` reads the releases and
the segments once and derives each stored release's cells once, instead of reading
and deriving all of them again for every build (which grew with the square of the
number of releases). What it gives each build is exactly what reading the family
afresh gives (tests/advocacy/test_statistics_stored.py builds a year both ways).
"""

from __future__ import annotations

from dataclasses import dataclass

from .audit import Cell
from .family import merge_pieces, month_links, named_rows, release_cells, waiting_cells
from .models import Release, SegmentSnapshot
from .periods import Period, Segment


@dataclass
class Family:
    """Every stored release of a centre's year, as the auditor's linear system."""

    releases: list[Release]
    snapshots: dict
    cells: dict
    hidden: set
    links: list


class StoredFamily:
    """The releases and segments of `centre`'s `year` stored when it is made (two
    queries), and those added since (`add`).

    `family(building)` is the family of those releases over the pieces merged as far
    as they and `building` allow. A release's cells depend only on the merged pieces
    inside its period (`release_cells`), and a merged piece only on the segments it
    joins, which do not change while this object lives: so each release's cells are
    derived once per set of pieces inside it, and kept."""

    def __init__(self, centre, year: int, threshold: int) -> None:
        self.threshold = threshold
        self.releases: list[Release] = list(Release.objects.for_centre(centre).in_family(year))
        self.pieces = {
            piece.segment.key: piece.exact
            for piece in SegmentSnapshot.objects.for_centre(centre).filter(first__year=year)
        }
        # (period key, keys of the merged pieces inside it) -> (its cells, those hidden)
        self._cells: dict[tuple, tuple[dict, set]] = {}
        self._links: dict[str, list] = {}
        # (period key, keys of the merged pieces inside it) -> its waiting cells
        self._waiting: dict[tuple, dict[tuple, Cell]] = {}
        self._summed: dict = {}  # merged piece key -> the segments it joins, summed
        self._order: list[tuple[Segment, str]] = []  # the last family's pieces, in order

    def family(self, building: list[Period] = ()) -> Family:
        """The family of the stored releases (Release.Meta's order: by first day, then
        kind), cut also at the bounds of the periods `building`."""
        periods = [*(r.period for r in self.releases), *building]
        snapshots = merge_pieces(
            self.pieces,
            cuts={day for period in periods for day in (period.first, period.end)},
            summed=self._summed,
        )
        self._order = sorted((Segment.parse(key), key) for key in snapshots)
        cells, hidden = {}, set()
        for stored in self.releases:
            memo = self._memo(stored.period)
            if memo not in self._cells:
                these = release_cells(
                    stored.period,
                    snapshots,
                    threshold=self.threshold,
                    standalone=stored.standalone,
                    named=named_rows(stored.published),
                )
                self._cells[memo] = (these, _hidden(these, stored.published))
            these, hid = self._cells[memo]
            cells.update(these)
            hidden |= hid
        links = []
        for key, snapshot in snapshots.items():
            if key not in self._links:
                self._links[key] = month_links(key, snapshot)
            links += self._links[key]
        return Family(list(self.releases), snapshots, cells, hidden, links)

    def waiting(self, periods: list[Period], snapshots: dict) -> dict[tuple, Cell]:
        """`family.waiting_cells` of `periods` over `snapshots`, the merged pieces of
        the last `family` call: each period's cells are derived once per set of
        pieces inside it, as a stored release's are, and kept (a week or month still
        to be released is waiting through every build of the year before it)."""
        cells: dict[tuple, Cell] = {}
        for period in periods:
            memo = self._memo(period)
            if memo not in self._waiting:
                self._waiting[memo] = waiting_cells([period], snapshots, threshold=self.threshold)
            cells.update(self._waiting[memo])
        return cells

    def add(self, built: Release, cells: dict) -> None:
        """`built` is stored now; `cells`: its cells over the last family's pieces (as
        `release_cells` chose its named rows, which are those it published)."""
        self.releases.append(built)
        self.releases.sort(key=lambda r: (r.period_start, str(r.period_kind)))
        self._cells[self._memo(built.period)] = (cells, _hidden(cells, built.published))

    def _memo(self, period: Period) -> tuple:
        return (period.key, tuple(key for piece, key in self._order if piece.within(period)))


def _hidden(cells: dict, published: dict) -> set:
    return {k for k in cells if published.get(k[1], {}).get(k[2], 0) is None}
