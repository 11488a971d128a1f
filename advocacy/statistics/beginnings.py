"""When a centre's (or a programme's) figures begin: the first local day it existed,
its creation or its first record if one was dated earlier (a register kept on paper
before the centre was set up here). A period that ends before that day has no
figures: it is refused, not shown as zeros (`periods.outward_period`), and a column
comparing with it shows "—"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from django.db.models import OuterRef, Subquery

from centres.models import Centre
from members.models import Member, Visit
from services.models import ServiceRequest, Session

from ..feedback.models import Response
from ..models import Grievance

# Each kind of record a release counts, and the field that dates it.
_DATED = (
    (Visit, "arrived_at"),
    (Member, "registered_at"),
    (Grievance, "opened_at"),
    (ServiceRequest, "created_at"),
    (Session, "starts_at"),
    (Response, "submitted_on"),
)


def first_day(centres: Sequence[Centre], zone: tzinfo) -> date | None:
    """The first local day (in `zone`) any of `centres` existed, in one query: each
    earliest date is read through the records' (centre, date) indexes. None without
    centres."""
    ids = [centre.pk for centre in centres]
    if not ids:
        return None
    earliest = {
        f"first_{n}": Subquery(
            model.objects.filter(centre_id__in=ids).order_by(field).values(field)[:1]
        )
        for n, (model, field) in enumerate(_DATED)
    }
    row = (
        Centre.objects.filter(pk__in=ids)
        .order_by("created_at")
        .annotate(**earliest)
        .values("created_at", *earliest)
        .first()
    )
    days = [_local_day(value, zone) for value in row.values() if value is not None]
    return min(days)


def first_days(centres: Sequence[Centre], zone: tzinfo) -> dict[int, date]:
    """{centre id: the first local day (in `zone`) it existed}, as `first_day` decides
    for each alone, for all of `centres` in one query."""
    earliest = {
        f"first_{n}": Subquery(
            model.objects.filter(centre_id=OuterRef("pk")).order_by(field).values(field)[:1]
        )
        for n, (model, field) in enumerate(_DATED)
    }
    rows = (
        Centre.objects.filter(pk__in=[centre.pk for centre in centres])
        .annotate(**earliest)
        .values("pk", "created_at", *earliest)
    )
    return {
        row.pop("pk"): min(_local_day(v, zone) for v in row.values() if v is not None)
        for row in rows
    }


def _local_day(value: date | datetime, zone: tzinfo) -> date:
    if isinstance(value, datetime):
        return value.astimezone(zone).date()
    return value
