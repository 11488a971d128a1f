"""Workers' requests: recorded at the front desk or typed at the kiosk, read and answered
by the manager only, moved along the workflow the actions allow."""

import pytest
from django.urls import reverse

from centres.categories import ServiceCategory
from centres.templatetags.bidi import isolated
from services.models import RequestChannel, RequestStatus, ServiceRequest

from ..devices import paired_kiosk
from ..factories import MemberFactory

ROLES = ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]


@pytest.fixture
def health(db):
    return ServiceCategory.objects.get(code="health", centre=None)


def _request(centre, wish="A sewing class on Fridays", **kwargs):
    return ServiceRequest.objects.create(centre=centre, wish=wish, **kwargs)


def _new_url(centre):
    return reverse("request_new", args=[centre.pk])


def _list_url(centre):
    return reverse("request_list", args=[centre.pk])


def _move_url(service_request):
    return reverse("request_move", args=[service_request.centre_id, service_request.pk])


# --- Recording a request at the front desk ------------------------------------------


def test_front_desk_records_a_members_request(client, social_worker, centre, health):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    response = client.post(
        _new_url(centre),
        {"wish": "  A women's doctor on Fridays ", "category": health.pk, "member": member.code},
    )
    assert response.status_code == 302 and response["Location"] == _new_url(centre)
    saved = ServiceRequest.objects.get()
    assert saved.centre == centre and saved.category == health and saved.member == member
    assert saved.wish == "A women's doctor on Fridays"
    assert saved.channel == RequestChannel.STAFF and saved.status == RequestStatus.NEW
    assert saved.created_by == social_worker


