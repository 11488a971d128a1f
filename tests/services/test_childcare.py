"""Childcare: registering a child with who may collect them, and checking every pick-up;
and the member's coming sessions on their page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from centres.templatetags.bidi import isolated
from services.actions import booking_cancel, booking_create, child_add
from services.models import Child, PickUp

from ..factories import MemberFactory, ServiceFactory, SessionFactory, booked_ahead

ROLES = ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]
NOT_FRONT_DESK = ["legal", "committee_member", "worker", "coordinator"]


@pytest.fixture
def member(centre):
    return MemberFactory(centre=centre)


@pytest.fixture
def childcare(centre):
    service = ServiceFactory(centre=centre, name="Saturday childcare", is_childcare=True)
    return SessionFactory(service=service)


@pytest.fixture
def child(member, manager):
    return child_add(member=member, name="Asha", collectors="Sita Rai\nRam Rai", by=manager)


@pytest.fixture
def booked(childcare, member, child):
    return booking_create(session=childcare, member=member, by=None, at=booked_ahead(childcare))


def _pick_up_url(session):
    return reverse("pick_up", args=[session.centre_id, session.pk])


# --- Registering a child -----------------------------------------------------


def test_front_desk_registers_a_child_and_who_may_collect(client, social_worker, centre, member):
    client.force_login(social_worker)
    url = reverse("child_add", args=[centre.pk, member.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Asha", "collectors": "Sita Rai\n\n  Ram Rai  \n"})
    assert response.status_code == 302
    child = Child.objects.get()
    assert child.member == member and child.name == "Asha"
    assert child.may_be_collected_by("ram rai") and not child.may_be_collected_by("Someone")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, collectors FROM services_child")
        stored = cursor.fetchone()
    assert "Asha" not in stored[0] and "Sita" not in stored[1]  # encrypted at rest
    page = client.get(response.url).content.decode()
    assert f"The child of {isolated(member.code)} is registered." in page
    assert "<li><bdi>Sita Rai</bdi></li>" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Asha", "collectors": "  \n  "}, "This field is required"),
        ({"name": "", "collectors": "Sita Rai"}, "This field is required"),
        ({"name": "A" * 201, "collectors": "Sita Rai"}, "at most 200 characters"),
    ],
)
def test_a_bad_child_is_refused_and_nothing_saved(
    client, social_worker, centre, member, data, message
):
    client.force_login(social_worker)
    response = client.post(reverse("child_add", args=[centre.pk, member.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Child.objects.exists()


@pytest.mark.parametrize("role", NOT_FRONT_DESK)
def test_only_the_front_desk_registers_children(client, cast, centre, member, role):
    client.force_login(cast[role])
    url = reverse("child_add", args=[centre.pk, member.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Asha", "collectors": "Sita"}).status_code == 403
    assert not Child.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_another_centres_member_gets_no_child_here(client, cast, centre, other_centre, role):
    theirs = MemberFactory(centre=other_centre)
    client.force_login(cast[role])
    data = {"name": "Asha", "collectors": "Sita"}
    assert (
        client.post(reverse("child_add", args=[other_centre.pk, theirs.pk]), data).status_code
        == 404
    )
    if role in ("manager", "social_worker"):
        url = reverse("child_add", args=[centre.pk, theirs.pk])
        assert client.post(url, data).status_code == 404
    assert not Child.objects.exists()


def test_an_erased_member_gets_no_child(client, social_worker, centre, member):
    from members.actions import member_erase

    member_erase(member=member, by=social_worker)
    client.force_login(social_worker)
    url = reverse("child_add", args=[centre.pk, member.pk])
    assert client.post(url, {"name": "Asha", "collectors": "Sita"}).status_code == 404
    assert not Child.objects.exists()


def test_child_form_methods(client, social_worker, centre, member):
    client.force_login(social_worker)
    assert client.delete(reverse("child_add", args=[centre.pk, member.pk])).status_code == 405


# --- Pick-ups ----------------------------------------------------------------


def test_someone_on_the_list_may_collect_the_child(client, social_worker, childcare, booked, child):
    client.force_login(social_worker)
    response = client.post(_pick_up_url(childcare), {"child": child.pk, "collector": "ram  RAI"})
    assert response.status_code == 302
    attempt = PickUp.objects.get()
    assert attempt.allowed and attempt.child == child and attempt.session == childcare
    assert attempt.collector == "ram RAI" and attempt.recorded_by == social_worker
    assert response.url.endswith(f"?checked={attempt.pk}")
    page = client.get(response.url).content.decode()
    assert (
        "<bdi>ram RAI</bdi> is on the list of people who may collect <bdi>Asha</bdi>: "
        "you may hand over the child." in page
    )


def test_someone_not_on_the_list_is_refused_and_the_refusal_recorded(
    client, social_worker, childcare, booked, child
):
    client.force_login(social_worker)
    response = client.post(_pick_up_url(childcare), {"child": child.pk, "collector": "Mr Boss"})
    attempt = PickUp.objects.get()
    assert attempt.allowed is False and attempt.collector == "Mr Boss"
    page = client.get(response.url).content.decode()
    assert (
        "<bdi>Mr Boss</bdi> is not on the list of people who may collect <bdi>Asha</bdi>; "
        "do not hand over the child." in page
    )
    assert '<span class="flag stop">refused</span>' in page


def test_only_children_of_members_booked_in_the_session_are_offered(
    client, social_worker, centre, childcare, child, member
):
    full_member = MemberFactory(centre=centre)
    waiting_child = child_add(member=full_member, name="Bina", collectors="X", by=social_worker)
    # The session has 10 places: fill them, so the second member waits.
    booking = booking_create(session=childcare, member=member, by=None, at=booked_ahead(childcare))
    for _n in range(9):
        booking_create(
            session=childcare,
            member=MemberFactory(centre=centre),
            by=None,
            at=booked_ahead(childcare),
        )
    assert (
        booking_create(
            session=childcare, member=full_member, by=None, at=booked_ahead(childcare)
        ).status
        == "waiting"
    )
    client.force_login(social_worker)
    page = client.get(_pick_up_url(childcare)).content.decode()
    assert f"Asha ({member.code})" in page and "Bina" not in page
    response = client.post(_pick_up_url(childcare), {"child": waiting_child.pk, "collector": "X"})
    assert "Select a valid choice" in response.content.decode()
    booking_cancel(booking=booking, by=None)  # a cancelled booking does not count either
    response = client.post(_pick_up_url(childcare), {"child": child.pk, "collector": "X"})
    assert "Select a valid choice" in response.content.decode()
    assert not PickUp.objects.exists()


def test_a_pick_up_needs_a_collector(client, social_worker, childcare, booked, child):
    client.force_login(social_worker)
    response = client.post(_pick_up_url(childcare), {"child": child.pk, "collector": "  "})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not PickUp.objects.exists()


def test_a_session_that_is_not_childcare_has_no_pick_up(client, social_worker, centre):
    session = SessionFactory(service=ServiceFactory(centre=centre))
    client.force_login(social_worker)
    assert client.get(_pick_up_url(session)).status_code == 404
    assert client.post(_pick_up_url(session), {"collector": "X"}).status_code == 404


@pytest.mark.parametrize("role", NOT_FRONT_DESK)
def test_only_the_front_desk_checks_pick_ups(client, cast, childcare, booked, child, role):
    client.force_login(cast[role])
    assert client.get(_pick_up_url(childcare)).status_code == 403
    data = {"child": child.pk, "collector": "Sita Rai"}
    assert client.post(_pick_up_url(childcare), data).status_code == 403
    assert not PickUp.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_another_centres_childcare_is_not_found(client, cast, centre, other_centre, role):
    theirs = SessionFactory(service=ServiceFactory(centre=other_centre, is_childcare=True))
    parent = MemberFactory(centre=other_centre)
    their_child = child_add(member=parent, name="Lina", collectors="Sita", by=None)
    booking_create(session=theirs, member=parent, by=None, at=booked_ahead(theirs))
    client.force_login(cast[role])
    data = {"child": their_child.pk, "collector": "Sita"}
    assert (
        client.post(reverse("pick_up", args=[other_centre.pk, theirs.pk]), data).status_code == 404
    )
    if role in ("manager", "social_worker"):
        url = reverse("pick_up", args=[centre.pk, theirs.pk])
        assert client.post(url, data).status_code == 404
    assert not PickUp.objects.exists()


def test_pick_up_methods(client, social_worker, childcare):
    client.force_login(social_worker)
    assert client.delete(_pick_up_url(childcare)).status_code == 405


def test_pick_up_page_queries_do_not_grow(
    client, social_worker, centre, childcare, django_assert_max_num_queries
):
    client.force_login(social_worker)
    for count in (5, 50):
        while PickUp.objects.count() < count:
            parent = MemberFactory(centre=centre)
            kid = child_add(member=parent, name="Kid", collectors="Sita", by=None)
            booking_create(session=childcare, member=parent, by=None, at=booked_ahead(childcare))
            PickUp.objects.create(child=kid, session=childcare, collector="Sita", allowed=True)
        with django_assert_max_num_queries(10):
            response = client.get(_pick_up_url(childcare))
        assert len(response.context["attempts"]) == count


# --- The member's coming sessions (for the member's page) ---------------------


def test_member_bookings_tag_lists_coming_booked_and_waiting_sessions(centre, member, manager):
    soon = SessionFactory(service=ServiceFactory(centre=centre, name="Arabic class", capacity=1))
    later = SessionFactory(
        service=ServiceFactory(centre=centre, name="Sewing class", capacity=1),
        starts_at=timezone.now() + timedelta(days=3),
    )
    past = SessionFactory(
        service=ServiceFactory(centre=centre, name="Old class"),
        starts_at=timezone.now() - timedelta(days=3),
    )
    dropped = SessionFactory(service=ServiceFactory(centre=centre, name="Dropped class"))
    booking_create(
        session=later, member=MemberFactory(centre=centre), by=None, at=booked_ahead(later)
    )
    booking_create(session=soon, member=member, by=None, at=booked_ahead(soon))
    booking_create(session=later, member=member, by=None, at=booked_ahead(later))  # full: waiting
    booking_create(session=past, member=member, by=None, at=booked_ahead(past))
    booking_cancel(
        booking=booking_create(session=dropped, member=member, by=None, at=booked_ahead(dropped)),
        by=None,
    )

    html = Template("{% load services_tags %}{% member_bookings member %}").render(
        Context({"member": member})
    )
    assert "Arabic class" in html and "Sewing class" in html
    assert html.index("Arabic class") < html.index("Sewing class")
    assert "Booked" in html and "On the waiting list" in html
    assert "Old class" not in html and "Dropped class" not in html
    assert html.count("<tr>") == 3  # the header and two sessions
    assert reverse("session_detail", args=[centre.pk, soon.pk]) in html


def test_member_bookings_tag_without_bookings(member):
    html = Template("{% load services_tags %}{% member_bookings member %}").render(
        Context({"member": member})
    )
    assert "No coming session booked." in html
