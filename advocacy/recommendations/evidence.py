"""Evidence: cells of the disclosure-control layer's releases, described and frozen.

Every figure a recommendation cites is read from `advocacy.statistics.releases.release`
(a closed ISO week, calendar month, quarter or year; small cells already hidden; the
choice offered lists months, quarters and years). An open period, a week across the
new year or a custom range is refused by the layer (`PeriodRefused`), a hidden cell
cannot be cited, and an employer is named only where the release names its row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centres import local_time
from centres.models import Centre
from centres.numbers import figure, lazy_text

from ..statistics.beginnings import first_day
from ..statistics.labels import Labeller, period_name
from ..statistics.periods import (
    Period,
    PeriodKind,
    PeriodRefused,
    centre_zone,
    outward_period,
)
from ..statistics.schedule import not_released_yet, stored_release

# The tables of a release a recommendation may cite, with what they count. Rows are
# named by the layer's own `Labeller` (employers only where the release names them).
CITABLE_TABLES = {
    "cases.total": gettext_lazy("Grievance cases opened"),
    "cases.issue": gettext_lazy("Grievance cases by issue type"),
    "cases.outcome": gettext_lazy("Finished grievance cases by outcome"),
    "cases.status": gettext_lazy("Grievance cases by status"),
    "cases.remedy": gettext_lazy("Remedies obtained"),
    "cases.sector": gettext_lazy("Grievance cases by sector"),
    "cases.employer": gettext_lazy("Grievance cases by employer"),
    "requests.total": gettext_lazy("Workers' requests for services"),
    "requests.category": gettext_lazy("Workers' requests by kind of service"),
    "visits.total": gettext_lazy("Visits"),
    "visits.purpose": gettext_lazy("Visits by purpose"),
    "feedback.responses": gettext_lazy("Survey answers"),
    "feedback.satisfaction": lazy_text(
        lambda: (
            _("Survey ratings (%(lowest)s to %(highest)s)")
            % {"lowest": figure(1), "highest": figure(5)}
        )
    ),
    "feedback.comments": gettext_lazy("Workers' comments"),
    "feedback.theme": gettext_lazy("Workers' comments by theme"),
}
TOTALS = (
    "cases.total",
    "requests.total",
    "visits.total",
    "feedback.responses",
    "feedback.comments",
)


def describe(*, centre: Centre, table: str, label: str, labeller: Labeller | None = None) -> str:
    """Words for one cell, as printed in a letter: what the table counts, and its row."""
    what = str(CITABLE_TABLES.get(table, table))
    if table in TOTALS:
        return what
    return f"{what}: {(labeller or Labeller(centre))(table, label)}"


def released(centre: Centre, period: str):
    """The stored release of `centre` for the period key (never released here: the
    hourly schedule does); ValidationError (with the layer's reason) for an open period,
    a week across the new year, a custom range or a malformed key, and for a closed
    period whose release is not stored yet (`schedule.not_released_yet`)."""
    zone = centre_zone(centre)
    try:
        chosen = outward_period(
            period, zone=zone, now=timezone.now(), since=first_day([centre], zone)
        )
    except PeriodRefused as refusal:
        raise ValidationError(str(refusal)) from refusal
    stored = stored_release(centre, chosen)
    if stored is None:
        raise ValidationError(not_released_yet(chosen))
    return stored


def offered_periods(centre: Centre, today: date | None = None) -> list[str]:
    """Closed months (last 12), quarters (last 4) and years (last 2), newest first."""
    now = timezone.now()
    zone = centre_zone(centre)
    today = today or local_time.today(centre, now)
    keys: list[str] = []
    month = Period.containing("month", today)
    for _n in range(12):
        month = month.previous()
        keys.append(month.key)
    quarter = Period.containing("quarter", today)
    for _n in range(4):
        quarter = quarter.previous()
        keys.append(quarter.key)
    keys += [str(today.year - 1), str(today.year - 2)]
    since = first_day([centre], zone)
    return [key for key in keys if _is_outward(key, zone, now, since)]


def _is_outward(key: str, zone, now, since) -> bool:
    try:
        outward_period(key, zone=zone, now=now, since=since)
    except PeriodRefused:
        return False
    return True


@dataclass
class Cell:
    centre: Centre
    period: str
    table: str
    label: str
    value: int | None
    description: str


# What the cite page offers (`offered_periods`): a week is not cited.
CITED_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)


def check_cited_period(period: str) -> None:
    """Raise ValidationError unless the key `period` names a month, a quarter or a
    year, the periods the cite page offers; a week is refused with its own reason."""
    try:
        kind = Period.parse(period, kinds=CITED_KINDS).kind
    except PeriodRefused as refusal:
        raise ValidationError(str(refusal)) from refusal
    if kind not in CITED_KINDS:
        raise ValidationError(_("Evidence cites a month, a quarter or a year, not a week."))


def citable_period(period: str) -> bool:
    """Whether evidence may cite `period` (`check_cited_period`): False for a week an
    item was cited for before weeks were refused, which must be cited again."""
    try:
        check_cited_period(period)
    except ValidationError:
        return False
    return True


def check_sendable(items) -> None:
    """Raise ValidationError naming the first of the evidence `items` (EvidenceItems,
    with their centres) that cites a period evidence no longer takes (a week cited
    before weeks were refused): a recommendation is sent only with figures that may be
    cited now."""
    for item in items:
        if not citable_period(item.period):
            raise ValidationError(
                _(
                    "“%(figure)s” (%(period)s) cites a week: re-cite this figure for a "
                    "month, quarter or year. Nothing was sent."
                )
                % {
                    "figure": describe(centre=item.centre, table=item.table, label=item.label),
                    "period": period_name(item.period),
                }
            )


def citable_cells(centre: Centre, period: str) -> list[Cell]:
    """The cells of the release that may be cited (hidden ones are left out).
    ValidationError for a period that may not be cited (`check_cited_period`)."""
    check_cited_period(period)
    stored = released(centre, period)
    labeller, cells = Labeller(centre), []
    for table in CITABLE_TABLES:
        for label, value in stored.table(table).items():
            if value is None:
                continue
            words = describe(centre=centre, table=table, label=label, labeller=labeller)
            cells.append(Cell(centre, period, table, label, value, words))
    return cells


def cell_value(*, centre: Centre, period: str, table: str, label: str) -> tuple[int, object]:
    """(value, release) of one cell; ValidationError if the period is not released to
    outsiders, the table is not citable, or the cell does not exist or is hidden."""
    if table not in CITABLE_TABLES:
        raise ValidationError(_("This table cannot be cited."))
    stored = released(centre, period)
    cells = stored.table(table)
    if label not in cells:
        raise ValidationError(_("There is no such figure in this period's release."))
    if cells[label] is None:
        raise ValidationError(
            _("This figure is hidden (too small to be shown), so it cannot be cited.")
        )
    return cells[label], stored


def why_not_cited(*, centre: Centre, period: str, chosen: list[str]) -> str | None:
    """The reason the first of the `chosen` "table|label" values cannot be cited (a
    hidden figure, one not in the release), or None when each of them could be."""
    for value in chosen:
        table, _bar, label = value.partition("|")
        try:
            cell_value(centre=centre, period=period, table=table, label=label)
        except ValidationError as error:
            return " ".join(error.messages)
    return None
