"""Per-centre daily roll-ups of the visits that may be counted outside the staff.

Released figures (advocacy's safe-figures layer) read a month of visits from these
rows instead of from the visits themselves: about 60 rows per centre and day whatever
the number of visits. For each centre and closed local day (`VisitDay`), `VisitCount`
holds the people counted per row of each table: ``visits.kind``, ``visits.hour``,
``visits.weekday``, ``visits.gender``, ``visits.age_band``, ``visits.nationality``
and ``visits.purpose`` (labels as in `advocacy.statistics.tables`).

Counted: anonymous head-counts, and members who consent to anonymised statistics when
the day is rolled up; an identified visit is described by its member's attributes.

- **Built for closed days only**, on first read (`visit_tables`, when a month is
  released), in three GROUP BY queries over a whole range of days (hour; kind with
  gender, age band and nationality; purpose). Rebuilding is idempotent: a day's rows
  are deleted and written again in one transaction.
- **Kept correct**: whatever changes what a day counts forgets that day, and the next
  reader rolls it up again: a visit logged (late or back-dated: `forget_days`), a
  member's consent to statistics given or withdrawn, an erasure or a retention
  anonymisation, a change of a member's gender, age band or nationality
  (`forget_member`: every day the member came).
- **Not additive**: different members who came in a period is not the sum of days,
  so it is not rolled up; `advocacy.statistics.tables.unique_members` counts it with
  one COUNT(DISTINCT) over the period's visits, read through the (centre, arrived_at)
  index.

The same days also hold the staff's exact tables (`STAFF_TABLES`: every visit,
consent or not, read only by `members.selectors.visit_figures` for the centre's live
dashboard): ``staff.kind``, ``staff.hour`` and ``staff.purpose``. `visit_tables`
never returns them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from centres.local_time import day_bounds, today, zone_of
from centres.models import Centre

from .models import AgeBand, Consent, ConsentPurpose, Gender, Visit
from .rollup_models import VisitCount, VisitDay

TABLES = (
    "visits.kind",
    "visits.hour",
    "visits.weekday",
    "visits.gender",
    "visits.age_band",
    "visits.nationality",
    "visits.purpose",
)
# Exact counts of every visit, for the centre's own staff only (never released).
STAFF_TABLES = ("staff.kind", "staff.hour", "staff.purpose")


def counted_visits(centre, start, end):
    """Visits from `start` to `end` (instants) that may be counted outside the staff:
    anonymous head-counts, and members who consent to anonymised statistics now."""
    consenting = Exists(
        Consent.objects.current().filter(
            member=OuterRef("member"), purpose=ConsentPurpose.STATISTICS
        )
    )
    return (
        Visit.objects.for_centre(centre)
        .between(start, end)
        .filter(Q(member__isnull=True) | consenting)
        .order_by()
    )


def _described(field: str):
    """The visit's own attribute for a head-count, its member's for a member's visit."""
    return Case(
        When(member__isnull=False, then=F(f"member__{field}")),
        default=F(field),
        output_field=CharField(),
    )


def rows_from_visits(centre, first: date, last: date) -> dict[date, dict[str, dict]]:
    """{day: {table: {label: people}}} for the local days `first` to `last`, read
    from the visits themselves (three GROUP BY queries over the range)."""
    zone = zone_of(centre)
    visits = counted_visits(centre, *day_bounds(first, last, zone)).annotate(
        day=TruncDate("arrived_at", tzinfo=zone)
    )
    days: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for day, hour, people in (
        visits.annotate(h=ExtractHour("arrived_at", tzinfo=zone))
        .values("day", "h")
        .annotate(n=Sum("people"))
        .values_list("day", "h", "n")
    ):
        days[day]["visits.hour"][f"{hour:02d}"] += people
        days[day]["visits.weekday"][str(day.isoweekday())] += people
    genders, ages = set(Gender.values), set(AgeBand.values)
    for row in (
        visits.annotate(
            identified=ExpressionWrapper(Q(member__isnull=False), output_field=BooleanField()),
            g=_described("gender"),
            a=_described("age_band"),
            c=_described("nationality"),
        )
        .values("day", "identified", "g", "a", "c")
        .annotate(n=Sum("people"))
    ):
        tables, n = days[row["day"]], row["n"]
        tables["visits.kind"]["identified" if row["identified"] else "anonymous"] += n
        tables["visits.gender"][row["g"] if row["g"] in genders else ""] += n
        tables["visits.age_band"][row["a"] if row["a"] in ages else ""] += n
        tables["visits.nationality"][row["c"] or ""] += n
    for day, category, people in (
        visits.filter(purposes__isnull=False)
        .values("day", "purposes")
        .annotate(n=Sum("people"))
        .values_list("day", "purposes", "n")
    ):
        days[day]["visits.purpose"][str(category)] += people
    return {day: {t: dict(labels) for t, labels in tables.items()} for day, tables in days.items()}


