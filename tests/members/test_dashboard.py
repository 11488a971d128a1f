"""The centre's dashboard of visits: right figures, exact for staff, small cells hidden
for the committee and coordinators, a chart and tables, a constant number of queries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.charts import daily_bar_chart, nice_ceiling
from centres.categories import ServiceCategory
from members.selectors import suppress, visit_figures

from ..factories import MemberFactory, VisitFactory

ALLOWED = ["manager", "social_worker", "legal", "committee_member", "coordinator"]
# 4 to find the person and the centre, 5 for the figures, 1 for service use, 3 for the session
QUERIES = 13


def _url(centre):
    return reverse("dashboard", args=[centre.pk])


def _category(code):
    return ServiceCategory.objects.get(code=code, centre=None)


def _figures(centre, threshold=None):
    now = timezone.now()
    return visit_figures(
        centre=centre, since=now - timedelta(days=90), until=now, threshold=threshold
    )


def _visit(centre, *purposes, **kwargs):
    visit = VisitFactory(centre=centre, **kwargs)
    visit.purposes.set([_category(code) for code in purposes])
    return visit


# --- Suppression, the function later reports reuse ------------------------------


def test_suppress_hides_a_lone_small_cell_and_the_next_smallest():
    assert suppress({"a": 3, "b": 10, "c": 12}, 5) == {"a": None, "b": None, "c": 12}


def test_suppress_needs_no_second_cell_when_two_are_small():
    assert suppress({"a": 3, "b": 4, "c": 12}, 5) == {"a": None, "b": None, "c": 12}


def test_suppress_shows_zeros_and_counts_at_the_threshold():
    assert suppress({"a": 0, "b": 5, "c": 9}, 5) == {"a": 0, "b": 5, "c": 9}
    # A zero cannot shield a hidden cell: nothing else to hide (the total is small too).
    assert suppress({"a": 3, "b": 0}, 5) == {"a": None, "b": 0}


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


def test_hours_and_days_are_in_the_sites_time_zone(centre):
    # 20:30 UTC is 02:15 the next day in Kathmandu (UTC+05:45).
    arrived = datetime(2026, 3, 10, 20, 30, tzinfo=ZoneInfo("UTC"))
    _visit(centre, people=4, arrived_at=arrived)
    with timezone.override(ZoneInfo("Asia/Kathmandu")):
        figures = visit_figures(
            centre=centre,
            since=arrived - timedelta(days=3),
            until=arrived + timedelta(days=3),
            threshold=None,
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


def test_committee_figures_count_only_members_who_agreed_to_statistics(centre):
    agreed = MemberFactory(centre=centre)
    refused = MemberFactory(centre=centre, consents=("services",))
    for _ in range(6):
        _visit(centre, member=agreed)
        _visit(centre, member=refused)
    assert _figures(centre).total == 12
    assert _figures(centre, threshold=5).total == 6


def test_hidden_cells_are_never_alone_in_a_breakdown(centre):
    utc = ZoneInfo("UTC")
    # Four ISO weeks from Monday 2 March 2026: days of 3, 9, 8, 7; one day of 2; one of
    # 30; one of 6. The 3 people came at 10:00 for advice, everyone else at 14:00.
    for day, people in [(2, 3), (3, 9), (4, 8), (5, 7), (10, 2), (17, 30), (24, 6)]:
        _visit(
            centre,
            "advice" if people == 3 else "language",
            people=people,
            arrived_at=datetime(2026, 3, day, 10 if people == 3 else 14, tzinfo=utc),
        )
    with timezone.override(utc):
        figures = visit_figures(
            centre=centre,
            since=datetime(2026, 3, 2, tzinfo=utc),
            until=datetime(2026, 3, 30, tzinfo=utc),
            threshold=5,
        )
    for breakdown in (figures.weeks, figures.hours, figures.purposes):
        assert sum(count is None for _, count in breakdown) != 1, breakdown
    # The week of 2 is hidden, so the next smallest week (6) is hidden too; its only
    # day must then be hidden, or it would give the week (and the week of 2) away.
    weeks = dict(figures.weeks)
    assert weeks == {
        datetime(2026, 3, n).date(): count
        for n, count in [(2, 27), (9, None), (16, 30), (23, None)]
    }
    days = dict(figures.days)
    for monday, week_total in weeks.items():
        hidden = sum(days[monday + timedelta(days=n)] is None for n in range(7))
        assert hidden >= 1 if week_total is None else hidden != 1, monday
    assert days[datetime(2026, 3, 24).date()] is None
    assert days[datetime(2026, 3, 3).date()] == 9


# --- The page ------------------------------------------------------------------


@pytest.mark.parametrize("role", ALLOWED)
def test_page_for_staff_committee_and_coordinator(client, cast, centre, role):
    client.force_login(cast[role])
    assert client.get(_url(centre)).status_code == 200


def test_worker_may_not_see_the_dashboard(client, worker, centre):
    client.force_login(worker)
    assert client.get(_url(centre)).status_code == 403


@pytest.mark.parametrize("role", [*ALLOWED, "worker"])
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
    assert figures.days[-1][0] == timezone.localdate(now)
    assert figures.total == 2


def test_committee_does_not_see_a_small_count_the_manager_sees(client, cast, centre):
    _visit(centre, "advice", people=3)
    _visit(centre, "language", people=20)
    row = '<th scope="row">Advice on labour and living conditions</th><td class="count">{}</td>'
    for role, shown in [
        ("manager", "3"),
        ("committee_member", "hidden"),
        ("coordinator", "hidden"),
    ]:
        client.force_login(cast[role])
        response = client.get(_url(centre))
        assert row.format(shown) in response.content.decode(), role
        purposes = {c.code: count for c, count in response.context["figures"].purposes}
        assert purposes["advice"] == (3 if role == "manager" else None)


def test_committee_is_told_about_hidden_figures(client, committee_member, centre):
    client.force_login(committee_member)
    assert "fewer than 5 people" in client.get(_url(centre)).content.decode()


def test_threshold_is_the_programmes(client, committee_member, centre):
    centre.programme.suppression_threshold = 2
    centre.programme.save()
    _visit(centre, "advice", people=3)
    _visit(centre, "language", people=20)
    client.force_login(committee_member)
    purposes = {c.code: n for c, n in client.get(_url(centre)).context["figures"].purposes}
    assert purposes["advice"] == 3


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
    client, committee_member, centre, django_assert_max_num_queries, visits
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
    client.force_login(committee_member)
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
