"""Export of sessions for the manager: use against capacity, counts only, never names.

Times are the centre's local time with their UTC offset; columns and values are stable
codes whatever the exporter's language, with translated names only in `*_label` columns.
`centres.exports` writes the file.
"""

from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from centres.exports import DATETIME, Column, Table
from centres.local_time import local_iso, zone_of

from .models import Session

COLUMNS = [
    Column("service", free_text=True),
    Column("category"),
    Column("category_label", free_text=True),
    Column("starts", kind=DATETIME),
    Column("ends", kind=DATETIME),
    Column("cancelled"),
    Column("places"),
    Column("booked"),
    Column("waiting"),
    Column("attended"),
    Column("no_shows"),
    Column("walk_ins"),
]


def sessions_for_export(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """The sessions with their booking counts (`Session.objects.with_booking_counts`), in
    one query, in starting order."""
    return (
        sessions.select_related("service__category")
        .with_booking_counts()
        .order_by("starts_at", "pk")
    )


def sessions_export(sessions: QuerySet[Session], *, centre) -> Table:
    """The centre's `sessions` as a table, one row per session in starting order."""
    return Table(
        what="sessions",
        columns=COLUMNS,
        rows=_rows(sessions_for_export(sessions), zone_of(centre)),
        count=sessions.count,
    )


def _rows(sessions: QuerySet[Session], zone: ZoneInfo) -> Iterator[list]:
    for session in sessions.iterator(chunk_size=2000):
        category = session.service.category
        yield [
            session.service.name,
            category.code,
            str(category.name),
            local_iso(session.starts_at, zone),
            local_iso(session.ends_at, zone),
            int(session.is_cancelled),
            session.capacity,
            session.booked_count,
            session.waiting_count,
            session.attended_count,
            session.missed_count,
            session.walk_ins,
        ]
