"""Periods: only closed ISO weeks, calendar months, quarters and years leave the staff,
each a sum of segments (week ∩ month)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from advocacy.statistics.periods import (
    Period,
    PeriodKind,
    PeriodRefused,
    centre_zone,
    closed_periods,
    one_year,
    outward_period,
    pieces_of,
)

AMMAN = ZoneInfo("Asia/Amman")
NOW = datetime(2026, 4, 1, 0, 30, tzinfo=AMMAN)  # half an hour into April, Amman time


def test_keys_round_trip():
    for key in ("2026", "2026-Q1", "2026-03", "2026-W05"):
        assert Period.parse(key).key == key
    assert Period.parse("2026-Q4").end == date(2027, 1, 1)
    assert [m.key for m in Period.parse("2026-Q2").months()] == ["2026-04", "2026-05", "2026-06"]


@pytest.mark.parametrize(
    "key", ["", "2026-13", "2026-Q5", "2026-03-01", "last-90-days", "2026-W54"]
)
def test_anything_but_a_standard_period_is_refused(key):
    with pytest.raises(PeriodRefused):
        Period.parse(key)


def test_a_closed_month_quarter_and_year_are_released():
    assert outward_period("2026-03", zone=AMMAN, now=NOW).kind is PeriodKind.MONTH
    assert outward_period("2026-Q1", zone=AMMAN, now=NOW).kind is PeriodKind.QUARTER
    assert outward_period("2025", zone=AMMAN, now=NOW).kind is PeriodKind.YEAR


def test_open_periods_are_refused_up_to_now_included():
    for key in ("2026-04", "2026-Q2", "2026"):
        with pytest.raises(PeriodRefused):
            outward_period(key, zone=AMMAN, now=NOW)


def test_closed_in_the_centres_zone_not_in_utc():
    """At 00:30 on 1 April in Amman it is still 31 March in UTC: March is closed in
    Amman, and not yet for a centre whose time is UTC."""
    assert outward_period("2026-03", zone=AMMAN, now=NOW)
    with pytest.raises(PeriodRefused):
        outward_period("2026-03", zone=ZoneInfo("UTC"), now=NOW)


def test_a_closed_week_is_released_and_an_open_one_refused():
    assert outward_period("2026-W13", zone=AMMAN, now=NOW).kind is PeriodKind.WEEK  # 23–29 Mar
    with pytest.raises(PeriodRefused):
        outward_period("2026-W14", zone=AMMAN, now=NOW)  # 30 March – 5 April


def test_a_week_across_the_new_year_is_refused_with_its_reason():
    crossing = Period.parse("2026-W53")  # Monday 28 December 2026 to Sunday 3 January 2027
    assert crossing.crosses_year and not Period.parse("2026-W52").crosses_year
    with pytest.raises(PeriodRefused, match="two calendar years"):
        one_year(crossing)
    assert one_year(Period.parse("2026-W52")).key == "2026-W52"


def test_segments_cut_at_every_month_and_week_boundary():
    def keys(period_key):
        return [s.key for s in Period.parse(period_key).segments()]

    # A week across a month: two segments; a month: its whole and partial weeks.
    assert keys("2026-W14") == ["2026-03-30/2026-04-01", "2026-04-01/2026-04-06"]
    assert keys("2026-04") == [
        "2026-04-01/2026-04-06",
        "2026-04-06/2026-04-13",
        "2026-04-13/2026-04-20",
        "2026-04-20/2026-04-27",
        "2026-04-27/2026-05-01",
    ]
    year = Period.year(2026).segments()
    assert sum((s.end - s.first).days for s in year) == 365
    assert all(a.end == b.first for a, b in zip(year, year[1:], strict=False))
    for segment in year:  # each inside one month and one week
        week, month = (Period.containing(k, segment.first) for k in ("week", "month"))
        assert segment.within(week) and segment.within(month)
    assert pieces_of(Period.parse("2026-W14"), [s.key for s in year]) == keys("2026-W14")


def test_custom_and_shifted_ranges_are_refused():
    assert Period.from_dates(date(2026, 1, 1), date(2026, 3, 31)).key == "2026-Q1"
    with pytest.raises(PeriodRefused):
        Period.from_dates(date(2026, 1, 2), date(2026, 2, 1))  # a month shifted by a day
    with pytest.raises(PeriodRefused):
        Period.from_dates(date(2026, 1, 1), date(2026, 1, 20))  # a custom range


def test_closed_periods_are_the_latest_ended_ones():
    assert [p.key for p in closed_periods("month", zone=AMMAN, now=NOW, count=2)] == [
        "2026-03",
        "2026-02",
    ]


def test_centre_zone_falls_back_to_the_setting(settings):
    settings.TIME_ZONE = "Asia/Beirut"

    class Centre:
        time_zone = None

    assert centre_zone(Centre()) == ZoneInfo("Asia/Beirut")
    Centre.time_zone = AMMAN
    assert centre_zone(Centre()) == AMMAN
