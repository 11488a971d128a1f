"""A week released before the month it ends in: what its figure and earlier releases
leave of the days in that month must not pin the month's cells away from zero once the
month is released with a small group hidden."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from advocacy.statistics.audit import audit
from advocacy.statistics.family import release_cells, waiting_cells, waiting_periods
from advocacy.statistics.models import Release
from advocacy.statistics.periods import Period, pieces_of
from advocacy.statistics.releases import audit_family, release
from advocacy.statistics.suppression import protect
from tests.factories import VisitFactory

MARCH, APRIL = Period.month(2026, 3), Period.month(2026, 4)
MARCH_WEEKS = [Period.parse(f"2026-W{w}") for w in (10, 11, 12, 13)]  # 2–29 March
W14 = Period.parse("2026-W14")  # Monday 30 March to Sunday 5 April
APRIL_WEEKS = [Period.parse(f"2026-W{w}") for w in (15, 16, 17)]  # 6–26 April


def counted(people: int) -> dict:
    return {"cases.total": {"cases": people}}


# Four cases opened on 1–5 April, one on 30 March, seven in each whole week of March.
SEGMENTS = {
    "2026-03-01/2026-03-02": counted(0),
    **{f"{w.first}/{w.end}": counted(7) for w in MARCH_WEEKS},
    "2026-03-30/2026-04-01": counted(1),
    "2026-04-01/2026-04-06": counted(4),
    **{f"{w.first}/{w.end}": counted(0) for w in APRIL_WEEKS},
    "2026-04-27/2026-05-01": counted(0),
}
# As operated: each week released when it ends, each month when it ends.
ORDER = [*MARCH_WEEKS, MARCH, W14, *APRIL_WEEKS, APRIL]


def released(order):
    """Each of `order` protected against those before it, as `releases._build` does;
    returns (cells, hidden) of the family."""
    cells, hidden, read = {}, set(), {}
    for n, period in enumerate(order):
        read.update({key: SEGMENTS[key] for key in pieces_of(period, SEGMENTS)})
        new = release_cells(period, read, threshold=5, standalone={})
        cells.update(new)
        later = waiting_periods(read, [p.key for p in order[: n + 1]])
        waiting = waiting_cells(later, read, threshold=5)
        hidden = protect(cells, threshold=5, new=new, hidden_before=hidden, waiting=waiting)
    return cells, hidden


def test_the_week_across_two_months_does_not_pin_the_later_month_away_from_zero():
    cells, hidden = released(ORDER)
    april = ("2026-04", "cases.total", "cases")
    assert cells[april].value == 4 and april in hidden  # a small group, hidden
    result = audit(cells, hidden, 5)
    # March minus its whole weeks leaves at most one case on 30–31 March, so a published
    # week of five would leave April at least four: nobody may tell it from zero.
    assert result.intervals[april].low == 0
    assert result.safe


# --- with the database ---------------------------------------------------------------

AMMAN = ZoneInfo("Asia/Amman")


def came(centre, day: date) -> None:
    VisitFactory(centre=centre, arrived_at=datetime.combine(day, time(10), tzinfo=AMMAN))


@pytest.mark.django_db
def test_weeks_released_as_they_end_then_their_month_pass_the_audit(centre):
    for first, days in ((date(2026, 3, 2), 28), (date(2026, 3, 30), 1), (date(2026, 4, 1), 4)):
        for n in range(days):
            came(centre, first + timedelta(days=n))
    for period in ORDER:
        release(centre=centre, period=period, now=datetime.combine(period.end, time(1), AMMAN))
    april = Release.objects.get(period_kind="month", period_start=APRIL.first)
    assert april.value("visits.total", "people") is None  # four people: hidden
    assert audit_family(centre, 2026).safe
