"""A centre's weekly report: the week beside the week before and the same ISO week a
year before, named with its days in the reader's language; a week across the new year
says honestly that it is not released on its own."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from advocacy.reports.actions import report_build
from advocacy.reports.contents import COMPARED, compared_periods
from advocacy.reports.programme import released
from advocacy.reports.scope import Scope
from advocacy.statistics.labels import period_name
from advocacy.statistics.periods import Period, PeriodRefused
from advocacy.statistics.releases import audit_family, release
from tests.factories import VisitFactory

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")
APRIL = datetime(2026, 4, 15, 12, tzinfo=AMMAN)
JANUARY = datetime(2027, 1, 20, 12, tzinfo=AMMAN)


def busy(centre, year, month, days):
    for day in days:
        for hour, people in ((9, 3), (14, 2)):
            VisitFactory(
                centre=centre, arrived_at=datetime(year, month, day, hour, tzinfo=AMMAN),
                people=people, gender="woman",
            )  # fmt: skip
    VisitFactory(
        centre=centre, arrived_at=datetime(year, month, days[0], 3, tzinfo=AMMAN), gender="other"
    )


def test_a_week_is_compared_with_the_week_before_and_a_year_before(centre):
    busy(centre, 2026, 3, range(2, 16))
    busy(centre, 2025, 3, range(10, 17))
    report, built = report_build(scope=Scope.for_centre(centre), period="2026-W11", now=APRIL)
    assert built and report.contents["compared"] == ["2026-W11", "2026-W10", "2025-W11"]
    assert report.contents["not_released"] == []
    periods = compared_periods(report.period)
    releases = {c: release(centre=centre, period=periods[c], now=APRIL) for c in COMPARED}
    for table in report.contents["tables"]:
        for row in table["rows"]:
            expected = [released(releases[c], table["name"]).get(row["label"]) for c in COMPARED]
            assert row["values"] == expected
    total = next(t for t in report.contents["tables"] if t["name"] == "visits.total")
    assert total["rows"][0]["values"] == [35, 36, 36]  # 9–15 March; 2–8; 10–16 March 2025
    assert audit_family(centre, 2026).safe and audit_family(centre, 2025).safe


def test_the_same_week_a_year_before_is_the_last_when_that_year_has_no_week_53():
    assert compared_periods(Period.parse("2026-W53"))["last_year"].key == "2025-W52"
    assert compared_periods(Period.parse("2027-W05"))["last_year"].key == "2026-W05"


def test_a_week_across_the_new_year_gets_no_report_of_its_own(centre):
    from advocacy.statistics.periods import PeriodRefused

    busy(centre, 2026, 12, range(28, 32))
    with pytest.raises(PeriodRefused, match="two calendar years"):
        report_build(scope=Scope.for_centre(centre), period="2026-W53", now=JANUARY)
    assert not Scope.for_centre(centre).reports().exists()


def test_the_week_after_one_across_the_new_year_leaves_that_column_unreleased(
    client, centre, manager
):
    busy(centre, 2027, 1, range(4, 11))
    report, _ = report_build(scope=Scope.for_centre(centre), period="2027-W01", now=JANUARY)
    # 28 December 2026 – 3 January 2027, and 29 December 2025 – 4 January 2026:
    assert report.contents["compared"][1:] == ["2026-W53", "2026-W01"]
    assert report.contents["not_released"] == ["previous", "last_year"]
    total = next(t for t in report.contents["tables"] if t["name"] == "visits.total")
    assert total["rows"][0]["values"][0] == 36 and total["rows"][0]["values"][1] is None
    client.force_login(manager)
    text = client.get(reverse("report_detail", args=[centre.pk, report.pk])).content.decode()
    assert "A column marked “—” is not released." in text
    assert '<td class="count">—</td>' in text


def test_a_week_is_named_with_its_days_in_the_readers_language():
    week = Period.parse("2026-W47")
    with translation.override("en"):
        assert period_name(week) == "Week 47, 2026: 16–22 Nov"
        assert period_name("2026-W14") == "Week 14, 2026: 30 Mar – 5 Apr"
    with translation.override("ar"):
        assert "نوفمبر" in period_name(week)


def test_a_programmes_figures_are_not_by_week(programme, centre):
    with pytest.raises(PeriodRefused, match="month, quarter or year"):
        Scope.for_programme(programme).closed_period("2026-W10", now=APRIL)
    assert Scope.for_centre(centre).closed_period("2026-W10", now=APRIL).key == "2026-W10"
