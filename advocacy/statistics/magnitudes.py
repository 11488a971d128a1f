"""Magnitudes released beside the counts: how long cases take to finish, and the
wages recovered, per currency. Stored in `Release.magnitudes`, never in `published`
(whose cells are counts that add up across periods and centres; these do not).

``cases.days`` — ``{"median": n}``: the median number of local days from opening to
finishing (resolved or closed) of the consenting members' cases that finished in the
period. Released only when at least `threshold` cases contribute (the *minimum
frequency rule*); otherwise None. The number of cases is not published: it would be a
count outside the auditor's system.

``cases.wages`` — ``{currency: amount}``: wages recovered (remedies of kind "wages",
recorded in the period, consenting members' cases), summed per currency and rounded to
whole units. A sum of money can give away one worker's amount even when many workers
contribute, so a currency is released only when it passes both
  * the minimum frequency rule: at least `threshold` cases contribute, and
  * the *p% rule* with p = 10: the cell is sensitive when the total minus the two
    largest contributions is less than p% of the largest, i.e. when the second-largest
    contributor could estimate the largest to within p% by subtracting their own share.
    Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, §4.2.2 (sensitivity
    rules for magnitude tables: minimum frequency, (n, k)-dominance and p%); also
    FCSM Statistical Policy Working Paper 22 (2005), ch. 4.
A contribution is everything one case recovered in that currency in the period.
Currencies that are not released are left out, not marked hidden: a hidden row would
say that somebody recovered wages in that currency.

Differencing: a quarter's sum minus its released months' sums is the sum of the other
months; a year's sum minus everything released inside it, likewise. So a quarter or
year releases a currency only if, in addition, the contributions of the months not
covered by a released month or quarter of that currency pass the same rules (or are
none). Releases are built months first, then quarters, then the year
(`releases._build_with_parts`), so the parts are always known. A median cannot be
differenced this way and has no such check.

Weeks release the median only, never wages: a week's sum beside its month's would
leave the sum of the month's other days, which no rule above checks, and a week rarely
has `threshold` contributors anyway.

Inputs are kept with each segment's exact tables (`SegmentSnapshot.exact`;
``cases.days``: {case id: days}; ``cases.wages``: {currency: {case id: "amount"}}) so
that every period is built from exactly the same figures. A period with a piece read
before these inputs existed releases no magnitudes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.db.models import Sum

from members.rollups import bucket

from ..models import Grievance, Remedy, RemedyKind
from .periods import Period, PeriodKind, Segment, pieces_of
from .tables import FINISHED, _consenting

P_PERCENT = 10
DAYS, WAGES = "cases.days", "cases.wages"


# --- inputs of ranges of days (read from the database) -------------------------------


def month_inputs(centre, month: Period | Segment, zone) -> dict:
    """The exact inputs of a range of days (a segment, a month): days taken per
    finished case, wages per case and currency. Two queries (`range_inputs`)."""
    return range_inputs(centre, [(month.first, month.end)], zone)[0]


def range_inputs(centre, ranges: Sequence[tuple[date, date]], zone) -> list[dict]:
    """What `month_inputs` gives for each range of local days [first, end) of `ranges`
    (ranges that do not overlap), in the order given: {DAYS: {case id: days},
    WAGES: {currency: {case id: "amount"}}}. Two queries, whatever the number of
    ranges: each row is counted in the range it falls in (`rollups.bucket`)."""
    if not ranges:
        return []
    order = sorted(range(len(ranges)), key=lambda n: ranges[n])
    instants = [_instants(*ranges[n], zone) for n in order]
    start, end = instants[0][0], instants[-1][1]
    days: list[dict[str, int]] = [{} for _ in ranges]
    for n, pk, opened_at, finished_at in (
        Grievance.objects.for_centre(centre)
        .filter(finished_at__gte=start, finished_at__lt=end, status__in=FINISHED)
        .filter(member__isnull=False)
        .filter(_consenting("member"))
        .annotate(range_no=bucket("finished_at", instants))
        .order_by()
        .values_list("range_no", "pk", "opened_at", "finished_at")
    ):
        if n is not None:
            days[order[n]][str(pk)] = (
                finished_at.astimezone(zone).date() - opened_at.astimezone(zone).date()
            ).days
    wages: list[dict[str, dict[str, str]]] = [{} for _ in ranges]
    for n, currency, case, amount in (
        Remedy.objects.filter(
            grievance__centre=centre,
            grievance__member__isnull=False,
            kind=RemedyKind.WAGES,
            recorded_at__gte=start,
            recorded_at__lt=end,
            amount__gt=0,
        )
        .filter(_consenting("grievance__member"))
        .annotate(range_no=bucket("recorded_at", instants))
        .order_by()
        .values("range_no", "currency", "grievance")
        .annotate(total=Sum("amount"))
        .values_list("range_no", "currency", "grievance", "total")
    ):
        if n is not None:
            wages[order[n]].setdefault(currency.upper(), {})[str(case)] = str(amount)
    return [{DAYS: days[n], WAGES: wages[n]} for n in range(len(ranges))]


def _instants(first: date, end: date, zone) -> tuple[datetime, datetime]:
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(end, time.min, tzinfo=zone),
    )


# --- the rules (plain values) ---------------------------------------------------------


def sensitive(contributions: Iterable[Decimal], threshold: int, p: int = P_PERCENT) -> bool:
    """True when a sum of these contributions may not be released: fewer than
    `threshold` contributors, or the p% rule fails."""
    values = sorted((value for value in contributions if value > 0), reverse=True)
    if len(values) < max(threshold, 2):
        return True
    largest, second = values[0], values[1]
    return sum(values) - largest - second < Decimal(p) / 100 * largest


def _per_case(months: Iterable[Mapping], currency: str) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for inputs in months:
        for case, amount in inputs.get(WAGES, {}).get(currency, {}).items():
            totals[case] = totals.get(case, Decimal(0)) + Decimal(amount)
    return totals


def release_magnitudes(
    period: Period,
    snapshots: Mapping[str, Mapping],
    *,
    threshold: int,
    parts: Iterable[tuple[Period, Mapping]] = (),
) -> dict:
    """The magnitudes `period` releases. `snapshots`: piece key (a segment's, or a
    period's such as "2026-03") → its exact inputs (the pieces inside `period` cover
    it); `parts`: (period, released magnitudes) of the months and quarters inside
    `period` already released."""
    months = pieces_of(period, snapshots)
    if not months or not all(DAYS in snapshots[m] and WAGES in snapshots[m] for m in months):
        return {}
    days: dict[str, int] = {}
    for m in months:  # a case that finished twice counts once, with its last finish
        days.update(snapshots[m][DAYS])
    result: dict = {
        DAYS: {"median": _whole(median(days.values())) if len(days) >= threshold else None},
        WAGES: {},
    }
    if period.kind is PeriodKind.WEEK:
        return result  # no wages by week: see the module's docstring
    currencies = sorted({c for m in months for c in snapshots[m][WAGES]})
    parts = [(p, released) for p, released in parts if p.within(period) and p != period]
    for currency in currencies:
        contributions = _per_case((snapshots[m] for m in months), currency)
        if sensitive(contributions.values(), threshold):
            continue
        covered = {
            m
            for p, released in parts
            if released.get(WAGES, {}).get(currency) is not None
            for m in pieces_of(p, months)
        }
        rest = _per_case((snapshots[m] for m in months if m not in covered), currency)
        if rest and sensitive(rest.values(), threshold):
            continue
        total = sum(contributions.values()).to_integral_value(rounding=ROUND_HALF_UP)
        result[WAGES][currency] = int(total)
    return result


def parts_of(period: Period, releases: Iterable) -> list[tuple[Period, Mapping]]:
    """(period, magnitudes) of the stored releases inside `period` (its months, and for
    a year its quarters)."""
    if period.kind in (PeriodKind.WEEK, PeriodKind.MONTH):
        return []
    return [(r.period, r.magnitudes) for r in releases if r.period.within(period)]


def _whole(value) -> int:
    """Rounded half up (20.5 days is 21), not to even."""
    return int(Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP))
