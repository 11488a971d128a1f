"""The visit log and the audit trail page by keyset ("older / newer"), never by OFFSET."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from centres.audit import record_access
from centres.categories import ServiceCategory
from centres.keyset import cursor_of
from centres.models import AuditEntry

from ..factories import MemberFactory, VisitFactory


def _visits(centre, count, *, at=None, step=timedelta(0)):
    """`count` visits; with no step they all arrive at the same instant."""
    at = at or timezone.now() - timedelta(hours=1)
    return [VisitFactory(centre=centre, arrived_at=at - i * step) for i in range(count)]


def _walk(client, url, first_params="", direction="older"):
    """Every page from the first, following the older link; the rows' ids in order."""
    seen, pages, query = [], [], first_params
    while True:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        page = response.context["page"]
        pages.append(page)
        seen += [row.pk for row in page]
        if not page.older:
            return seen, pages
        query = "&".join(q for q in (first_params, f"older={page.older}") if q)


def test_older_pages_cover_every_visit_once_in_order_with_equal_times(
    client, social_worker, centre, other_centre
):
    # 120 visits: 70 at one instant (ties across a page edge), 50 spread out.
    same = _visits(centre, 70)
    spread = _visits(centre, 50, at=same[0].arrived_at - timedelta(minutes=1), step=timedelta(1))
    VisitFactory(centre=other_centre)
    client.force_login(social_worker)
    url = reverse("visit_list", args=[centre.pk])
    seen, pages = _walk(client, url)
    expected = [
        v.pk for v in sorted(same + spread, key=lambda v: (v.arrived_at, v.pk), reverse=True)
    ]
    assert seen == expected
    assert [len(p) for p in pages] == [50, 50, 20]
    assert pages[0].is_first and not pages[0].newer
    assert all(p.newer for p in pages[1:])


def test_newer_goes_back_exactly_one_page_and_ends_on_the_first_page(client, social_worker, centre):
    _visits(centre, 130)  # all at the same instant: the order is by id alone
    client.force_login(social_worker)
    url = reverse("visit_list", args=[centre.pk])
    _seen, pages = _walk(client, url)
    third = pages[2]
    back = client.get(f"{url}?newer={third.newer}").context["page"]
    assert [v.pk for v in back] == [v.pk for v in pages[1]]
    assert back.older == pages[1].older and back.newer == pages[1].newer
    first = client.get(f"{url}?newer={back.newer}").context["page"]
    assert [v.pk for v in first] == [v.pk for v in pages[0]]
    assert first.is_first and not first.newer


def test_filters_stay_with_the_cursor(client, social_worker, centre):
    advice = ServiceCategory.objects.get(code="advice", centre=None)
    member = MemberFactory(centre=centre)
    identified = []
    for i in range(60):
        visit = VisitFactory(
            centre=centre, member=member, arrived_at=timezone.now() - timedelta(minutes=i)
        )
        visit.purposes.set([advice])
        identified.append(visit.pk)
    _visits(centre, 60)  # anonymous, no purpose
    client.force_login(social_worker)
    url = reverse("visit_list", args=[centre.pk])
    response = client.get(f"{url}?kind=identified&purpose={advice.pk}")
    assert f"kind=identified&amp;purpose={advice.pk}&amp;older=" in response.content.decode()
    seen, _pages = _walk(client, url, f"kind=identified&purpose={advice.pk}")
    assert seen == identified


@pytest.mark.parametrize(
    "query",
    [
        "older=nonsense",
        "newer=1.2.3",
        "older=999999999999999999.1",
        "older=1.9999999999999999999",
        "newer=-5.3",
        "older=%00",
        "page=last",
        "older=" + "9" * 400,
    ],
)
def test_a_bad_cursor_gives_the_first_page(client, social_worker, manager, centre, query):
    visits = _visits(centre, 3, step=timedelta(minutes=1))
    record_access(centre)
    client.force_login(social_worker)
    response = client.get(f"{reverse('visit_list', args=[centre.pk])}?{query}")
    assert response.status_code == 200
    assert [v.pk for v in response.context["page"]] == [v.pk for v in visits]
    client.force_login(manager)
    response = client.get(f"{reverse('audit_trail', args=[centre.pk])}?{query}")
    assert response.status_code == 200
    assert response.context["page"].is_first


def test_the_cursor_carries_only_a_time_and_an_id(client, social_worker, centre):
    member = MemberFactory(centre=centre)
    for i in range(51):
        VisitFactory(centre=centre, member=member, arrived_at=timezone.now() - timedelta(hours=i))
    client.force_login(social_worker)
    page = client.get(reverse("visit_list", args=[centre.pk])).context["page"]
    last = page.object_list[-1]
    assert page.older == cursor_of(last.arrived_at, last.pk)
    assert member.code not in page.older


def test_audit_trail_older_pages_cover_every_entry_once(client, manager, centre, other_centre):
    for _ in range(110):
        record_access(centre)
    record_access(other_centre)
    client.force_login(manager)
    seen, pages = _walk(client, reverse("audit_trail", args=[centre.pk]))
    expected = list(
        AuditEntry.objects.for_centre(centre)
        .order_by("-timestamp", "-pk")
        .values_list("pk", flat=True)
    )
    assert seen == expected
    assert len(pages) == len(expected) // 50 + 1


@pytest.mark.postgresql
@pytest.mark.parametrize("name", ["visit_list", "audit_trail"])
def test_deep_pages_use_the_keyset_with_flat_query_counts(
    client, social_worker, manager, centre, name
):
    """On PostgreSQL: no OFFSET and no COUNT in any page, deep pages cost what page 1 costs."""
    _visits(centre, 260, step=timedelta(seconds=1))
    if name == "audit_trail":
        for _ in range(260 - AuditEntry.objects.for_centre(centre).count()):
            record_access(centre)
    client.force_login(manager if name == "audit_trail" else social_worker)
    url = reverse(name, args=[centre.pk])
    counts, query = [], ""
    for _page in range(5):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        sql = " ".join(q["sql"].upper() for q in captured.captured_queries)
        assert " OFFSET " not in sql
        assert "COUNT(" not in sql
        counts.append(len(captured.captured_queries))
        query = f"older={response.context['page'].older}"
    assert len(set(counts[1:])) == 1, counts
    assert counts[-1] <= counts[0] + 1, counts
