"""The dashboard keeps what its closed days show, their figures and their drawn rows
and bars, under a key that changes whenever one of those days does
(`rollups.version`): a second read reads no roll-up and draws no closed day again,
while today's visits, a back-dated visit, a merge or an erasure show at once, and each
language has its own drawing."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.actions import member_erase, visit_log
from members.merging import member_merge

from ..factories import MemberFactory, VisitFactory

pytestmark = pytest.mark.django_db
DAY_ROW = "members/_dashboard_day.html"
BAR = "members/_day_bar.svg.html"


def _read(client, centre, language="en"):
    """The page, and the statements that read the roll-ups for it."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard", args=[centre.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == language
    rollups = [
        q["sql"]
        for q in queries.captured_queries
        if "members_visitcount" in q["sql"] or "members_visitday" in q["sql"]
    ]
    return response, rollups


def _drawn(response, template):
    return [t.name for t in response.templates].count(template)


def _same_page(first, second) -> bool:
    """The same page but for its fresh tokens (CSRF, the script nonce)."""

    def plain(response):
        return re.sub(r'(nonce|value|content)="[^"]*"', "", response.content.decode())

    return plain(first) == plain(second)


def _days_ago(n):
    return timezone.now() - timedelta(days=n)


@pytest.fixture
def reader(client, manager):
    client.force_login(manager)
    return client


def test_a_second_read_reads_no_roll_up_and_draws_only_today(reader, centre):
    VisitFactory(centre=centre, people=2, arrived_at=_days_ago(3))
    first, rollups = _read(reader, centre)
    assert rollups
    assert _drawn(first, DAY_ROW) == 90
    figures = first.context["figures"]
    assert figures.closed_count == 89 and figures.closed_weeks_count == len(figures.weeks) - 1
    second, rollups = _read(reader, centre)
    assert rollups == []
    assert (_drawn(second, DAY_ROW), _drawn(second, BAR)) == (1, 1)  # today's alone
    assert _same_page(first, second)


def test_todays_visits_show_at_once_beside_the_kept_closed_days(reader, centre, social_worker):
    VisitFactory(centre=centre, people=2, arrived_at=_days_ago(3))
    before, _ = _read(reader, centre)
    visit_log(centre=centre, by=social_worker, people=3)
    after, rollups = _read(reader, centre)
    assert rollups == []  # the closed days are kept: only today is read again
    assert after.context["figures"].total == before.context["figures"].total + 3
    assert after.context["figures"].days[-1][1] == 3
    assert after.context["figures"].closed == before.context["figures"].closed


def test_a_back_dated_visit_changes_the_kept_days(reader, centre, social_worker):
    VisitFactory(centre=centre, people=2, arrived_at=_days_ago(3))
    before, _ = _read(reader, centre)
    _read(reader, centre)
    visit_log(centre=centre, by=social_worker, people=5, arrived_at=_days_ago(2))
    after, rollups = _read(reader, centre)
    assert rollups
    figures = after.context["figures"]
    assert figures.closed != before.context["figures"].closed
    assert (figures.total, figures.days[-3][1]) == (7, 5)
    assert _drawn(after, DAY_ROW) == 90


def test_a_merge_of_two_members_who_came_is_counted_once_at_once(reader, centre, manager):
    keep, absorb = MemberFactory(centre=centre), MemberFactory(centre=centre)
    VisitFactory(centre=centre, member=keep, arrived_at=_days_ago(4))
    VisitFactory(centre=centre, member=absorb, arrived_at=_days_ago(6))
    before, _ = _read(reader, centre)
    assert before.context["figures"].unique_identified == 2
    _read(reader, centre)
    member_merge(centre=centre, by=manager, keep=keep, absorb=absorb)
    after, rollups = _read(reader, centre)
    assert rollups
    assert after.context["figures"].unique_identified == 1
    assert after.context["figures"].closed != before.context["figures"].closed


def test_an_erased_member_leaves_nothing_kept_from_before(reader, centre, manager):
    member = MemberFactory(centre=centre)
    VisitFactory(centre=centre, member=member, arrived_at=_days_ago(4))
    before, _ = _read(reader, centre)
    member_erase(member=member, by=manager)
    after, rollups = _read(reader, centre)
    assert rollups  # read again from the days the erasure forgot
    assert after.context["figures"].closed != before.context["figures"].closed
    assert _drawn(after, DAY_ROW) == 90
    assert after.context["figures"].total == 1  # the visit still counts, as a visit


def test_each_language_has_its_own_drawing_of_the_closed_days(reader, centre):
    VisitFactory(centre=centre, people=2, arrived_at=_days_ago(3))
    english, _ = _read(reader, centre)
    arabic, rollups = _read(reader, centre, "ar")
    assert rollups == []  # the figures are the same, kept once
    assert (_drawn(arabic, DAY_ROW), _drawn(arabic, BAR)) == (90, 90)  # drawn in Arabic
    assert 'dir="rtl"' in arabic.content.decode()
    again, _ = _read(reader, centre, "ar")
    assert _drawn(again, DAY_ROW) == 1
    assert _same_page(arabic, again) and not _same_page(english, again)
