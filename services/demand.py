"""Live, exact reads of workers' demand and of service use, aggregated by category,
for the centre's staff. Figures for anyone outside the staff come from releases of
closed periods (advocacy.statistics), never from here.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.models import Centre

from .models import Booking, BookingStatus, RequestStatus, Service, ServiceRequest, Session

Cell = tuple[Hashable, Hashable]
TOTAL = "total"
ALL = "all"
UPCOMING_DAYS = 28


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
    rows: list[DemandRow]
    total: DemandRow


def demand_figures(*, centre: Centre, now: datetime | None = None) -> Demand:
    """Requests by category and status against the active services and the sessions
    (and places) of the next four weeks, exactly. Four queries, whatever the numbers."""
    now = now or timezone.now()
    categories = list(ServiceCategory.objects.for_centre(centre))
    requests = ServiceRequest.objects.for_centre(centre)
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
    return Demand(rows=rows, total=total)


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


@dataclass(frozen=True)
class Capacity:
    """People who came to sessions against the places those sessions offered. Walk-ins
    come without a place, so more people than places is a fact to state, not a
    percentage over 100: `filled` is the share of places filled (0–100, rounded) only
    while people ≤ places, and `over` says how many more people came than there were
    places (0 when they did not). `people` None: hidden (a released figure)."""

    people: int | None
    places: int

    @property
    def filled(self) -> int | None:
        if self.people is None or not self.places or self.people > self.places:
            return None
        return _percent(self.people, self.places)

    @property
    def over(self) -> int:
        return 0 if self.people is None else max(0, self.people - self.places)


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
    def capacity(self) -> Capacity:
        return Capacity(self.people, self.places)

    @property
    def no_show_percent(self) -> int | None:
        return _percent(self.no_shows, self.booked)


@dataclass(frozen=True)
class ServiceUse:
    rows: list[UseRow]
    total: UseRow

    @property
    def over_capacity(self) -> bool:
        """True when some kind of service had more people than places (walk-ins)."""
        return any(row.capacity.over for row in self.rows)


def service_use(*, centre: Centre, since: datetime, until: datetime) -> ServiceUse:
    """Per category, the centre's sessions held (not cancelled) that started from
    `since` (included) to `until` (excluded): places, booked, attended, walk-ins,
    no-shows, exactly. One query, whatever the number of sessions and bookings."""
    booked = Booking.objects.filter(session=OuterRef("pk"), status=BookingStatus.BOOKED)

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
    return _service_use(rows)


COUNTS = ("booked", "attended", "walk_ins", "people", "no_shows", "not_marked")


def _service_use(rows: list[dict]) -> ServiceUse:
    totals = {field: sum(row[field] for row in rows) for field in ("sessions", "places", *COUNTS)}
    return ServiceUse(
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
