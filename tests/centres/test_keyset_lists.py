"""Every long list pages by keyset ("older / newer"), never by OFFSET: members (and a
member search, whose cursor travels by POST with it), workers' requests, cases and
workers' comments. Each walk covers every row once, in order, with ties on the key."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advocacy.feedback.models import Comment
from advocacy.models import Grievance, GrievanceIssue, Status
from services.models import RequestStatus, ServiceRequest

from ..factories import CentreRoleFactory, CommentFactory, MemberFactory

MOMENT = timezone.now() - timedelta(days=2)


def _cases(centre, count, *, assignee=None, status=Status.INTAKE):
    """`count` cases, half of them opened at one instant (ties across a page edge)."""
    cases = Grievance.objects.bulk_create(
        Grievance(
            centre=centre,
            pseudonym=f"P{n}",
            narrative="What happened",
            status=status,
            opened_at=MOMENT - timedelta(minutes=n if n % 2 else 0),
        )
        for n in range(count)
    )
    GrievanceIssue.objects.bulk_create(
        GrievanceIssue(grievance=c, issue_type="safety") for c in cases
    )
    if assignee:
        Grievance.assignees.through.objects.bulk_create(
            Grievance.assignees.through(grievance=c, user=assignee) for c in cases
        )
    return cases


def _requests(centre, count):
    return ServiceRequest.objects.bulk_create(
        ServiceRequest(
            centre=centre, wish=f"Wish {n}", created_at=MOMENT - timedelta(seconds=n // 3)
        )
        for n in range(count)
    )


def _comments(centre, count):
    day = date(2026, 5, 1)
    return [
        CommentFactory(centre=centre, submitted_on=day - timedelta(days=n // 40))
        for n in range(count)
    ]


def _newest_first(rows, key):
    return [row.pk for row in sorted(rows, key=lambda r: (getattr(r, key), r.pk), reverse=True)]


def _walk(client, url, params=None, *, post=False):
    """Every page from the first, following the older cursor; the ids in order, and
    the pages."""
    params, seen, pages = dict(params or {}), [], []
    while True:
        response = client.post(url, params) if post else client.get(url, params)
        assert response.status_code == 200
        page = response.context["page"]
        pages.append(page)
        seen += [row.pk for row in page]
        if not page.older:
            return seen, pages
        params["older"] = page.older


def test_case_list_pages_cover_every_case_once_for_the_manager(
    client, manager, centre, other_centre
):
    cases = _cases(centre, 120)
    _cases(other_centre, 3)
    client.force_login(manager)
    seen, pages = _walk(client, reverse("case_list", args=[centre.pk]))
    assert seen == _newest_first(cases, "opened_at")
    assert [len(p) for p in pages] == [50, 50, 20]


def test_case_list_pages_show_a_social_worker_only_the_cases_assigned(
    client, social_worker, centre
):
    mine = _cases(centre, 60, assignee=social_worker)
    _cases(centre, 60, assignee=CentreRoleFactory(centre=centre, role="social_worker").user)
    client.force_login(social_worker)
    seen, _pages = _walk(client, reverse("case_list", args=[centre.pk]))
    assert seen == _newest_first(mine, "opened_at")


def test_case_list_keeps_its_filter_in_the_links_and_goes_back_a_page(client, manager, centre):
    advice = _cases(centre, 110, status=Status.ADVICE)
    _cases(centre, 30)
    client.force_login(manager)
    url = reverse("case_list", args=[centre.pk])
    response = client.get(url, {"status": "advice"})
    assert f"status=advice&amp;older={response.context['page'].older}" in response.content.decode()
    seen, pages = _walk(client, url, {"status": "advice"})
    assert seen == _newest_first(advice, "opened_at")
    back = client.get(url, {"status": "advice", "newer": pages[2].newer}).context["page"]
    assert [c.pk for c in back] == [c.pk for c in pages[1]]


def test_request_pages_cover_every_request_once(client, manager, centre, other_centre):
    requests = _requests(centre, 130)
    _requests(other_centre, 3)
    client.force_login(manager)
    seen, pages = _walk(client, reverse("request_list", args=[centre.pk]))
    assert seen == _newest_first(requests, "created_at")
    assert len(pages) == 3 and pages[1].newer and pages[0].is_first


def test_comment_pages_cover_every_comment_once_with_many_on_one_day(
    client, manager, centre, other_centre
):
    comments = _comments(centre, 90)  # 40, 40 and 10 on three days; 25 a page
    _comments(other_centre, 2)
    client.force_login(manager)
    url = reverse("comment_list", args=[centre.pk])
    seen, pages = _walk(client, url)
    assert seen == _newest_first(comments, "submitted_on")
    assert [len(p) for p in pages] == [25, 25, 25, 15]
    Comment.objects.filter(pk__in=seen[:30]).update(coded_at=timezone.now())
    response = client.get(url, {"uncoded": "1"})
    assert f"uncoded=1&amp;older={response.context['page'].older}" in response.content.decode()
    seen, _pages = _walk(client, url, {"uncoded": "1"})
    assert seen == _newest_first(comments, "submitted_on")[30:]


def test_member_pages_cover_every_member_once_newest_first(client, social_worker, centre):
    members = [MemberFactory(centre=centre) for _ in range(105)]
    client.force_login(social_worker)
    seen, pages = _walk(client, reverse("member_list", args=[centre.pk]))
    assert seen == _newest_first(members, "number")
    assert [len(p) for p in pages] == [50, 50, 5]


def test_a_member_search_pages_by_post_and_keeps_the_search(client, social_worker, centre):
    found = [MemberFactory(centre=centre, preferred_name=f"Amina {n}") for n in range(60)]
    MemberFactory(centre=centre, preferred_name="Rina")
    client.force_login(social_worker)
    url = reverse("member_list", args=[centre.pk])
    seen, pages = _walk(client, url, {"q": "amina"}, post=True)
    assert seen == _newest_first(found, "number")
    assert [len(p) for p in pages] == [50, 10]


LISTS = {
    "case_list": ("manager", lambda centre, n: _cases(centre, n)),
    "request_list": ("manager", _requests),
    "comment_list": ("manager", lambda centre, n: _comments(centre, n)),
    "member_list": (
        "social_worker",
        lambda centre, n: [MemberFactory(centre=centre) for _ in range(n)],
    ),
}


@pytest.mark.postgresql
@pytest.mark.parametrize("name", LISTS)
def test_deep_pages_use_the_keyset_with_flat_query_counts(request, client, centre, name):
    """On PostgreSQL: no OFFSET and no COUNT in any page, deep pages cost what page 1
    costs."""
    role, make = LISTS[name]
    make(centre, 260 if name != "member_list" else 160)
    client.force_login(request.getfixturevalue(role))
    url = reverse(name, args=[centre.pk])
    counts, params = [], {}
    for _page in range(3 if name == "member_list" else 5):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200
        sql = " ".join(q["sql"].upper() for q in captured.captured_queries)
        assert " OFFSET " not in sql
        assert "COUNT(" not in sql
        counts.append(len(captured.captured_queries))
        params = {"older": response.context["page"].older}
        assert params["older"]
    assert len(set(counts[1:])) == 1, counts
    assert counts[-1] <= counts[0] + 1, counts


def test_a_request_status_filter_and_cursor_survive_a_move(client, manager, centre):
    service_request = _requests(centre, 1)[0]
    client.force_login(manager)
    response = client.post(
        reverse("request_move", args=[centre.pk, service_request.pk]),
        {"status": RequestStatus.UNDER_REVIEW, "back": "status=new&older=5.7&page=9"},
    )
    assert response["Location"].endswith("?status=new&older=5.7")
