"""Periods: only closed calendar months, quarters and years leave the staff."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from advocacy.statistics.periods import (
    Period,
    PeriodKind,
    PeriodRefused,
    centre_zone,
    closed_periods,
    outward_period,
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


def test_weeks_overlap_months_so_they_are_refused_outward():
    with pytest.raises(PeriodRefused):
        outward_period("2026-W05", zone=AMMAN, now=NOW)


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
