"""The centre's live dashboard of visits: right figures, exactly, for the staff only (the
committee and coordinators are sent to the released figures), a chart and tables, a
constant number of queries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.charts import daily_bar_chart, nice_ceiling
from centres.categories import ServiceCategory
from members.selectors import visit_figures

from ..factories import MemberFactory, VisitFactory, centre_today

ALLOWED = ["manager", "social_worker", "legal"]
SENT_TO_RELEASES = ["committee_member", "coordinator"]
# 3 to find the person and the centre, 4 for the figures (the closed days' part kept
# from the read before: today's visits, their purposes and newcomers, the
# categories), 1 for service use.
QUERIES = 8
# The first read of the day also rolls up the closed days and counts their members:
# bounded by the days and rows of the tables (inserted in batches), not by the visits.
FIRST_READ_QUERIES = 40


def _url(centre):
    return reverse("dashboard", args=[centre.pk])


def _category(code):
    return ServiceCategory.objects.get(code=code, centre=None)


def _figures(centre):
    now = timezone.now()
    return visit_figures(centre=centre, since=now - timedelta(days=90), until=now)


def _visit(centre, *purposes, **kwargs):
    visit = VisitFactory(centre=centre, **kwargs)
    visit.purposes.set([_category(code) for code in purposes])
    return visit


# --- The figures ---------------------------------------------------------------


def test_figures_count_people_members_and_anonymous_share(centre):
    _visit(centre, people=3)
    member = MemberFactory(centre=centre)
    _visit(centre, member=member)
    _visit(centre, member=member, arrived_at=timezone.now() - timedelta(days=2))
    figures = _figures(centre)
    assert figures.total == 5
    assert figures.unique_identified == 1
    assert figures.anonymous_percent == 60
    assert sum(count for _, count in figures.days) == 5
    assert sum(count for _, count in figures.weeks) == 5
    assert sum(count for _, count in figures.hours) == 5


def test_another_centres_visits_never_count(centre, other_centre):
    _visit(centre, people=2)
    _visit(other_centre, people=7)
    assert _figures(centre).total == 2


def test_hours_and_days_are_in_the_centres_time_zone(centre):
    # 20:30 UTC is 02:15 the next day in Kathmandu (UTC+05:45), whatever zone is active.
    centre.time_zone = ZoneInfo("Asia/Kathmandu")
    centre.save()
    arrived = datetime(2026, 3, 10, 20, 30, tzinfo=ZoneInfo("UTC"))
    _visit(centre, people=4, arrived_at=arrived)
    with timezone.override(ZoneInfo("America/Lima")):
        figures = visit_figures(
            centre=centre,
            since=arrived - timedelta(days=3),
            until=arrived + timedelta(days=3),
        )
    assert dict(figures.hours)[2] == 4
    assert dict(figures.days)[datetime(2026, 3, 11).date()] == 4
    assert figures.busiest_hour == 2


def test_purposes_count_people(centre):
    _visit(centre, "advice", "health", people=3)
    _visit(centre, "advice")
    purposes = {category.code: count for category, count in _figures(centre).purposes}
    assert purposes["advice"] == 4
    assert purposes["health"] == 3
    assert purposes["language"] == 0


# --- The page ------------------------------------------------------------------


@pytest.mark.parametrize("role", ALLOWED)
def test_page_for_staff(client, cast, centre, role):
    client.force_login(cast[role])
    assert client.get(_url(centre)).status_code == 200


@pytest.mark.parametrize("role", SENT_TO_RELEASES)
def test_committee_and_coordinator_are_sent_to_the_released_figures(client, cast, centre, role):
    """The live "last 90 days up to now" could be differenced against itself a minute
    later, after a co-worker checks in: outside the staff only closed periods show."""
    VisitFactory(centre=centre, people=3)
    client.force_login(cast[role])
    response = client.get(_url(centre))
    assert response.status_code == 302
    assert response["Location"] == reverse("released_figures", args=[centre.pk])


def test_worker_may_not_see_the_dashboard(client, worker, centre):
    client.force_login(worker)
    assert client.get(_url(centre)).status_code == 403


@pytest.mark.parametrize("role", [*ALLOWED, *SENT_TO_RELEASES, "worker"])
def test_other_centre_is_not_found_for_every_role(client, cast, other_centre, role):
    client.force_login(cast[role])
    assert client.get(_url(other_centre)).status_code == 404


def test_outsider_cannot_see_this_centre(client, outsider, centre):
    client.force_login(outsider)
    assert client.get(_url(centre)).status_code == 404


def test_post_is_refused(client, manager, centre):
    client.force_login(manager)
    assert client.post(_url(centre)).status_code == 405


def test_anonymous_is_sent_to_sign_in(client, centre):
    response = client.get(_url(centre))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_page_covers_the_last_90_days_only(client, manager, centre):
    now = timezone.now()
    _visit(centre, people=2, arrived_at=now - timedelta(days=88))
    _visit(centre, people=4, arrived_at=now - timedelta(days=91))
    client.force_login(manager)
    figures = client.get(_url(centre)).context["figures"]
    assert len(figures.days) == 90
    assert figures.days[-1][0] == centre_today(centre)
    assert figures.total == 2


def test_chart_is_an_image_with_a_title_and_no_inline_style(client, manager, centre):
    _visit(centre, people=3)
    client.force_login(manager)
    page = client.get(_url(centre)).content.decode()
    assert '<svg class="chart" role="img" aria-labelledby="chart-title chart-desc"' in page
    assert '<title id="chart-title">People who came each day, the last 90 days</title>' in page
    assert "style=" not in page
    assert "<script>" not in page


@pytest.mark.parametrize("visits", [5, 100])
def test_query_count_does_not_grow_with_visits(
    client, manager, centre, django_assert_max_num_queries, visits
):
    members = [MemberFactory(centre=centre) for _ in range(3)]
    codes = ["advice", "language", "health"]
    now = timezone.now()
    for n in range(visits):
        _visit(
            centre,
            codes[n % 3],
            member=members[n % 3] if n % 2 else None,
            people=1 if n % 2 else 4,
            arrived_at=now - timedelta(days=n % 80, hours=n % 9),
        )
    client.force_login(manager)
    with django_assert_max_num_queries(FIRST_READ_QUERIES):
        assert client.get(_url(centre)).status_code == 200
    with django_assert_max_num_queries(QUERIES):
        response = client.get(_url(centre))
    assert response.status_code == 200


# --- The chart -----------------------------------------------------------------


def test_chart_reads_right_to_left_in_arabic():
    today = timezone.localdate()
    days = [(today - timedelta(days=2), 1), (today - timedelta(days=1), None), (today, 4)]
    ltr = daily_bar_chart(days)
    rtl = daily_bar_chart(days, rtl=True)
    assert ltr.bars[0].x < ltr.bars[-1].x
    assert rtl.bars[0].x > rtl.bars[-1].x
    assert rtl.bars[1].hidden and rtl.has_hidden
    assert rtl.highest.count == 4


def test_scale_is_a_round_number():
    assert [nice_ceiling(n) for n in (0, 1, 3, 7, 12, 51)] == [1, 1, 5, 10, 20, 100]
