"""The services catalogue: what is offered and when, kept by the manager; weekly times,
one-off sessions, and the periodic task that keeps four weeks of sessions ahead."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.models import AuditEntry
from services.models import ReferralPartner, ScheduleSlot, Service, Session
from services.tasks import generate_sessions

from ..factories import ServiceFactory, SessionFactory

ROLES = ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]


@pytest.fixture
def language(db):
    return ServiceCategory.objects.get(code="language", centre=None)


@pytest.fixture
def health(db):
    return ServiceCategory.objects.get(code="health", centre=None)


def _valid(chosen, **changes):
    data = {
        "name": "Arabic for beginners",
        "category": chosen.pk,
        "description": "Reading and everyday phrases.",
        "languages": ["ar", "ne"],
        "accessibility": "Step-free",
        "capacity": 12,
        "fee": "0",
        "fee_currency": "",
        "active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _page(response) -> str:
    return response.content.decode()


# --- The list ----------------------------------------------------------------


def test_every_role_of_the_centre_sees_what_is_offered(
    client, worker, centre, other_centre, language, health
):
    arabic = ServiceFactory(
        centre=centre, category=language, name="Arabic class", languages=["ar", "ne"]
    )
    ScheduleSlot.objects.create(service=arabic, weekday=0, starts=time(18), minutes=90)
    ServiceFactory(
        centre=centre,
        category=health,
        name="Health check",
        capacity=6,
        fee=Decimal("2.50"),
        fee_currency="JOD",
        accessibility="Sign language on request",
    )
    ServiceFactory(centre=centre, category=language, name="Old course", active=False)
    ServiceFactory(centre=other_centre, category=language, name="Elsewhere course")
    client.force_login(worker)
    page = _page(client.get(reverse("service_list", args=[centre.pk])))
    assert page.index("Basic activities") < page.index("Arabic class")
    assert page.index("Supplementary services") < page.index("Health check")
    assert "Language, acculturation and information" in page and "Health consultations" in page
    assert '<bdi dir="ltr">Arabic</bdi>, <bdi dir="ltr">Nepali</bdi>' in page
    assert "Sign language on request" in page
    assert "Monday 18:00 (90 minutes)" in page
    assert "nominal fee 2.50 JOD — never required to enter the centre; can be waived" in page
    assert "Old course" not in page and "Elsewhere course" not in page
    # A worker reads the catalogue but is offered nothing to change.
    assert reverse("service_new", args=[centre.pk]) not in page
    assert reverse("service_edit", args=[centre.pk, arabic.pk]) not in page
    assert reverse("slot_add", args=[centre.pk, arabic.pk]) not in page


def test_a_free_service_says_free_and_no_fee(client, worker, centre):
    ServiceFactory(centre=centre, name="Karaoke night", fee=0)
    client.force_login(worker)
    page = _page(client.get(reverse("service_list", args=[centre.pk])))
    assert "Free" in page and "nominal fee" not in page


def test_the_manager_sees_the_links_to_keep_the_catalogue(client, manager, centre):
    service = ServiceFactory(centre=centre)
    hidden = ServiceFactory(centre=centre, name="Paused course", active=False)
    client.force_login(manager)
    page = _page(client.get(reverse("service_list", args=[centre.pk])))
    for url in [
        reverse("service_new", args=[centre.pk]),
        reverse("category_add", args=[centre.pk]),
        reverse("service_edit", args=[centre.pk, service.pk]),
        reverse("slot_add", args=[centre.pk, service.pk]),
        reverse("session_add", args=[centre.pk, service.pk]),
        reverse("service_edit", args=[centre.pk, hidden.pk]),  # to make it active again
        reverse("session_export", args=[centre.pk, "csv"]),
    ]:
        assert url in page, url


def test_service_list_queries_do_not_grow(
    client, manager, centre, language, health, django_assert_max_num_queries
):
    partner = ReferralPartner.objects.create(centre=centre, name="Clinic", kind="clinic")
    client.force_login(manager)
    for count in (5, 55):
        while Service.objects.filter(centre=centre).count() < count:
            n = Service.objects.count()
            service = ServiceFactory(
                centre=centre,
                category=health if n % 2 else language,
                provider_staff=manager,
                provider_partner=partner,
            )
            ScheduleSlot.objects.create(service=service, weekday=n % 7, starts=time(9))
            ScheduleSlot.objects.create(service=service, weekday=n % 7, starts=time(14))
        # 11: one of them reads the members' latest priorities for the manager.
        with django_assert_max_num_queries(11):
            response = client.get(reverse("service_list", args=[centre.pk]))
        assert response.status_code == 200
        assert _page(response).count('class="card"') == count


# --- Adding and editing services ---------------------------------------------


def test_manager_adds_a_service_for_the_centre_of_the_url(
    client, manager, social_worker, centre, other_centre, language
):
    partner = ReferralPartner.objects.create(centre=centre, name="Legal aid", kind="lawyer")
    client.force_login(manager)
    response = client.post(
        reverse("service_new", args=[centre.pk]),
        _valid(
            language,
            centre=other_centre.pk,  # ignored: the centre comes from the URL
            provider_staff=social_worker.pk,
            provider_partner=partner.pk,
            fee="1.5",
            fee_currency="jod",
        ),
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.centre == centre and service.category == language
    assert service.provider_staff == social_worker and service.provider_partner == partner
    assert service.fee == Decimal("1.50") and service.fee_currency == "JOD"
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Service),
        object_pk=str(service.pk),
        action=AuditEntry.Action.CREATE,
        actor=manager,
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": "0"}, "greater than or equal to 1"),
        ({"fee": "-1"}, "greater than or equal to 0"),
        ({"fee": "3", "fee_currency": ""}, "Give the currency of the fee"),
        # A word for a currency is refused, not cut to its first three letters.
        ({"fee": "3", "fee_currency": "دينار"}, "Choose the currency from the list"),
        ({"fee": "3", "fee_currency": "XYZ"}, "Choose the currency from the list"),
        ({"name": ""}, "This field is required"),
        ({"category": ""}, "This field is required"),
    ],
)
def test_bad_service_is_refused_and_nothing_saved(
    client, manager, centre, language, changes, message
):
    client.force_login(manager)
    response = client.post(reverse("service_new", args=[centre.pk]), _valid(language, **changes))
    assert response.status_code == 200
    assert message in _page(response)
    assert not Service.objects.exists()
    # The same post with the valid values goes through: the rule refused it, not the fixture.
    client.post(reverse("service_new", args=[centre.pk]), _valid(language))
    assert Service.objects.count() == 1


@pytest.mark.parametrize("forged", ["category", "provider_partner", "provider_staff"])
def test_another_centres_choices_cannot_be_forged(
    client, manager, outsider, centre, other_centre, language, forged
):
    theirs = {
        "category": ServiceCategory.objects.create(
            centre=other_centre, code="karaoke", own_name="Karaoke", kind="supplementary"
        ).pk,
        "provider_partner": ReferralPartner.objects.create(
            centre=other_centre, name="Their clinic", kind="clinic"
        ).pk,
        "provider_staff": outsider.pk,
    }
    client.force_login(manager)
    response = client.post(
        reverse("service_new", args=[centre.pk]), _valid(language, **{forged: theirs[forged]})
    )
    assert "Select a valid choice" in _page(response)
    assert not Service.objects.exists()


def test_an_inactive_partner_is_not_offered_as_provider(client, manager, centre, language):
    closed = ReferralPartner.objects.create(
        centre=centre, name="Closed clinic", kind="clinic", active=False
    )
    client.force_login(manager)
    assert "Closed clinic" not in _page(client.get(reverse("service_new", args=[centre.pk])))
    response = client.post(
        reverse("service_new", args=[centre.pk]), _valid(language, provider_partner=closed.pk)
    )
    assert "Select a valid choice" in _page(response)
    assert not Service.objects.exists()


def test_manager_edits_a_service(client, manager, centre, language, health):
    service = ServiceFactory(centre=centre, category=language, name="Arabic")
    client.force_login(manager)
    url = reverse("service_edit", args=[centre.pk, service.pk])
    assert "Arabic" in _page(client.get(url))
    response = client.post(
        url, _valid(health, name="Health talk", capacity=30, fee="1", fee_currency="JOD")
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.category, service.capacity) == ("Health talk", health, 30)
    assert service.centre == centre


def test_bad_edit_changes_nothing(client, manager, centre, language):
    service = ServiceFactory(centre=centre, category=language, name="Arabic", capacity=10)
    client.force_login(manager)
    response = client.post(
        reverse("service_edit", args=[centre.pk, service.pk]), _valid(language, capacity="0")
    )
    assert response.status_code == 200 and "greater than or equal to 1" in _page(response)
    service.refresh_from_db()
    assert (service.name, service.capacity) == ("Arabic", 10)


def test_another_centres_service_is_not_found_through_this_centre(
    client, manager, centre, other_centre, language
):
    theirs = ServiceFactory(centre=other_centre, category=language, name="Theirs")
    client.force_login(manager)
    for name, method in [
        ("service_edit", "get"),
        ("service_edit", "post"),
        ("session_add", "get"),
        ("session_add", "post"),
        ("slot_add", "post"),
    ]:
        response = getattr(client, method)(
            reverse(name, args=[centre.pk, theirs.pk]),
            {"weekday": 0, "starts": "10:00", "minutes": 60, "starts_at": "2030-01-01T10:00"},
        )
        assert response.status_code == 404, name
    theirs.refresh_from_db()
    assert theirs.name == "Theirs" and not theirs.slots.exists() and not theirs.sessions.exists()


# --- Categories --------------------------------------------------------------


def test_a_new_category_is_the_centres_own(client, manager, outsider, centre, other_centre):
    client.force_login(manager)
    response = client.post(
        reverse("category_add", args=[centre.pk]), {"name": "Laundry", "kind": "supplementary"}
    )
    assert response.status_code == 302
    category = ServiceCategory.objects.get(own_name="Laundry")
    assert category.centre == centre and category.kind == "supplementary"
    assert "Laundry" in _page(client.get(reverse("service_new", args=[centre.pk])))
    client.force_login(outsider)
    assert "Laundry" not in _page(client.get(reverse("service_new", args=[other_centre.pk])))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "kind": "basic"}, "This field is required"),
        ({"name": "Laundry", "kind": "luxury"}, "Select a valid choice"),
        ({"name": "x" * 201, "kind": "basic"}, "at most 200 characters"),
    ],
)
def test_bad_category_is_refused(client, manager, centre, data, message):
    before = ServiceCategory.objects.count()
    client.force_login(manager)
    response = client.post(reverse("category_add", args=[centre.pk]), data)
    assert response.status_code == 200 and message in _page(response)
    assert ServiceCategory.objects.count() == before


# --- Weekly times and one-off sessions ---------------------------------------


def test_a_weekly_time_makes_the_next_four_weeks_of_sessions(client, manager, centre):
    service = ServiceFactory(centre=centre, capacity=8)
    client.force_login(manager)
    response = client.post(
        reverse("slot_add", args=[centre.pk, service.pk]),
        {"weekday": 2, "starts": "17:30", "minutes": 90},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("service_list", args=[centre.pk])
    slot = ScheduleSlot.objects.get()
    assert (slot.service, slot.weekday, slot.starts, slot.minutes) == (service, 2, time(17, 30), 90)
    sessions = list(Session.objects.filter(service=service))
    assert len(sessions) == 4
    assert all(s.centre == centre and s.capacity == 8 and s.slot == slot for s in sessions)
    assert all(timezone.localtime(s.starts_at).weekday() == 2 for s in sessions)
    assert "Wednesday 17:30 (90 minutes)" in _page(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"weekday": 7, "starts": "10:00", "minutes": 60}, "Select a valid choice"),
        ({"weekday": 1, "starts": "25:00", "minutes": 60}, "Enter a valid time"),
        ({"weekday": 1, "starts": "10:00", "minutes": 5}, "greater than or equal to 15"),
        ({"weekday": 1, "starts": "10:00", "minutes": 800}, "less than or equal to 720"),
        ({"weekday": 0, "starts": "18:00", "minutes": 60}, "already runs at this day and time"),
    ],
)
def test_bad_weekly_time_is_refused_with_a_message(client, manager, centre, data, message):
    service = ServiceFactory(centre=centre)
    ScheduleSlot.objects.create(service=service, weekday=0, starts=time(18))
    client.force_login(manager)
    response = client.post(reverse("slot_add", args=[centre.pk, service.pk]), data, follow=True)
    page = _page(response)
    assert "The weekly time was not added" in page and message in page
    assert ScheduleSlot.objects.count() == 1
    assert not Session.objects.exists()


def test_manager_adds_a_one_off_session(client, manager, centre):
    service = ServiceFactory(centre=centre, capacity=10)
    client.force_login(manager)
    url = reverse("session_add", args=[centre.pk, service.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"starts_at": "2030-03-04T10:00", "minutes": 120, "capacity": 25})
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.centre == centre and session.service == service and session.capacity == 25
    assert session.ends_at - session.starts_at == timedelta(minutes=120)
    assert session.slot is None
    client.post(url, {"starts_at": "2030-03-05T10:00", "minutes": 60})
    assert Session.objects.get(starts_at__day=5).capacity == 10  # the service's places


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"starts_at": "", "minutes": 60}, "This field is required"),
        ({"starts_at": "2030-03-04T10:00", "minutes": 0}, "greater than or equal to 15"),
        ({"starts_at": "2030-03-04T10:00", "minutes": 60, "capacity": 0}, "greater than or"),
        ({"starts_at": "2030-03-04T09:00", "minutes": 60}, "already has a session at that time"),
    ],
)
def test_bad_one_off_session_is_refused(client, manager, centre, data, message):
    service = ServiceFactory(centre=centre)
    starts = timezone.datetime(2030, 3, 4, 9, tzinfo=centre.time_zone)
    SessionFactory(service=service, starts_at=starts)
    client.force_login(manager)
    response = client.post(reverse("session_add", args=[centre.pk, service.pk]), data)
    assert response.status_code == 200 and message in _page(response)
    assert Session.objects.count() == 1


def test_no_session_for_an_inactive_service(client, manager, centre):
    service = ServiceFactory(centre=centre, active=False)
    client.force_login(manager)
    response = client.post(
        reverse("session_add", args=[centre.pk, service.pk]),
        {"starts_at": "2030-03-04T10:00", "minutes": 60},
    )
    assert "This service is not active" in _page(response)
    assert not Session.objects.exists()


# --- Who may do what ---------------------------------------------------------

MANAGE_VIEWS = ["service_new", "category_add", "service_edit", "session_add"]


def _args(view, centre, service):
    return (
        [centre.pk, service.pk]
        if view in ("service_edit", "session_add", "slot_add")
        else [centre.pk]
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [(role, 200) for role in ROLES[:5]] + [("coordinator", 403)],
)
def test_service_list_by_role(client, cast, centre, role, status):
    client.force_login(cast[role])
    assert client.get(reverse("service_list", args=[centre.pk])).status_code == status


@pytest.mark.parametrize("view", MANAGE_VIEWS)
@pytest.mark.parametrize(
    ("role", "status"),
    [(role, 403) for role in ROLES[1:]] + [("manager", 200)],
)
def test_only_the_manager_opens_the_forms(client, cast, centre, view, role, status):
    service = ServiceFactory(centre=centre)
    client.force_login(cast[role])
    assert client.get(reverse(view, args=_args(view, centre, service))).status_code == status


@pytest.mark.parametrize("role", ROLES[1:])
def test_other_roles_change_nothing(client, cast, centre, language, role):
    service = ServiceFactory(centre=centre, name="Arabic", capacity=10)
    client.force_login(cast[role])
    posts = [
        (reverse("service_new", args=[centre.pk]), _valid(language)),
        (reverse("service_edit", args=[centre.pk, service.pk]), _valid(language, capacity=99)),
        (reverse("category_add", args=[centre.pk]), {"name": "Laundry", "kind": "basic"}),
        (
            reverse("slot_add", args=[centre.pk, service.pk]),
            {"weekday": 1, "starts": "10:00", "minutes": 60},
        ),
        (
            reverse("session_add", args=[centre.pk, service.pk]),
            {"starts_at": "2030-03-04T10:00", "minutes": 60},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    service.refresh_from_db()
    assert Service.objects.count() == 1 and service.capacity == 10
    assert not ServiceCategory.objects.filter(own_name="Laundry").exists()
    assert not ScheduleSlot.objects.exists() and not Session.objects.exists()


@pytest.mark.parametrize("view", ["service_list", *MANAGE_VIEWS, "slot_add"])
@pytest.mark.parametrize("role", ROLES)
def test_other_centres_catalogue_is_not_found(client, cast, other_centre, view, role):
    service = ServiceFactory(centre=other_centre)
    client.force_login(cast[role])
    url = reverse(view, args=_args(view, other_centre, service))
    response = client.post(url) if view == "slot_add" else client.get(url)
    assert response.status_code == 404


def test_catalogue_wrong_methods(client, manager, centre):
    service = ServiceFactory(centre=centre)
    client.force_login(manager)
    assert client.post(reverse("service_list", args=[centre.pk])).status_code == 405
    assert client.get(reverse("slot_add", args=[centre.pk, service.pk])).status_code == 405
    for view in MANAGE_VIEWS:
        url = reverse(view, args=_args(view, centre, service))
        assert client.delete(url).status_code == 405, view
        assert client.put(url).status_code == 405, view


# --- The periodic task -------------------------------------------------------


def test_generate_sessions_task_is_idempotent(centre, other_centre):
    weekly = ServiceFactory(centre=centre)
    ScheduleSlot.objects.create(service=weekly, weekday=0, starts=time(9))
    ScheduleSlot.objects.create(service=weekly, weekday=3, starts=time(9))
    elsewhere = ServiceFactory(centre=other_centre)
    ScheduleSlot.objects.create(service=elsewhere, weekday=5, starts=time(16))
    paused = ServiceFactory(centre=centre, active=False)
    ScheduleSlot.objects.create(service=paused, weekday=1, starts=time(9))
    ServiceFactory(centre=centre)  # no weekly time: one-off sessions only

    assert generate_sessions.delay().get() == 12
    assert weekly.sessions.count() == 8 and elsewhere.sessions.count() == 4
    assert not paused.sessions.exists()
    assert all(s.centre_id == other_centre.pk for s in elsewhere.sessions.all())
    assert generate_sessions.delay().get() == 0
    assert Session.objects.count() == 12


def test_generate_sessions_leaves_a_cancelled_session_cancelled(centre):
    service = ServiceFactory(centre=centre)
    ScheduleSlot.objects.create(service=service, weekday=0, starts=time(9))
    generate_sessions.delay().get()
    first = service.sessions.first()
    Session.objects.filter(pk=first.pk).update(cancelled_at=timezone.now())
    assert generate_sessions.delay().get() == 0
    first.refresh_from_db()
    assert first.is_cancelled


# --- Services in a language ----------------------------------------------------------


def test_the_list_shows_the_services_offered_in_a_language(client, worker, centre, language):
    ServiceFactory(centre=centre, category=language, name="Nepali circle", languages=["ne"])
    ServiceFactory(centre=centre, category=language, name="Arabic class", languages=["ar", "en"])
    ServiceFactory(centre=centre, category=language, name="Open hours", languages=[])
    client.force_login(worker)
    url = reverse("service_list", args=[centre.pk])
    page = _page(client.get(url, {"language": "ar"}))
    assert "Arabic class" in page and "Nepali circle" not in page and "Open hours" not in page
    page = _page(client.get(url, {"language": "ne"}))
    assert "Nepali circle" in page and "Arabic class" not in page
    page = _page(client.get(url, {"language": "en"}))
    assert "Arabic class" in page and "Nepali circle" not in page
    page = _page(client.get(url, {"language": "fr"}))
    assert "No service is offered in this language." in page
    page = _page(client.get(url, {"language": ""}))
    assert "Arabic class" in page and "Nepali circle" in page and "Open hours" in page


def test_a_language_not_on_the_list_is_an_error_not_a_list(client, worker, centre, language):
    ServiceFactory(centre=centre, category=language, name="Arabic class", languages=["ar"])
    client.force_login(worker)
    response = client.get(reverse("service_list", args=[centre.pk]), {"language": "a"})
    assert response.status_code == 200
    page = _page(response)
    assert 'class="error"' in page and "Arabic class" not in page
    assert "Not a language on the list: \u2068a\u2069. Choose languages from the list." in page
