"""A worker member's own pages: "my bookings" and "my requests" with where each stands,
and a plain explanation, instead of nothing, for an account not linked to a member."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from services.actions import booking_cancel, booking_create, request_create, request_move
from services.models import Booking

from ..factories import MemberFactory, ServiceFactory, SessionFactory, booked_ahead


@pytest.fixture
def me(centre, worker):
    return MemberFactory(centre=centre, account=worker)


def _session(centre, name, starts_in, capacity=5):
    return SessionFactory(
        service=ServiceFactory(centre=centre, name=name, capacity=capacity),
        starts_at=timezone.now() + starts_in,
    )


def test_my_bookings_shows_each_with_its_status(client, centre, worker, me, social_worker):
    sewing = _session(centre, "Sewing course", timedelta(days=1))
    full = _session(centre, "Arabic class", timedelta(days=2), capacity=1)
    booking_create(
        session=full, member=MemberFactory(centre=centre), by=None, at=booked_ahead(full)
    )
    cancelled = _session(centre, "Rights clinic", timedelta(days=3))
    past = _session(centre, "Support circle", -timedelta(days=7))
    booking_create(session=sewing, member=me, by=worker, at=booked_ahead(sewing))
    booking_create(session=full, member=me, by=worker, at=booked_ahead(full))
    booking_cancel(
        booking=booking_create(session=cancelled, member=me, by=worker, at=booked_ahead(cancelled)),
        by=worker,
    )
    came = booking_create(session=past, member=me, by=social_worker, at=booked_ahead(past))
    Booking.objects.filter(pk=came.pk).update(attended=True)
    _session(centre, "Someone else's", timedelta(days=1))  # not booked: not listed

    client.force_login(worker)
    response = client.get(reverse("my_bookings", args=[centre.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert [b.session.service.name for b in response.context["upcoming"]] == [
        "Sewing course",
        "Arabic class",
        "Rights clinic",
    ]
    assert "Booked" in page and "On the waiting list" in page and "Cancelled" in page
    assert "Support circle" in page and "You came" in page
    assert "Someone else" not in page
    assert reverse("session_detail", args=[centre.pk, sewing.pk]) in page
    assert reverse("my_bookings", args=[centre.pk]) in page  # in the menu


def test_my_requests_shows_status_and_the_reason_for_a_decline(client, centre, worker, me, manager):
    evening = request_create(centre=centre, wish="An evening English class", by=worker, member=me)
    laundry = request_create(centre=centre, wish="A laundry on Fridays", by=worker, member=me)
    request_create(centre=centre, wish="Dance classes", by=None)  # anonymous: nobody's
    request_create(
        centre=centre, wish="Someone else's wish", by=None, member=MemberFactory(centre=centre)
    )
    request_move(request=evening, status="review", by=manager)
    request_move(request=laundry, status="declined", by=manager, reason="No room for machines")
    client.force_login(worker)
    response = client.get(reverse("my_requests", args=[centre.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "An evening English class" in page and "Under review" in page
    assert "A laundry on Fridays" in page and "Declined" in page
    assert "No room for machines" in page
    assert "Dance classes" not in page and "Someone else" not in page


@pytest.mark.parametrize("view", ["my_bookings", "my_requests"])
def test_an_unlinked_account_is_told_what_to_do(client, centre, worker, view):
    client.force_login(worker)
    page = client.get(reverse(view, args=[centre.pk])).content.decode()
    assert 'id="not-linked"' in page
    assert "ask them to link this account" in page
    assert worker.email in page


def test_a_session_page_explains_instead_of_offering_nothing(client, centre, worker):
    session = _session(centre, "Sewing course", timedelta(days=1))
    client.force_login(worker)
    page = client.get(reverse("session_detail", args=[centre.pk, session.pk])).content.decode()
    assert 'id="not-linked"' in page and "Book me" not in page


def test_a_linked_member_sees_no_explanation(client, centre, worker, me):
    session = _session(centre, "Sewing course", timedelta(days=1))
    client.force_login(worker)
    page = client.get(reverse("session_detail", args=[centre.pk, session.pk])).content.decode()
    assert 'id="not-linked"' not in page and "Book me" in page


def test_my_cases_explains_an_unlinked_account_too(client, centre, worker):
    client.force_login(worker)
    page = client.get(reverse("my_cases", args=[centre.pk])).content.decode()
    assert 'id="not-linked"' in page and "You have no case" not in page


@pytest.mark.parametrize("view", ["my_bookings", "my_requests"])
@pytest.mark.parametrize("role", ["manager", "social_worker", "legal", "coordinator"])
def test_only_worker_members_have_these_pages(client, cast, centre, view, role):
    client.force_login(cast[role])
    assert client.get(reverse(view, args=[centre.pk])).status_code == 403


@pytest.mark.parametrize("view", ["my_bookings", "my_requests"])
def test_another_centre_is_not_found_and_only_get(client, cast, centre, other_centre, me, view):
    client.force_login(cast["worker"])
    assert client.get(reverse(view, args=[other_centre.pk])).status_code == 404
    assert client.post(reverse(view, args=[centre.pk])).status_code == 405


def test_my_bookings_queries_do_not_grow(client, centre, worker, me, django_assert_max_num_queries):
    client.force_login(worker)
    for count in (2, 20):
        while Booking.objects.filter(member=me).count() < count:
            n = Booking.objects.filter(member=me).count()
            session = _session(centre, f"Class {n}", timedelta(days=n - 5))
            booking_create(session=session, member=me, by=worker, at=booked_ahead(session))
        with django_assert_max_num_queries(12):
            response = client.get(reverse("my_bookings", args=[centre.pk]))
        assert len(response.context["upcoming"]) + len(response.context["past"]) == count


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_sessions_day_and_hours_are_not_joined_by_a_latin_comma(
    client, centre, worker, me, language
):
    """ "الجمعة 4 ديسمبر 2026, 10:00–16:00": a Latin comma reads wrong in Arabic; the
    day and the hours are set apart by the site's separator, in every language."""
    session = _session(centre, "Sewing course", timedelta(days=1))
    booking_create(session=session, member=me, by=worker, at=booked_ahead(session))
    client.force_login(worker)
    client.cookies["django_language"] = language
    for url in (
        reverse("my_bookings", args=[centre.pk]),
        reverse("session_detail", args=[centre.pk, session.pk]),
    ):
        page = client.get(url).content.decode()
        year = str(timezone.localtime(session.starts_at).year)
        assert f"{year}, " not in page and f"{year} · " in page, url