def staff_rows_from_visits(centre, first: date, last: date) -> dict[date, dict[str, dict]]:
    """{day: {table: {label: people}}} of `STAFF_TABLES` for the local days `first` to
    `last`, from every visit of the centre (two GROUP BY queries over the range)."""
    zone = zone_of(centre)
    visits = (
        Visit.objects.for_centre(centre)
        .between(*day_bounds(first, last, zone))
        .order_by()
        .annotate(day=TruncDate("arrived_at", tzinfo=zone))
    )
    days: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for day, hour, identified, people in (
        visits.annotate(
            h=ExtractHour("arrived_at", tzinfo=zone),
            identified=ExpressionWrapper(Q(member__isnull=False), output_field=BooleanField()),
        )
        .values("day", "h", "identified")
        .annotate(n=Sum("people"))
        .values_list("day", "h", "identified", "n")
    ):
        days[day]["staff.hour"][f"{hour:02d}"] += people
        days[day]["staff.kind"]["identified" if identified else "anonymous"] += people
    for day, category, people in (
        visits.filter(purposes__isnull=False)
        .values("day", "purposes")
        .annotate(n=Sum("people"))
        .values_list("day", "purposes", "n")
    ):
        days[day]["staff.purpose"][str(category)] += people
    return {day: {t: dict(labels) for t, labels in tables.items()} for day, tables in days.items()}


@transaction.atomic
def rebuild(centre, first: date, last: date) -> int:
    """Roll up the centre's closed local days `first` to `last` (a day not yet ended
    is left out). Idempotent: each day's rows are replaced. Returns the rows written."""
    last = min(last, today(centre) - timedelta(days=1))
    if last < first:
        return 0
    rows = rows_from_visits(centre, first, last)
    for day, tables in staff_rows_from_visits(centre, first, last).items():
        rows.setdefault(day, {}).update(tables)
    VisitCount.objects.filter(centre=centre, day__gte=first, day__lte=last).delete()
    VisitDay.objects.filter(centre=centre, day__gte=first, day__lte=last).delete()
    now = timezone.now()
    VisitDay.objects.bulk_create(
        VisitDay(centre=centre, day=first + timedelta(days=n), built_at=now)
        for n in range((last - first).days + 1)
    )
    counts = [
        VisitCount(centre=centre, day=day, table=table, label=label, people=people)
        for day, tables in rows.items()
        for table, labels in tables.items()
        for label, people in labels.items()
        if people
    ]
    VisitCount.objects.bulk_create(counts, batch_size=2000)
    return len(counts)


def visit_tables(centre, first: date, last: date) -> dict[str, dict[str, int]]:
    """{table: {label: people}} over the local days `first` to `last`, summed from the
    roll-ups; closed days not rolled up yet (or forgotten since) are rolled up first,
    in one rebuild from the first to the last of them. Days not yet ended are read
    from the visits and never stored. Rows with no people are absent."""
    tables: dict[str, dict[str, int]] = {table: {} for table in TABLES}
    closed = min(last, today(centre) - timedelta(days=1))
    if closed < last:
        for day_tables in rows_from_visits(
            centre, max(first, closed + timedelta(days=1)), last
        ).values():
            for table, labels in day_tables.items():
                for label, people in labels.items():
                    tables[table][label] = tables[table].get(label, 0) + people
    if closed < first:
        return tables
    roll_up_missing(centre, first, closed)
    for table, label, people in (
        VisitCount.objects.filter(centre=centre, day__gte=first, day__lte=closed, table__in=TABLES)
        .order_by()
        .values("table", "label")
        .annotate(n=Sum("people"))
        .values_list("table", "label", "n")
    ):
        tables[table][label] = tables[table].get(label, 0) + people
    return tables


def roll_up_missing(centre, first: date, last: date) -> bool:
    """Roll up the closed days from `first` to `last` that are not rolled up (or were
    forgotten since), in one rebuild from the first to the last of them, one centre at
    a time (a lock on its row); one query when none is missing. True if it rolled up."""
    missing = _missing(centre, first, last)
    if not missing:
        return False
    with transaction.atomic():
        # One roll-up at a time per centre: two first readers of the same days would
        # both insert them. The second waits here, then finds them built.
        Centre.objects.select_for_update().filter(pk=centre.pk).first()
        missing = _missing(centre, first, last)
        if missing:
            rebuild(centre, missing[0], missing[-1])
    return bool(missing)


def _missing(centre, first: date, last: date) -> list[date]:
    built = set(
        VisitDay.objects.filter(centre=centre, day__gte=first, day__lte=last).values_list(
            "day", flat=True
        )
    )
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [day for day in days if day not in built]


def staff_tables(centre, first: date, last: date) -> dict[date, dict[str, dict[str, int]]]:
    """{day: {table: {label: people}}} of `STAFF_TABLES` for the closed local days
    `first` to `last` (`last` before the centre's today), rolled up first where
    missing; a day nobody came is absent. Two queries once every day is rolled up."""
    roll_up_missing(centre, first, last)
    days: dict = defaultdict(lambda: defaultdict(dict))
    for day, table, label, people in VisitCount.objects.filter(
        centre=centre, day__gte=first, day__lte=last, table__in=STAFF_TABLES
    ).values_list("day", "table", "label", "people"):
        days[day][table][label] = people
    return days


