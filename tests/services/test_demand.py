"""The live demand page: requests by kind of service and status against what is
offered, exactly, for the staff only (the committee and coordinators are sent to the
released figures), never a word, code or name of a worker, a constant number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from centres.categories import ServiceCategory
from services.demand import demand_figures
from services.models import RequestStatus, ServiceRequest

from ..factories import MemberFactory, ServiceFactory, SessionFactory

ALLOWED = ["manager", "social_worker", "legal"]
SENT_TO_RELEASES = ["committee_member", "coordinator"]
STATUSES = [status.value for status in RequestStatus]


def _url(centre):
    return reverse("demand", args=[centre.pk])


def _category(code):
    return ServiceCategory.objects.get(code=code, centre=None)


def _requests(centre, code, number, status=RequestStatus.NEW, **kwargs):
    category = _category(code) if code else None
    for n in range(number):
        ServiceRequest.objects.create(
            centre=centre, category=category, wish=f"{code} wish {n}", status=status, **kwargs
        )


def _rows(figures):
    return {(row.category.code if row.category else None): row for row in figures.rows}


# --- The figures ---------------------------------------------------------------------


def test_requests_by_category_and_status_against_what_is_offered(centre):
    _requests(centre, "health", 3)
    _requests(centre, "health", 2, RequestStatus.PLANNED)
    _requests(centre, "health", 1, RequestStatus.DECLINED, decline_reason="No doctor")
    _requests(centre, None, 4)
    health = _category("health")
    clinic = ServiceFactory(centre=centre, category=health, capacity=8)
    ServiceFactory(centre=centre, category=health, active=False)
    now = timezone.now()
    SessionFactory(service=clinic, starts_at=now + timedelta(days=2))
    SessionFactory(service=clinic, starts_at=now + timedelta(days=20), capacity=12)
    SessionFactory(service=clinic, starts_at=now + timedelta(days=29))  # after 4 weeks
    SessionFactory(service=clinic, starts_at=now - timedelta(days=1))  # past
    SessionFactory(service=clinic, starts_at=now + timedelta(days=3), cancelled_at=now)
    rows = _rows(demand_figures(centre=centre))
    assert rows["health"].requests == {
        "new": 3,
        "review": 0,
        "planned": 2,
        "offered": 0,
        "declined": 1,
        "all": 6,
    }
    assert (rows["health"].services, rows["health"].sessions, rows["health"].places) == (1, 2, 20)
    assert rows[None].requests["new"] == 4 and rows[None].category is None
    assert rows["language"].requests["all"] == 0 and rows["language"].services == 0


def test_every_category_of_the_centre_is_listed_and_totals_add_up(centre, other_centre):
    ours = ServiceCategory.objects.create(
        code="sewing", own_name="Sewing", kind="supplementary", centre=centre
    )
    ServiceCategory.objects.create(
        code="karaoke", own_name="Karaoke", kind="supplementary", centre=other_centre
    )
    _requests(centre, "advice", 2)
    ServiceRequest.objects.create(centre=centre, category=ours, wish="Sewing, please")
    figures = demand_figures(centre=centre)
    codes = set(_rows(figures))
    assert "sewing" in codes and "karaoke" not in codes and None not in codes
    assert figures.total.requests["all"] == 3 and figures.total.requests["new"] == 3


def test_another_centres_requests_services_and_sessions_never_count(centre, other_centre):
    _requests(centre, "health", 2)
    _requests(other_centre, "health", 7)
    theirs = ServiceFactory(centre=other_centre, category=_category("health"))
    SessionFactory(service=theirs)
    figures = demand_figures(centre=centre)
    assert _rows(figures)["health"].requests["all"] == 2
    assert figures.total.requests["all"] == 2
    assert (figures.total.services, figures.total.sessions, figures.total.places) == (0, 0, 0)


# --- The page ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALLOWED)
def test_page_for_staff(client, cast, centre, role):
    client.force_login(cast[role])
    response = client.get(_url(centre))
    assert response.status_code == 200
    assert "Demand for services" in response.content.decode()


@pytest.mark.parametrize("role", SENT_TO_RELEASES)
def test_committee_and_coordinator_are_sent_to_the_released_figures(client, cast, centre, role):
    """Live demand, reloaded after a co-worker's request, would show what they asked for."""
    _requests(centre, "health", 1)
    client.force_login(cast[role])
    response = client.get(_url(centre))
    assert response.status_code == 302
    assert response["Location"] == reverse("released_figures", args=[centre.pk])


def test_worker_may_not_see_demand(client, worker, centre):
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


def test_no_words_codes_or_names_on_the_page(client, cast, centre):
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    for n in range(6):
        ServiceRequest.objects.create(
            centre=centre,
            category=_category("health"),
            wish=f"A clinic near the Qualified Industrial Zone {n}",
            member=member,
        )
    for role in ["manager", "social_worker"]:
        client.force_login(cast[role])
        page = client.get(_url(centre)).content.decode()
        for private in ["Qualified Industrial Zone", member.code, "Sita"]:
            assert private not in page, (role, private)
        assert ">6<" in page, role


def test_no_inline_style_or_script(client, manager, centre):
    client.force_login(manager)
    page = client.get(_url(centre)).content.decode()
    assert "style=" not in page and "<script>" not in page


@pytest.mark.parametrize("number", [5, 50])
def test_query_count_does_not_grow(client, cast, centre, django_assert_max_num_queries, number):
    codes = ["health", "advice", "language", None]
    statuses = [RequestStatus.NEW, RequestStatus.UNDER_REVIEW, RequestStatus.PLANNED]
    for n in range(number):
        _requests(centre, codes[n % 4], 1, statuses[n % 3])
    service = ServiceFactory(centre=centre, category=_category("health"))
    for day in range(1, 1 + number // 5):
        SessionFactory(service=service, starts_at=timezone.now() + timedelta(days=day))
    # 4 to find the person and the centre (a coordinator: 1 more for the programme),
    # 4 for the figures, 3 to save the session.
    for role, queries in [("manager", 11), ("social_worker", 11)]:
        client.force_login(cast[role])
        with django_assert_max_num_queries(queries):
            assert client.get(_url(centre)).status_code == 200
