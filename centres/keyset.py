"""Keyset ("older / newer") pagination for the long logs, newest first.

A page is found from the last row seen, never by OFFSET, and nothing counts the whole
table: deep pages cost what the first page costs. The cursor in the URL is
`<microseconds since 1970>.<id>` of the row at the page's edge — a time and a row
number, no personal data. A cursor that does not parse gives the first page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)
CURSOR = re.compile(r"\A(\d{1,17})\.(\d{1,18})\Z")
PARAMETERS = ("older", "newer", "page")


def cursor_of(instant: datetime, pk: int) -> str:
    return f"{(instant - EPOCH) // ONE_MICROSECOND}.{pk}"


def parse_cursor(text: str | None) -> tuple[datetime, int] | None:
    match = CURSOR.match(text or "")
    if not match:
        return None
    try:
        instant = EPOCH + int(match[1]) * ONE_MICROSECOND
    except OverflowError:
        return None
    pk = int(match[2])
    return (instant, pk) if pk < 2**63 else None


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
    (`older=` or `newer=`). One query per page; two when "newer" reaches the newest rows."""
    older = parse_cursor(params.get("older"))
    newer = None if older else parse_cursor(params.get("newer"))
    if newer:
        instant, pk = newer
        rows = list(
            queryset.filter(**{f"{key}__gte": instant})
            .filter(Q(**{f"{key}__gt": instant}) | Q(**{key: instant, "pk__gt": pk}))
            .order_by(key, "pk")[: size + 1]
        )
        if len(rows) > size:
            rows = rows[:size][::-1]
            return _page(rows, key, older_after=True, newer_before=True)
        # Reached the newest rows: show the first page itself, full.
    if older:
        instant, pk = older
        queryset = queryset.filter(**{f"{key}__lte": instant}).filter(
            Q(**{f"{key}__lt": instant}) | Q(**{key: instant, "pk__lt": pk})
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
