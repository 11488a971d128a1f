"""The referral partners directory: staff read it, the manager keeps it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from centres.models import AuditEntry
from services.models import ReferralPartner

ROLES = ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]


def _partner(centre, **fields):
    fields = {"name": "Legal aid clinic", "kind": "lawyer", **fields}
    return ReferralPartner.objects.create(centre=centre, **fields)


def _valid(**changes):
    data = {
        "name": "Tamkeen legal aid",
        "kind": "lawyer",
        "languages": ["ar", "en"],
        "contact": "+962 6 000 0000\nSundays to Thursdays",
        "notes": "Wage claims and contract substitution.",
        "active": "on",
    }
    data.update(changes)
    return data


def test_staff_read_the_directory(client, legal, centre, other_centre):
    _partner(centre, name="Women's shelter", kind="shelter", contact="Call Rana first")
    _partner(centre, name="Old clinic", kind="clinic", active=False)
    _partner(other_centre, name="Their union", kind="union")
    client.force_login(legal)
    page = client.get(reverse("partner_list", args=[centre.pk])).content.decode()
    assert "Women&#x27;s shelter" in page and "Shelter" in page and "Call Rana first" in page
    assert "Old clinic" in page and "not active" in page
    assert page.index("Women&#x27;s shelter") < page.index("Old clinic")  # active first
    assert "Their union" not in page
    assert reverse("partner_new", args=[centre.pk]) not in page  # legal advisors only read


def test_the_manager_sees_the_links_to_keep_it(client, manager, centre):
    partner = _partner(centre)
    client.force_login(manager)
    page = client.get(reverse("partner_list", args=[centre.pk])).content.decode()
    assert reverse("partner_new", args=[centre.pk]) in page
    assert reverse("partner_edit", args=[centre.pk, partner.pk]) in page


def test_partner_list_queries_do_not_grow(
    client, social_worker, centre, django_assert_max_num_queries
):
    client.force_login(social_worker)
    for count in (5, 55):
        while ReferralPartner.objects.filter(centre=centre).count() < count:
            _partner(centre, name=f"Partner {ReferralPartner.objects.count()}")
        with django_assert_max_num_queries(8):
            response = client.get(reverse("partner_list", args=[centre.pk]))
        assert response.status_code == 200
        assert response.content.decode().count('<th scope="row">') == count


def test_manager_adds_a_partner(client, manager, centre, other_centre):
    client.force_login(manager)
    response = client.post(reverse("partner_new", args=[centre.pk]), _valid(centre=other_centre.pk))
    assert response.status_code == 302
    partner = ReferralPartner.objects.get()
    assert partner.centre == centre and partner.name == "Tamkeen legal aid"
    assert partner.contact.startswith("+962") and partner.active
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ReferralPartner),
        object_pk=str(partner.pk),
        action=AuditEntry.Action.CREATE,
        actor=manager,
    ).exists()


def test_manager_edits_a_partner(client, manager, centre):
    partner = _partner(centre)
    client.force_login(manager)
    url = reverse("partner_edit", args=[centre.pk, partner.pk])
    assert "Legal aid clinic" in client.get(url).content.decode()
    response = client.post(url, _valid(name="Legal aid (new office)", active=""))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Legal aid (new office)" and not partner.active
    assert partner.centre == centre


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"name": "   "}, "This field is required"),
        ({"kind": "spy"}, "Select a valid choice"),
        ({"name": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_partner_is_refused_and_nothing_saved(client, manager, centre, changes, message):
    partner = _partner(centre)
    client.force_login(manager)
    for url in [
        reverse("partner_new", args=[centre.pk]),
        reverse("partner_edit", args=[centre.pk, partner.pk]),
    ]:
        response = client.post(url, _valid(**changes))
        assert response.status_code == 200 and message in response.content.decode()
    partner.refresh_from_db()
    assert ReferralPartner.objects.count() == 1 and partner.name == "Legal aid clinic"


@pytest.mark.parametrize(
    ("role", "status"),
    [("manager", 200), ("social_worker", 200), ("legal", 200)]
    + [("committee_member", 403), ("worker", 403), ("coordinator", 403)],
)
def test_partner_list_by_role(client, cast, centre, role, status):
    client.force_login(cast[role])
    assert client.get(reverse("partner_list", args=[centre.pk])).status_code == status


@pytest.mark.parametrize("role", ROLES[1:])
def test_only_the_manager_keeps_the_directory(client, cast, centre, role):
    partner = _partner(centre)
    client.force_login(cast[role])
    new = reverse("partner_new", args=[centre.pk])
    edit = reverse("partner_edit", args=[centre.pk, partner.pk])
    assert client.get(new).status_code == 403 and client.get(edit).status_code == 403
    assert client.post(new, _valid()).status_code == 403
    assert client.post(edit, _valid(name="Changed")).status_code == 403
    partner.refresh_from_db()
    assert ReferralPartner.objects.count() == 1 and partner.name == "Legal aid clinic"


@pytest.mark.parametrize("view", ["partner_list", "partner_new", "partner_edit"])
@pytest.mark.parametrize("role", ROLES)
def test_other_centres_directory_is_not_found(client, cast, other_centre, view, role):
    theirs = _partner(other_centre)
    client.force_login(cast[role])
    args = [other_centre.pk, theirs.pk] if view == "partner_edit" else [other_centre.pk]
    assert client.get(reverse(view, args=args)).status_code == 404


def test_another_centres_partner_is_not_found_through_this_centre(
    client, manager, centre, other_centre
):
    theirs = _partner(other_centre, name="Theirs")
    client.force_login(manager)
    url = reverse("partner_edit", args=[centre.pk, theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _valid()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Theirs" and theirs.centre == other_centre


def test_partner_views_wrong_method(client, manager, centre):
    partner = _partner(centre)
    client.force_login(manager)
    assert client.post(reverse("partner_list", args=[centre.pk])).status_code == 405
    assert client.delete(reverse("partner_new", args=[centre.pk])).status_code == 405
    assert client.put(reverse("partner_edit", args=[centre.pk, partner.pk])).status_code == 405
