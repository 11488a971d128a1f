"""Reads of workers' demand and of service use, aggregated by category, with small
cells hidden for everyone outside the centre's staff.

Both tables come with totals, so hiding a small cell is not enough: a hidden cell
must not be recomputable from the visible cells and the totals. Service use is a set
of one-way breakdowns (`members.selectors.suppress` as on the dashboard); demand is a
two-way table, with totals both ways (`suppress_grid`).
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.models import Centre
from members.models import Consent, ConsentPurpose
from members.selectors import suppress, suppress_one

from .models import Booking, BookingStatus, RequestStatus, Service, ServiceRequest, Session

Cell = tuple[Hashable, Hashable]
TOTAL = "total"
ALL = "all"
UPCOMING_DAYS = 28

# --- Suppression of a table with totals ------------------------------------------


def suppress_grid(cells: Mapping[Cell, int], threshold: int) -> dict[Cell, int | None]:
    """Hide (as None) the counts from 1 to threshold - 1 of a table whose last row and
    last column are totals, and then as few other counts as it takes so that no hidden
    count can be worked out from the visible ones (`suppress`, in two dimensions).

    Every cell is in one row and one column, each of which adds up to its total: see
    the cells as the edges of a graph between rows and columns. A hidden cell can be
    worked out exactly when it is a bridge of the graph of hidden cells (no other path
    of hidden cells joins its row and its column). Such a bridge is closed into a cycle
    by hiding the cheapest path of visible cells; zeros describe nobody, so they stay
    visible unless no other path exists.
    """
    hidden = {cell for cell, count in cells.items() if 0 < count < threshold}
    while (bridge := _bridge(hidden)) is not None:
        path = _cheapest_path(cells, hidden, bridge, zeros=False) or _cheapest_path(
            cells, hidden, bridge, zeros=True
        )
        if not path:  # cannot happen in a full table; hide everything rather than leak
            hidden = set(cells)
            break
        hidden |= path
    return {cell: None if cell in hidden else count for cell, count in cells.items()}


def _ends(cell: Cell) -> tuple[tuple[str, Hashable], tuple[str, Hashable]]:
    return ("row", cell[0]), ("column", cell[1])


def _bridge(hidden: set[Cell]) -> Cell | None:
    links: dict = {}
    for cell in hidden:
        a, b = _ends(cell)
        links.setdefault(a, []).append((cell, b))
        links.setdefault(b, []).append((cell, a))
    for cell in sorted(hidden, key=str):
        start, goal = _ends(cell)
        reached, frontier = {start}, [start]
        while frontier:
            for other, there in links[frontier.pop()]:
                if other != cell and there not in reached:
                    reached.add(there)
                    frontier.append(there)
        if goal not in reached:
            return cell
    return None


def _cheapest_path(
    cells: Mapping[Cell, int], hidden: set[Cell], bridge: Cell, *, zeros: bool
) -> set[Cell]:
    """The visible cells of the cheapest path from the bridge's row to its column that
    does not use the bridge; a hidden cell costs nothing, a visible one its count + 1
    (so that, of two paths hiding as many people, the one hiding fewer cells wins)."""
    links: dict = {}
    for cell, count in cells.items():
        if cell != bridge and (cell in hidden or count or zeros):
            a, b = _ends(cell)
            step = 0 if cell in hidden else count + 1
            links.setdefault(a, []).append((step, cell, b))
            links.setdefault(b, []).append((step, cell, a))
    start, goal = _ends(bridge)
    best: dict = {start: (0, frozenset())}
    queue = [(0, str(start), start)]
    while queue:
        cost, _order, node = heapq.heappop(queue)
        if node == goal:
            return set(best[node][1])
        if cost > best[node][0]:
            continue
        for step, cell, there in links.get(node, ()):
            path = best[node][1] if step == 0 else best[node][1] | {cell}
            if there not in best or cost + step < best[there][0]:
                best[there] = (cost + step, path)
                heapq.heappush(queue, (cost + step, str(there), there))
    return set()


def _consented(member_field: str):
    """Members outside the staff's view count only with consent to anonymised statistics."""
    return Exists(
        Consent.objects.current().filter(
            member=OuterRef(member_field), purpose=ConsentPurpose.STATISTICS
        )
    )


