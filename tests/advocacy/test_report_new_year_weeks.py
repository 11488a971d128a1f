"""A week's report around the new year compares honestly: the week before and the same
week a year before are shown whenever they are released, in whichever year's family
they are; a week with days in two calendar years has no report of its own (it is not
released on its own), and a column comparing with it reads "—", explained in words."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from tests.factories import VisitFactory

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")


def busy(centre, days):
    for day in days:
        VisitFactory(centre=centre, arrived_at=datetime.combine(day, datetime.min.time(), AMMAN)
                     .replace(hour=9), people=3, gender="woman")  # fmt: skip


def total(report) -> dict:
    (table,) = (t for t in report.contents["tables"] if t["name"] == "visits.total")
    return table["rows"][0]


def test_a_week_across_the_new_year_has_no_report_and_the_week_after_compares_with_it(
    client, centre, manager
):
    from datetime import date, timedelta

    from advocacy.statistics.periods import PeriodRefused

    # 2026-W01 is 29 December 2025 – 4 January 2026: not released on its own, so it has
    # no report; 2026-W02 compares with it ("—", said why) and with 2025-W02.
    busy(centre, [date(2025, 12, 22) + timedelta(days=n) for n in range(21)])
    busy(centre, [date(2025, 1, 6) + timedelta(days=n) for n in range(7)])  # 2025-W02
    now = datetime(2026, 1, 20, 12, tzinfo=AMMAN)
    with pytest.raises(PeriodRefused, match="two calendar years"):
        report_build(scope=Scope.for_centre(centre), period="2026-W01", now=now)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-W02", now=now)
    assert report.contents["compared"] == ["2026-W02", "2026-W01", "2025-W02"]
    assert report.contents["not_released"] == ["previous"]
    row = total(report)
    assert row["values"] == [21, None, 21] and row["absent"] == [1]
    client.force_login(manager)
    text = client.get(reverse("report_detail", args=[centre.pk, report.pk])).content.decode()
    assert 'id="table-visits-total"' in text and ">21<" in text
    assert "has days in two calendar years" in text
    assert "A column marked “—” is not released." in text


def test_the_first_week_of_a_year_shows_the_last_week_of_the_year_before(client, centre, manager):
    from datetime import date, timedelta

    # 2029-W01 is 1–7 January 2029; the week before, 25–31 December 2028, another family.
    busy(centre, [date(2028, 12, 25) + timedelta(days=n) for n in range(14)])
    now = datetime(2029, 1, 10, 12, tzinfo=AMMAN)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2029-W01", now=now)
    assert report.contents["compared"] == ["2029-W01", "2028-W52", "2028-W01"]
    assert report.contents["not_released"] == []
    assert total(report)["values"] == [21, 21, 0]
