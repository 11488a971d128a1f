"""Keyset ("older / newer") pagination for the long lists, newest first.

A page is found from the last row seen, never by OFFSET, and nothing counts the whole
table: deep pages cost what the first page costs. The cursor (in the URL, or in a
posted form for a search) is `<key>.<id>` of the row at the page's edge, where the key
is a whole number: microseconds since 1970 for a time, days since 1970 for a date, the
value itself for a number (a member's number). A time or a number and a row number,
no personal data. A cursor that does not parse gives the first page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import models
from django.db.models import Q, QuerySet

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_DAY = date(1970, 1, 1)
ONE_MICROSECOND = timedelta(microseconds=1)
CURSOR = re.compile(r"\A(\d{1,17})\.(\d{1,18})\Z")
PARAMETERS = ("older", "newer", "page")


def _number(value: datetime | date | int) -> int:
    if isinstance(value, datetime):
        return (value - EPOCH) // ONE_MICROSECOND
    if isinstance(value, date):
        return (value - EPOCH_DAY).days
    return int(value)


def cursor_of(value: datetime | date | int, pk: int) -> str:
    """The cursor of a row whose key is `value` (a time, a date or a whole number)."""
    return f"{_number(value)}.{pk}"


def parse_cursor(
    text: str | None, field: models.Field | None = None
) -> tuple[datetime | date | int, int] | None:
    """(key, id) from a cursor, the key read as `field` holds it (a time without one);
    None for anything else, including keys out of the field's range."""
    match = CURSOR.match(text or "")
    if not match:
        return None
    number, pk = int(match[1]), int(match[2])
    try:
        if field is None or isinstance(field, models.DateTimeField):
            value = EPOCH + number * ONE_MICROSECOND
        elif isinstance(field, models.DateField):
            value = EPOCH_DAY + timedelta(days=number)
        else:
            value = number if number < 2**31 else None
    except OverflowError:
        return None
    return (value, pk) if value is not None and pk < 2**63 else None


@dataclass
class KeysetPage:
    object_list: list
    older: str | None = None  # cursor for the next page of older rows, if any
    newer: str | None = None  # cursor for the page of newer rows, if any
    is_first: bool = True

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.older or self.newer)


def keyset_page(queryset: QuerySet, params, *, key: str, size: int = 50) -> KeysetPage:
    """One page of `queryset`, newest first by (`key`, id), after the cursor in `params`
    (`older=` or `newer=`, from a query string or a posted form). `key` names a time,
    date or whole-number field of the model. One query per page; two when "newer"
    reaches the newest rows."""
    field = queryset.model._meta.get_field(key)
    older = parse_cursor(params.get("older"), field)
    newer = None if older else parse_cursor(params.get("newer"), field)
    if newer:
        value, pk = newer
        rows = list(
            queryset.filter(**{f"{key}__gte": value})
            .filter(Q(**{f"{key}__gt": value}) | Q(**{key: value, "pk__gt": pk}))
            .order_by(key, "pk")[: size + 1]
        )
        if len(rows) > size:
            rows = rows[:size][::-1]
            return _page(rows, key, older_after=True, newer_before=True)
        # Reached the newest rows: show the first page itself, full.
    if older:
        value, pk = older
        queryset = queryset.filter(**{f"{key}__lte": value}).filter(
            Q(**{f"{key}__lt": value}) | Q(**{key: value, "pk__lt": pk})
        )
    rows = list(queryset.order_by(f"-{key}", "-pk")[: size + 1])
    more = len(rows) > size
    return _page(rows[:size], key, older_after=more, newer_before=bool(older))


def _page(rows: list, key: str, *, older_after: bool, newer_before: bool) -> KeysetPage:
    def edge(row):
        return cursor_of(getattr(row, key), row.pk)

    return KeysetPage(
        object_list=rows,
        older=edge(rows[-1]) if rows and older_after else None,
        newer=edge(rows[0]) if rows and newer_before else None,
        is_first=not newer_before,
    )


def query_without_cursor(params) -> str:
    """The page's other parameters (its filters), for the older / newer links."""
    query = params.copy()
    for name in PARAMETERS:
        query.pop(name, None)
    return query.urlencode()