def _percent(part: int | None, whole: int | None) -> int | None:
    if part is None or not whole:
        return None
    return round(part * 100 / whole)


# --- Demand: what workers ask for against what is offered ----------------------------

STATUSES = tuple(RequestStatus)


@dataclass(frozen=True)
class DemandRow:
    category: ServiceCategory | None  # None: the requests that named no kind of service
    requests: dict[str, int | None]  # by status, and ALL
    services: int
    sessions: int
    places: int

    @property
    def by_status(self) -> list[tuple[str, int | None]]:
        return [(status.value, self.requests[status.value]) for status in STATUSES]


@dataclass(frozen=True)
class Demand:
    threshold: int | None
    rows: list[DemandRow]
    total: DemandRow

    @property
    def suppressed(self) -> bool:
        return self.threshold is not None


def demand_figures(*, centre: Centre, threshold: int | None, now: datetime | None = None) -> Demand:
    """Requests by category and status against the active services and the sessions
    (and places) of the next four weeks. Four queries, whatever the numbers.

    With a threshold the figures leave the centre's staff: a request made by a member
    counts only if the member consents to anonymised statistics (anonymous ones always
    count), and small cells are hidden.
    """
    now = now or timezone.now()
    categories = list(ServiceCategory.objects.for_centre(centre))
    requests = ServiceRequest.objects.for_centre(centre)
    if threshold is not None:
        requests = requests.filter(Q(member__isnull=True) | _consented("member"))
    counts: dict[Cell, int] = {}
    for category_id, status, number in (
        requests.order_by()
        .values("category", "status")
        .annotate(n=Count("pk"))
        .values_list("category", "status", "n")
    ):
        counts[(category_id, status)] = number
    services = dict(
        Service.objects.for_centre(centre)
        .filter(active=True)
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    sessions = {
        row["service__category"]: row
        for row in Session.objects.for_centre(centre)
        .running()
        .between(now, now + timedelta(days=UPCOMING_DAYS))
        .order_by()
        .values("service__category")
        .annotate(n=Count("pk"), places=Sum("capacity"))
    }
    keys = [category.pk for category in categories]
    if any(category_id is None for category_id, _status in counts):
        keys.append(None)
    cells = _demand_cells(keys, counts)
    if threshold is not None:
        cells = suppress_grid(cells, threshold)
    by_key = {category.pk: category for category in categories}
    rows = [
        DemandRow(
            category=by_key.get(key),
            requests={column: cells[(key, column)] for column in _request_columns()},
            services=services.get(key, 0),
            sessions=sessions.get(key, {}).get("n", 0),
            places=sessions.get(key, {}).get("places") or 0,
        )
        for key in keys
    ]
    total = DemandRow(
        category=None,
        requests={column: cells[(TOTAL, column)] for column in _request_columns()},
        services=sum(row.services for row in rows),
        sessions=sum(row.sessions for row in rows),
        places=sum(row.places for row in rows),
    )
    return Demand(threshold=threshold, rows=rows, total=total)


def _request_columns() -> list[str]:
    return [status.value for status in STATUSES] + [ALL]


def _demand_cells(keys: list, counts: Mapping[Cell, int]) -> dict[Cell, int]:
    cells: dict[Cell, int] = {}
    for key in keys:
        for status in STATUSES:
            cells[(key, status.value)] = counts.get((key, status.value), 0)
        cells[(key, ALL)] = sum(cells[(key, status.value)] for status in STATUSES)
    for column in _request_columns():
        cells[(TOTAL, column)] = sum(cells[(key, column)] for key in keys)
    return cells


# --- Service use: what was offered against who came -----------------------------------

# People counts shown to everyone; attended, walk-ins and "not marked" only to staff,
# since with "people who came" beside them one would give the other away.
SHARED_COUNTS = ("booked", "people", "no_shows")


@dataclass(frozen=True)
class UseRow:
    """Sessions held in a category and how they were used. A no-show is a booked place
    marked as missed; booked places not (yet) marked are counted apart, never guessed."""

    category: ServiceCategory | None  # None on the totals row
    sessions: int
    places: int
    booked: int | None
    attended: int | None  # booked places marked as attended
    walk_ins: int | None
    people: int | None  # attended + walk-ins
    no_shows: int | None
    not_marked: int | None

    @property
    def capacity_percent(self) -> int | None:
        return _percent(self.people, self.places)

    @property
    def no_show_percent(self) -> int | None:
        return _percent(self.no_shows, self.booked)


@dataclass(frozen=True)
class ServiceUse:
    threshold: int | None
    rows: list[UseRow]
    total: UseRow

    @property
    def suppressed(self) -> bool:
        return self.threshold is not None


def service_use(
    *, centre: Centre, since: datetime, until: datetime, threshold: int | None
) -> ServiceUse:
    """Per category, the centre's sessions held (not cancelled) that started from
    `since` (included) to `until` (excluded): places, booked, attended, walk-ins,
    no-shows. One query, whatever the number of sessions and bookings.

    With a threshold the figures leave the centre's staff: bookings count only members
    who consent to anonymised statistics, and small cells are hidden.
    """
    booked = Booking.objects.filter(session=OuterRef("pk"), status=BookingStatus.BOOKED)
    if threshold is not None:
        booked = booked.filter(_consented("member"))

    def per_session(bookings):
        count = bookings.order_by().values("session").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(count, output_field=IntegerField()), 0)

    category = "service__category__"
    grouped = (
        Session.objects.for_centre(centre)
        .running()
        .between(since, until)
        .annotate(
            n_booked=per_session(booked),
            n_attended=per_session(booked.filter(attended=True)),
            n_missed=per_session(booked.filter(attended=False)),
            n_unmarked=per_session(booked.filter(attended__isnull=True)),
        )
        .order_by()
        .values(
            "service__category",
            *(category + field for field in ("code", "kind", "own_name", "centre", "position")),
        )
        .annotate(
            sessions=Count("pk"),
            places=Sum("capacity"),
            walk_ins=Sum("walk_ins"),
            booked=Sum("n_booked"),
            attended=Sum("n_attended"),
            no_shows=Sum("n_missed"),
            not_marked=Sum("n_unmarked"),
        )
    )
    rows = sorted(
        (
            {
                **row,
                "category": ServiceCategory(
                    pk=row["service__category"],
                    **{field: row[category + field] for field in ("code", "kind", "own_name")},
                    centre_id=row[category + "centre"],
                    position=row[category + "position"],
                ),
                "people": row["attended"] + row["walk_ins"],
            }
            for row in grouped
        ),
        key=lambda row: (row["category"].kind, row["category"].position, row["category"].code),
    )
    return _service_use(rows, threshold)


COUNTS = ("booked", "attended", "walk_ins", "people", "no_shows", "not_marked")


def _service_use(rows: list[dict], threshold: int | None) -> ServiceUse:
    totals = {field: sum(row[field] for row in rows) for field in ("sessions", "places", *COUNTS)}
    if threshold is not None:
        # Rows add up to the totals column by column; within a row, the shared counts
        # do not add up to one another (attended and walk-ins stay with the staff).
        for field in SHARED_COUNTS:
            shown = suppress({index: row[field] for index, row in enumerate(rows)}, threshold)
            for index, row in enumerate(rows):
                row[field] = shown[index]
            totals[field] = suppress_one(totals[field], threshold)
        for row in [*rows, totals]:
            row.update({field: None for field in COUNTS if field not in SHARED_COUNTS})
    return ServiceUse(
        threshold=threshold,
        rows=[_use_row(row["category"], row) for row in rows],
        total=_use_row(None, totals),
    )


def _use_row(category: ServiceCategory | None, row: Mapping) -> UseRow:
    return UseRow(
        category=category,
        sessions=row["sessions"],
        places=row["places"],
        **{field: row[field] for field in COUNTS},
    )
