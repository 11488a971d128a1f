"""The demand page: requests by kind of service and status against what is offered;
exact for staff, small cells hidden (and not recomputable) for committee and
coordinators, never a word, code or name of a worker, a constant number of queries."""

import random
from datetime import timedelta
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from centres.categories import ServiceCategory
from services.demand import ALL, TOTAL, demand_figures, suppress_grid
from services.models import RequestStatus, ServiceRequest

from ..factories import MemberFactory, ServiceFactory, SessionFactory

ALLOWED = ["manager", "social_worker", "legal", "committee_member", "coordinator"]
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
    rows = _rows(demand_figures(centre=centre, threshold=None))
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
    figures = demand_figures(centre=centre, threshold=None)
    codes = set(_rows(figures))
    assert "sewing" in codes and "karaoke" not in codes and None not in codes
    assert figures.total.requests["all"] == 3 and figures.total.requests["new"] == 3


def test_another_centres_requests_services_and_sessions_never_count(centre, other_centre):
    _requests(centre, "health", 2)
    _requests(other_centre, "health", 7)
    theirs = ServiceFactory(centre=other_centre, category=_category("health"))
    SessionFactory(service=theirs)
    figures = demand_figures(centre=centre, threshold=None)
    assert _rows(figures)["health"].requests["all"] == 2
    assert figures.total.requests["all"] == 2
    assert (figures.total.services, figures.total.sessions, figures.total.places) == (0, 0, 0)


def test_outside_the_staff_only_members_who_agreed_to_statistics_count(centre):
    agreed = MemberFactory(centre=centre)
    refused = MemberFactory(centre=centre, consents=("services",))
    for member in [agreed] * 6 + [refused] * 6 + [None] * 6:
        ServiceRequest.objects.create(
            centre=centre, category=_category("advice"), wish="Advice", member=member
        )
    assert _rows(demand_figures(centre=centre, threshold=None))["advice"].requests["all"] == 18
    assert _rows(demand_figures(centre=centre, threshold=5))["advice"].requests["all"] == 12


def test_small_cells_and_what_would_give_them_away_are_hidden(centre):
    _requests(centre, "health", 3)
    _requests(centre, "health", 9, RequestStatus.PLANNED)
    _requests(centre, "advice", 20)
    figures = demand_figures(centre=centre, threshold=5)
    rows = _rows(figures)
    assert rows["health"].requests["new"] is None
    # Health's total minus its planned would give the 3 away; so would advice's column.
    assert None in (rows["health"].requests["planned"], rows["health"].requests["all"])
    assert None in (rows["advice"].requests["new"], figures.total.requests["new"])
    assert rows["language"].requests["new"] == 0  # zeros describe nobody
    exact = _rows(demand_figures(centre=centre, threshold=None))
    assert exact["health"].requests["new"] == 3


# --- Suppression of a table with totals -------------------------------------------------


def _recoverable(shown, keys):
    """Hidden cells that the visible ones and the totals give away, found another way
    than the code does: each row and each column is a linear equation over the hidden
    cells; a cell is given away when the equations combine into one naming it alone (a
    row of the reduced echelon form with a single non-zero)."""
    hidden = sorted((cell for cell, count in shown.items() if count is None), key=str)
    lines = [([(row, s) for s in STATUSES], (row, ALL)) for row in [*keys, TOTAL]]
    lines += [([(key, column) for key in keys], (TOTAL, column)) for column in [*STATUSES, ALL]]
    matrix = []
    for parts, total in lines:
        equation = [Fraction(1 if c in parts else -1 if c == total else 0) for c in hidden]
        if any(equation):
            matrix.append(equation)
    rank = 0
    for column in range(len(hidden)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][column]
        matrix[rank] = [value / lead for value in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column]:
                factor = matrix[r][column]
                matrix[r] = [x - factor * y for x, y in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return [
        hidden[next(i for i, v in enumerate(row) if v)]
        for row in matrix[:rank]
        if sum(1 for v in row if v) == 1
    ]


def _table(counts):
    """A table of categories × statuses with its row and column totals."""
    keys = list(counts)
    cells = {}
    for key, values in counts.items():
        cells.update({(key, status): value for status, value in zip(STATUSES, values, strict=True)})
        cells[(key, ALL)] = sum(values)
    for column in [*STATUSES, ALL]:
        cells[(TOTAL, column)] = sum(cells[(key, column)] for key in keys)
    return keys, cells


def test_a_lone_small_cell_takes_a_rectangle_with_it():
    keys, cells = _table({"a": [3, 10, 10, 10, 10], "b": [10, 10, 10, 10, 10]})
    only_the_small_one = {cell: None if cell == ("a", "new") else n for cell, n in cells.items()}
    assert _recoverable(only_the_small_one, keys) == [("a", "new")]
    shown = suppress_grid(cells, 5)
    assert shown[("a", "new")] is None
    assert _recoverable(shown, keys) == []
    assert sum(count is None for count in shown.values()) == 4  # the smallest rectangle


def test_no_hidden_cell_can_be_worked_out_from_random_tables():
    rng = random.Random(2026)
    for _ in range(150):
        counts = {
            key: [rng.choice([0, 0, 0, 1, 2, 4, 5, 7, 12, 30]) for _status in STATUSES]
            for key in range(rng.randint(1, 13))
        }
        keys, cells = _table(counts)
        shown = suppress_grid(cells, 5)
        assert _recoverable(shown, keys) == [], counts
        for cell, count in cells.items():
            if 0 < count < 5:
                assert shown[cell] is None, (cell, counts)
            elif shown[cell] is not None:
                assert shown[cell] == count


# --- The page ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALLOWED)
def test_page_for_staff_committee_and_coordinator(client, cast, centre, role):
    client.force_login(cast[role])
    response = client.get(_url(centre))
    assert response.status_code == 200
    assert "Demand for services" in response.content.decode()


def test_worker_may_not_see_demand(client, worker, centre):
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


def test_committee_sees_hidden_cells_the_manager_sees_exactly(client, cast, centre):
    _requests(centre, "health", 3)
    _requests(centre, "advice", 20)
    for role, shown in [("manager", 3), ("committee_member", None), ("coordinator", None)]:
        client.force_login(cast[role])
        response = client.get(_url(centre))
        assert _rows(response.context["figures"])["health"].requests["new"] == shown, role
        page = response.content.decode()
        assert ("To protect people in small groups" in page) == (shown is None), role


def test_no_words_codes_or_names_on_the_page(client, cast, centre):
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    for n in range(6):
        ServiceRequest.objects.create(
            centre=centre,
            category=_category("health"),
            wish=f"A clinic near the Qualified Industrial Zone {n}",
            member=member,
        )
    for role in ["committee_member", "coordinator", "manager"]:
        client.force_login(cast[role])
        page = client.get(_url(centre)).content.decode()
        for private in ["Qualified Industrial Zone", member.code, "Sita"]:
            assert private not in page, (role, private)
        assert ">6<" in page, role


def test_threshold_is_the_programmes(client, committee_member, centre):
    centre.programme.suppression_threshold = 2
    centre.programme.save()
    _requests(centre, "health", 3)
    _requests(centre, "advice", 20)
    client.force_login(committee_member)
    figures = client.get(_url(centre)).context["figures"]
    assert _rows(figures)["health"].requests["new"] == 3


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
    for role, queries in [("manager", 11), ("committee_member", 11), ("coordinator", 12)]:
        client.force_login(cast[role])
        with django_assert_max_num_queries(queries):
            assert client.get(_url(centre)).status_code == 200
