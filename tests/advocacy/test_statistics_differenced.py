"""Weeks and months released from the same days must not be differenced into a small
group: not a hidden week's cell (a month minus its other weeks, where the calendar says
the days left hold no Tuesday), nor the days of a month outside its released weeks."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from advocacy.statistics import family, tables
from advocacy.statistics.models import Release
from advocacy.statistics.periods import Period
from advocacy.statistics.releases import audit_family, release
from tests.factories import VisitFactory

AMMAN = ZoneInfo("Asia/Amman")
OCTOBER, NOVEMBER = Period.month(2026, 10), Period.month(2026, 11)
TUESDAY = "2"


def week(n: int) -> Period:
    return Period.parse(f"2026-W{n}")


def came(centre, day: date, people: int) -> None:
    VisitFactory(
        centre=centre, people=people, arrived_at=datetime.combine(day, time(18), tzinfo=AMMAN)
    )


def released(centre, periods) -> dict[str, Release]:
    """Each of `periods` released as it ends, as the figures page and reports do."""
    for period in periods:
        release(centre=centre, period=period, now=datetime.combine(period.end, time(1), AMMAN))
    return {r.period.key: r for r in Release.objects.for_centre(centre)}


def every_day(centre, first: date, end: date, people: int, **other: int) -> None:
    day = first
    while day < end:
        if other.get(day.isoformat(), people):
            came(centre, day, other.get(day.isoformat(), people))
        day += timedelta(days=1)


def old_calendar(monkeypatch) -> None:
    """As before weekdays followed the calendar: every weekday an unknown of every piece."""
    monkeypatch.setitem(tables.CALENDAR_TABLES, "visits.weekday", lambda *_: frozenset("1234567"))


# --- F2: a month minus its whole weeks, where the days left hold no Tuesday ------------

TUESDAY_ORDER = [week(41), week(42), week(43), OCTOBER, week(44)]  # W44: 26 Oct – 1 Nov


def tuesdays(centre) -> None:
    # Six people every day of October and on 1 November, four on Tuesday 27 October.
    every_day(centre, OCTOBER.first, date(2026, 11, 2), 6, **{"2026-10-27": 4})


@pytest.mark.django_db
def test_a_hidden_tuesday_is_not_october_minus_its_other_tuesdays(centre):
    tuesdays(centre)
    shown = released(centre, TUESDAY_ORDER)
    assert shown["2026-W44"].value("visits.weekday", TUESDAY) is None  # four people
    # 1–4 October and 1 November hold no Tuesday: October's Tuesdays are those of weeks
    # 41 to 44, so October and weeks 41 to 43 must not all show theirs.
    seen = [shown[p.key].value("visits.weekday", TUESDAY) for p in TUESDAY_ORDER[:4]]
    assert None in seen
    assert audit_family(centre, 2026).safe


@pytest.mark.django_db
def test_the_audit_finds_the_tuesday_of_a_family_released_without_the_calendar(centre, monkeypatch):
    tuesdays(centre)
    with monkeypatch.context() as before:
        old_calendar(before)
        before.setattr("advocacy.statistics.releases.atom_cells", lambda *a, **k: {})
        shown = released(centre, TUESDAY_ORDER)
    october = shown["2026-10"].value("visits.weekday", TUESDAY)
    weeks = sum(shown[week(n).key].value("visits.weekday", TUESDAY) for n in (41, 42, 43))
    assert october - weeks == 4  # the hidden Tuesday of week 44, as published then
    result = audit_family(centre, 2026)
    assert ("2026-W44", "visits.weekday", TUESDAY) in result.unsafe


def test_a_piece_lists_only_the_weekdays_its_days_hold():
    assert tables.calendar_labels("visits.weekday", date(2026, 10, 1), date(2026, 10, 5)) == {
        "4",
        "5",
        "6",
        "7",
    }
    assert tables.calendar_labels("visits.hour", date(2026, 10, 1), date(2026, 10, 5)) is None
    snapshots = {"2026-10-01/2026-10-05": {"visits.weekday": {str(d): 0 for d in range(1, 8)}}}
    links = family.month_links("2026-10-01/2026-10-05", snapshots["2026-10-01/2026-10-05"])
    assert all(atom[2] in "4567" for link in links for atom in link.left | link.right)


# --- F1: a month minus its whole weeks: the days of its partial weeks ------------------

NOVEMBER_ORDER = [week(45), week(46), week(47), week(48), NOVEMBER]  # weeks: 2–29 Nov


def november(centre) -> None:
    # Six people every day of weeks 45 to 48; one on Sunday 1 November, none on the 30th.
    every_day(centre, date(2026, 11, 1), NOVEMBER.end, 6, **{"2026-11-01": 1, "2026-11-30": 0})


def differences(shown) -> dict[tuple, int]:
    """November minus its four whole weeks, for every row all five releases show."""
    found = {}
    for table, rows in shown["2026-11"].published.items():
        for label, value in rows.items():
            weeks = [shown[p.key].published.get(table, {}).get(label) for p in NOVEMBER_ORDER[:4]]
            if value is not None and None not in weeks:
                found[(table, label)] = value - sum(weeks)
    return found


@pytest.mark.django_db
def test_november_minus_its_weeks_does_not_count_the_days_outside_them(centre):
    november(centre)
    shown = released(centre, NOVEMBER_ORDER)
    small = {row: n for row, n in differences(shown).items() if 0 < n < 5}
    assert small == {}
    assert audit_family(centre, 2026).safe


@pytest.mark.django_db
def test_the_audit_finds_the_days_outside_the_weeks_of_a_family_released_before(
    centre, monkeypatch
):
    november(centre)
    with monkeypatch.context() as before:
        before.setattr("advocacy.statistics.releases.atom_cells", lambda *a, **k: {})
        shown = released(centre, NOVEMBER_ORDER)
    small = {row for row, n in differences(shown).items() if 0 < n < 5}
    assert small  # rows of the one person of 1 November, as published then
    nov_1 = ("piece", "2026-11-01/2026-11-02")
    unsafe = {key[1:] for key in audit_family(centre, 2026).unsafe if key[0] == nov_1}
    assert small <= unsafe