def version(centre) -> str:
    """A token that changes whenever a closed day of `centre` is forgotten: part of the
    cache key of anything computed from its closed days that is not rolled up (such as
    different members who came), so such a figure is never read stale."""
    key = f"visit-rollups:{centre.pk}"
    token = cache.get(key)
    if token is None:
        token = uuid4().hex
        cache.add(key, token, timeout=None)
        token = cache.get(key, token)
    return token


def bucket(field: str, bounds) -> Bucket:
    """The number of the bound [low, high) of `bounds` that `field` falls in, or NULL:
    grouped by, it counts the rows of many ranges in one query."""
    return Bucket(field, bounds)


class Bucket(Expression):
    """CASE WHEN field >= low AND field < high THEN n … ELSE NULL END over `bounds`:
    the SQL Case(When(Q(field__gte=low, field__lt=high), then=n), …) gives, written
    in one pass. A Case is a tree of a When, a Q and two lookups per bound, copied
    whenever its queryset is and compiled anew in every query: about half a
    millisecond per bound and query, most of the Python cost of reading a year's 62
    segments in one set of queries."""

    output_field = IntegerField()

    def __init__(self, field: str, bounds) -> None:
        super().__init__()
        self.source = F(field)
        self.bounds = [(low, high) for low, high in bounds]

    def get_source_expressions(self) -> list:
        return [self.source]

    def set_source_expressions(self, expressions) -> None:
        (self.source,) = expressions

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        column, params = compiler.compile(self.source)
        field = self.source.output_field
        whens, values = [], []
        for n, (low, high) in enumerate(self.bounds):
            whens.append(f"WHEN ({column} >= %s AND {column} < %s) THEN {int(n)}")
            values += [*params, field.get_db_prep_value(low, connection)]
            values += [*params, field.get_db_prep_value(high, connection)]
        if not whens:
            return "NULL", []
        return f"CASE {' '.join(whens)} ELSE NULL END", values


def visit_tables_by_range(centre, ranges) -> list[dict[str, dict[str, int]]]:
    """For each range [first, end) of local days in `ranges` (ranges that do not
    overlap), what `visit_tables(centre, first, end - 1 day)` gives: {table: {label:
    people}}, in the order given. Closed days not rolled up yet are rolled up first in
    one rebuild, then every closed range is summed in one GROUP BY over the roll-ups; a
    range with a day not yet ended is read on its own (`visit_tables`)."""
    result: list[dict[str, dict[str, int]]] = [{t: {} for t in TABLES} for _ in ranges]
    yesterday = today(centre) - timedelta(days=1)
    closed = []
    for n, (first, end) in enumerate(ranges):
        if end - timedelta(days=1) > yesterday:
            result[n] = visit_tables(centre, first, end - timedelta(days=1))
        elif first < end:
            closed.append((n, first, end))
    if not closed:
        return result
    low, high = min(c[1] for c in closed), max(c[2] for c in closed)
    roll_up_missing(centre, low, high - timedelta(days=1))
    slots = [n for n, _first, _end in closed]
    for slot, table, label, people in (
        VisitCount.objects.filter(centre=centre, day__gte=low, day__lt=high, table__in=TABLES)
        .annotate(range_no=bucket("day", [(first, end) for _n, first, end in closed]))
        .order_by()
        .values("range_no", "table", "label")
        .annotate(n=Sum("people"))
        .values_list("range_no", "table", "label", "n")
    ):
        if slot is not None:
            tables = result[slots[slot]]
            tables[table][label] = tables[table].get(label, 0) + people
    return result


def forget_days(centre, days) -> None:
    """The roll-ups of these local days of `centre` no longer hold: roll them up again
    when next read."""
    days = set(days)
    VisitDay.objects.filter(centre=centre, day__in=days).delete()
    VisitCount.objects.filter(centre=centre, day__in=days).delete()
    key = f"visit-rollups:{centre.pk}"
    cache.delete(key)
    # Again once committed: a reader between now and the commit still saw the old rows.
    transaction.on_commit(lambda: cache.delete(key))


def forget_instant(centre, instant) -> None:
    """A visit at `instant` was added or changed: forget its local day. Only closed
    days are rolled up, so a visit of today (the common case) forgets nothing and
    costs no query."""
    day = timezone.localdate(instant, zone_of(centre))
    if day < today(centre):
        forget_days(centre, [day])


def forget_member(member) -> None:
    """Whether or how `member` is counted changed (consent, erasure, attributes):
    forget every day on which they came (one query for the days)."""
    centre = member.centre
    days = (
        Visit.objects.filter(member=member)
        .annotate(day=TruncDate("arrived_at", tzinfo=zone_of(centre)))
        .order_by()
        .values_list("day", flat=True)
        .distinct()
    )
    forget_days(centre, list(days))
