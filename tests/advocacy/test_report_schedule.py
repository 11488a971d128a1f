"""Centre reports fall due on Monday at 06:00 in each centre's own time zone (the week
that ended, and the month, quarter and year closed by then): beat calls
`build_due_reports` every hour, and each centre's reports are built once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from advocacy.models import FeedbackReport
from advocacy.reports.tasks import last_weekly_run
from advocacy.tasks import build_due_reports
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
KATHMANDU, MEXICO = ZoneInfo("Asia/Kathmandu"), ZoneInfo("America/Mexico_City")


def months_built(centre, kind="month") -> list[str]:
    return sorted(
        r.period.key for r in FeedbackReport.objects.filter(centre=centre, period_kind=kind)
    )


def weeks_built(centre) -> list[str]:
    return months_built(centre, kind="week")


def test_last_weekly_run_is_monday_six_in_the_zone():
    # Monday 2 March 2026, 01:00 UTC: 06:45 in Kathmandu, still Sunday in Mexico City.
    now = datetime(2026, 3, 2, 1, tzinfo=UTC)
    assert last_weekly_run(KATHMANDU, now) == datetime(2026, 3, 2, 6, tzinfo=KATHMANDU)
    assert last_weekly_run(MEXICO, now) == datetime(2026, 2, 23, 6, tzinfo=MEXICO)


def test_each_centre_gets_its_reports_on_its_own_monday_morning(programme, monkeypatch):
    east = CentreFactory(programme=programme, code="KTM", time_zone="Asia/Kathmandu")
    west = CentreFactory(programme=programme, code="MEX", time_zone="America/Mexico_City")

    def hour(h: int, day: int = 2) -> int:
        monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, day, h, 5, tzinfo=UTC))
        return build_due_reports(scope_kind="centre")

    # Sunday evening UTC: Monday 05:50 in Kathmandu; February has closed in both zones,
    # but it is nobody's Monday morning yet: the reports due last week (January) only.
    hour(0, day=2)
    assert months_built(east) == months_built(west) == ["2026-01"]
    assert weeks_built(east) == weeks_built(west) == ["2026-W08"]  # 16–22 February
    assert hour(0, day=2) == 0
    # 01:05 UTC is 06:50 in Kathmandu: the week that ended (23 February – 1 March) and
    # February fall due there, not in Mexico City.
    assert hour(1) == 2
    assert months_built(east) == ["2026-01", "2026-02"]
    assert weeks_built(east) == ["2026-W08", "2026-W09"]
    assert months_built(west) == ["2026-01"]
    assert weeks_built(west) == ["2026-W08"]
    for h in range(2, 12):  # beat, hour after hour: nothing new until 06:00 in Mexico City
        assert hour(h) == 0
    # 12:05 UTC is 06:05 in Mexico City.
    assert hour(12) == 2
    assert months_built(west) == ["2026-01", "2026-02"]
    assert weeks_built(west) == ["2026-W08", "2026-W09"]
    assert hour(13) == 0
    assert FeedbackReport.objects.filter(period_kind="month").count() == 4
    assert FeedbackReport.objects.filter(period_kind="week").count() == 4
