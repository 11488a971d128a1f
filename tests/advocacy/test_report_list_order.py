"""Every list of reports reads newest period first: the period that ended last, then,
for periods ending the same day, week, month, quarter and year, then newer versions;
whatever order the reports were built in."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from advocacy.models import FeedbackReport
from advocacy.statistics.periods import Period

pytestmark = pytest.mark.django_db
BUILT = datetime(2026, 4, 7, 6, tzinfo=ZoneInfo("UTC"))
# Newest first. Built in another order below: a year after its months, a rebuilt March.
CENTRE_ORDER = [
    "2026-W14", "2026-03", "2026-Q1", "2026-W13", "2026-W10", "2026-01", "2026-W02",
    "2025-12", "2025-Q4", "2025",
]  # fmt: skip
BUILD_ORDER = ["2025-12", "2026-W02", "2026-01", "2026-03", "2026-W10", "2025-Q4", "2026-W13",
               "2026-Q1", "2025", "2026-W14"]  # fmt: skip


def store(scope: dict, key: str, version: int = 1, current: bool = True) -> FeedbackReport:
    period = Period.parse(key)
    return FeedbackReport.objects.create(
        **scope, period_kind=period.kind, period_start=period.first, version=version,
        is_current=current, built_at=BUILT, contents={"period": key},
    )  # fmt: skip


def listed(html: str, links: dict[str, str]) -> list[str]:
    found = sorted((html.index(f'href="{url}"'), key) for key, url in links.items())
    return [key for _, key in found]


def test_a_centres_reports_are_listed_newest_period_first(client, manager, centre):
    scope = {"scope_kind": "centre", "centre": centre}
    reports = {key: store(scope, key) for key in BUILD_ORDER}
    FeedbackReport.objects.filter(pk=reports["2026-03"].pk).update(is_current=False)
    rebuilt = store(scope, "2026-03", version=2)
    client.force_login(manager)
    html = client.get(reverse("report_list", args=[centre.pk])).content.decode()
    links = {key: reverse("report_detail", args=[centre.pk, r.pk]) for key, r in reports.items()}
    links["2026-03 v2"] = reverse("report_detail", args=[centre.pk, rebuilt.pk])
    expected = [*CENTRE_ORDER[:1], "2026-03 v2", *CENTRE_ORDER[1:]]
    assert listed(html, links) == expected


def test_a_programmes_reports_are_listed_newest_period_first(client, coordinator, programme):
    scope = {"scope_kind": "programme", "programme": programme}
    keys = [k for k in BUILD_ORDER if "W" not in k]
    reports = {key: store(scope, key) for key in keys}
    client.force_login(coordinator)
    html = client.get(reverse("programme_reports", args=[programme.pk])).content.decode()
    links = {
        key: reverse("programme_report_detail", args=[programme.pk, r.pk])
        for key, r in reports.items()
    }
    assert listed(html, links) == [k for k in CENTRE_ORDER if "W" not in k]


@pytest.mark.parametrize("count", [2, 50])
def test_the_list_reads_as_many_queries_for_2_and_50_reports(
    client, manager, centre, count, django_assert_max_num_queries
):
    scope = {"scope_kind": "centre", "centre": centre}
    week = Period.parse("2026-W13")
    for _ in range(count):
        store(scope, week.key)
        FeedbackReport.objects.filter(pk__gt=0).update(is_current=False)
        week = week.previous()
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("report_list", args=[centre.pk]))
    assert len(re.findall(r'href="/centres/\d+/reports/\d+/"', response.content.decode())) == count