def test_a_request_may_be_anonymous_and_name_no_kind(client, manager, centre):
    client.force_login(manager)
    response = client.post(_new_url(centre), {"wish": "Laundry", "member": "", "category": ""})
    assert response.status_code == 302
    saved = ServiceRequest.objects.get()
    assert saved.member is None and saved.category is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"wish": ""}, "This field is required"),
        ({"wish": "x" * 1001}, "at most 1000 characters"),
        ({"member": "AMM-9999"}, "No member of this centre has the code \u2068AMM-9999\u2069"),
        ({"category": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_request_is_refused_and_nothing_saved(client, social_worker, centre, data, message):
    client.force_login(social_worker)
    response = client.post(_new_url(centre), {"wish": "Karaoke nights", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_another_centres_member_or_category_is_refused(
    client, social_worker, centre, other_centre, health
):
    elsewhere = MemberFactory(centre=other_centre)
    theirs = ServiceCategory.objects.create(
        code="karaoke", own_name="Karaoke", kind="supplementary", centre=other_centre
    )
    client.force_login(social_worker)
    response = client.post(_new_url(centre), {"wish": "Songs", "member": elsewhere.code})
    assert (
        f"No member of this centre has the code {isolated(elsewhere.code)}"
        in response.content.decode()
    )
    response = client.post(_new_url(centre), {"wish": "Songs", "category": theirs.pk})
    assert "Select a valid choice" in response.content.decode()
    assert not ServiceRequest.objects.exists()
    # The same form with this centre's values goes through: the refusals were the rule.
    client.post(_new_url(centre), {"wish": "Songs", "category": health.pk})
    assert ServiceRequest.objects.count() == 1


def test_the_centres_own_category_is_offered(client, social_worker, centre):
    ours = ServiceCategory.objects.create(
        code="sewing", own_name="Sewing", kind="supplementary", centre=centre
    )
    client.force_login(social_worker)
    assert "Sewing" in client.get(_new_url(centre)).content.decode()
    client.post(_new_url(centre), {"wish": "More sewing", "category": ours.pk})
    assert ServiceRequest.objects.get().category == ours


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("manager", 200),
        ("social_worker", 200),
        ("legal", 403),
        ("committee_member", 403),
        ("worker", 403),
        ("coordinator", 403),
    ],
)
def test_who_records_requests(client, cast, centre, role, status):
    client.force_login(cast[role])
    assert client.get(_new_url(centre)).status_code == status
    assert client.post(_new_url(centre), {"wish": "Yoga"}).status_code == (
        302 if status == 200 else 403
    )
    assert ServiceRequest.objects.exists() == (status == 200)


# --- The list of requests, for the manager ---------------------------------------------


def test_manager_reads_requests_with_codes_and_no_names(client, manager, centre, health):
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    _request(centre, wish="A doctor who speaks Nepali", category=health, member=member)
    _request(centre, wish="Dance lessons", channel=RequestChannel.KIOSK)
    client.force_login(manager)
    page = client.get(_list_url(centre)).content.decode()
    for shown in [
        "A doctor who speaks Nepali",
        "Health consultations",
        member.code,
        "Dance lessons",
        "Kiosk at the entrance",
        "Told to staff",
        "Kind of service not said",
        "Anonymous",
        "New",
    ]:
        assert shown in page, shown
    assert "Sita" not in page


def test_status_filter(client, manager, centre):
    _request(centre, wish="Still new")
    _request(centre, wish="Being looked at", status=RequestStatus.UNDER_REVIEW)
    client.force_login(manager)
    page = client.get(_list_url(centre), {"status": "review"}).content.decode()
    assert "Being looked at" in page and "Still new" not in page
    page = client.get(_list_url(centre), {"status": "nonsense"}).content.decode()
    assert "Select a valid choice" in page
    assert "Being looked at" not in page and "Still new" not in page


def test_list_is_paginated(client, manager, centre):
    for n in range(55):
        _request(centre, wish=f"Wish number {n:02d}")
    client.force_login(manager)
    response = client.get(_list_url(centre), {"status": "new"})
    first, older = response.content.decode(), response.context["page"].older
    assert f"status=new&amp;older={older}" in first
    second = client.get(_list_url(centre), {"status": "new", "older": older}).content.decode()
    assert first.count("Wish number") == 50 and second.count("Wish number") == 5
    assert "Wish number 54" in first and "Wish number 04" in second


@pytest.mark.parametrize("count", [5, 50])
def test_list_query_count_does_not_grow(
    client, manager, centre, health, django_assert_max_num_queries, count
):
    members = [MemberFactory(centre=centre) for _ in range(3)]
    for n in range(count):
        _request(
            centre,
            wish=f"Wish {n}",
            category=health if n % 2 else None,
            member=members[n % 3] if n % 3 else None,
            status=[RequestStatus.NEW, RequestStatus.UNDER_REVIEW, RequestStatus.OFFERED][n % 3],
        )
    client.force_login(manager)
    # 4 to find the person and the centre, 2 for the page, 3 to save the session.
    with django_assert_max_num_queries(9):
        response = client.get(_list_url(centre), {"status": ""})
    assert response.status_code == 200
    assert len(response.context["rows"]) == count


# --- Moving a request along the workflow --------------------------------------------------


def test_manager_moves_a_request_and_comes_back_to_the_same_list(client, manager, centre):
    service_request = _request(centre)
    client.force_login(manager)
    response = client.post(
        _move_url(service_request), {"status": "review", "back": "status=new&older=1.2&evil=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == _list_url(centre) + "?status=new&older=1.2"
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.UNDER_REVIEW


def test_the_list_offers_only_the_next_steps(client, manager, centre):
    _request(centre, status=RequestStatus.PLANNED)
    client.force_login(manager)
    response = client.get(_list_url(centre))
    _request_obj, moves = response.context["rows"][0]
    assert [value for value, _label in moves] == ["offered", "declined"]
    assert '<option value="offered">Offered</option>' in response.content.decode()


def test_declining_needs_a_reason(client, manager, centre):
    service_request = _request(centre)
    client.force_login(manager)
    response = client.post(_move_url(service_request), {"status": "declined"}, follow=True)
    assert "Say why the request is declined" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.NEW
    client.post(_move_url(service_request), {"status": "declined", "reason": "No room"})
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.DECLINED
    assert service_request.decline_reason == "No room"


def test_a_step_the_workflow_does_not_allow_is_refused(client, manager, centre):
    service_request = _request(centre)
    client.force_login(manager)
    response = client.post(_move_url(service_request), {"status": "offered"}, follow=True)
    assert "A request that is “New” cannot become “Offered”." in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.NEW
    # Through the allowed steps it gets there: the refusal was the workflow's.
    for status in ["review", "offered"]:
        client.post(_move_url(service_request), {"status": status})
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.OFFERED


def test_an_unknown_status_is_refused(client, manager, centre):
    service_request = _request(centre)
    client.force_login(manager)
    response = client.post(_move_url(service_request), {"status": "granted"}, follow=True)
    assert "Choose what the request becomes." in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.NEW


@pytest.mark.parametrize(
    "role", ["social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_only_the_manager_reads_and_moves_requests(client, cast, centre, role):
    service_request = _request(centre)
    client.force_login(cast[role])
    assert client.get(_list_url(centre)).status_code == 403
    assert client.post(_move_url(service_request), {"status": "review"}).status_code == 403
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.NEW


@pytest.mark.parametrize("role", ROLES)
def test_other_centres_request_pages_are_not_found(client, cast, other_centre, role):
    theirs = _request(other_centre)
    client.force_login(cast[role])
    assert client.get(_list_url(other_centre)).status_code == 404
    assert client.get(_new_url(other_centre)).status_code == 404
    assert client.post(_new_url(other_centre), {"wish": "x"}).status_code == 404
    assert client.post(_move_url(theirs), {"status": "review"}).status_code == 404
    assert client.get(reverse("demand", args=[other_centre.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RequestStatus.NEW
    assert ServiceRequest.objects.count() == 1


def test_another_centres_request_through_this_centre_is_not_found(
    client, manager, centre, other_centre
):
    theirs = _request(other_centre)
    client.force_login(manager)
    url = reverse("request_move", args=[centre.pk, theirs.pk])
    assert client.post(url, {"status": "review"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RequestStatus.NEW


def test_outsider_cannot_reach_this_centres_requests(client, outsider, centre):
    service_request = _request(centre)
    client.force_login(outsider)
    assert client.get(_list_url(centre)).status_code == 404
    assert client.post(_move_url(service_request), {"status": "review"}).status_code == 404
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.NEW


def test_wrong_methods(client, manager, centre):
    service_request = _request(centre)
    client.force_login(manager)
    assert client.post(_list_url(centre)).status_code == 405
    assert client.get(_move_url(service_request)).status_code == 405
    assert client.put(_new_url(centre)).status_code == 405
    assert client.post(reverse("demand", args=[centre.pk])).status_code == 405


def test_anonymous_is_sent_to_sign_in(client, centre):
    for url in [_list_url(centre), _new_url(centre), reverse("demand", args=[centre.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


# --- The kiosk at the entrance ----------------------------------------------------------


@pytest.fixture
def kiosk_url(client, manager, centre):
    """The kiosk's request page, on a client paired as a new kiosk of `centre`."""
    paired_kiosk(client, centre, by=manager)
    return reverse("kiosk_request")


def test_kiosk_takes_an_anonymous_wish_without_login(client, centre, kiosk_url, health):
    assert client.get(kiosk_url).status_code == 200
    response = client.post(kiosk_url, {"wish": "A night clinic", "category": health.pk})
    assert response.status_code == 302 and response["Location"] == kiosk_url
    page = client.get(response["Location"]).content.decode()
    assert "Thank you!" in page
    saved = ServiceRequest.objects.get()
    assert saved.centre == centre and saved.category == health
    assert saved.member is None and saved.created_by is None
    assert saved.channel == RequestChannel.SELF and saved.wish == "A night clinic"


def test_kiosk_check_in_page_links_to_the_request_page(client, kiosk_url):
    page = client.get(reverse("kiosk_checkin")).content.decode()
    assert f'<a href="{kiosk_url}">Ask for a service we don\'t offer</a>' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"wish": ""}, "This field is required"),
        ({"wish": "y" * 1001}, "at most 1000 characters"),
        ({"wish": "Songs", "category": "999999"}, "Select a valid choice"),
    ],
)
def test_kiosk_bad_input_saves_nothing(client, kiosk_url, data, message):
    response = client.post(kiosk_url, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_kiosk_reads_nothing_back(client, centre, kiosk_url):
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    _request(centre, wish="Somebody else's secret wish", member=member)
    page = client.post(kiosk_url, {"wish": "Mine"}, follow=True).content.decode()
    for private in ["Somebody else's secret wish", "Sita", member.code, "Mine"]:
        assert private not in page
    for url in [_list_url(centre), reverse("demand", args=[centre.pk]), _new_url(centre)]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_kiosk_unpaired_or_switched_off_is_refused(client, manager, centre, kiosk_url):
    from django.test import Client

    from members.models import Kiosk

    stranger = Client()
    assert stranger.get(kiosk_url).status_code == 404
    response = stranger.post(kiosk_url, {"wish": "x"})
    assert response.status_code == 404 and "This kiosk is not set up" in response.content.decode()
    client.force_login(manager)
    client.post(reverse("kiosk_revoke", args=[centre.pk, Kiosk.objects.get().pk]))
    assert client.get(kiosk_url).status_code == 404
    assert client.post(kiosk_url, {"wish": "x"}).status_code == 404
    assert not ServiceRequest.objects.exists()


def test_kiosk_wrong_method(client, kiosk_url):
    assert client.put(kiosk_url).status_code == 405
    assert client.delete(kiosk_url).status_code == 405


def test_kiosk_requests_are_rate_limited(client, settings, kiosk_url):
    settings.KIOSK_WRITES_PER_MINUTE = 2
    for _n in range(2):
        assert client.post(kiosk_url, {"wish": "Songs"}).status_code == 302
    response = client.post(kiosk_url, {"wish": "Songs"})
    assert response.status_code == 429 and "Please wait a minute" in response.content.decode()
    assert ServiceRequest.objects.count() == 2


def test_an_anonymous_request_keeps_only_its_day(client, centre, kiosk_url, social_worker):
    """Its exact time would link it to the kiosk check-in or visit just before it."""
    from django.utils import timezone

    from centres.local_time import day_start, today, zone_of

    client.post(kiosk_url, {"wish": "A night clinic"})
    anonymous = ServiceRequest.objects.get()
    assert anonymous.created_at == day_start(today(centre), zone_of(centre))
    from services.actions import request_create

    named = request_create(
        centre=centre, wish="Laundry", by=social_worker, member=MemberFactory(centre=centre)
    )
    assert timezone.now() - named.created_at < timezone.timedelta(minutes=1)
