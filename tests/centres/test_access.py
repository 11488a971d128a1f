"""The access matrix of every centre view: role × view, other centre, wrong method."""

import pytest
from django.urls import reverse

from centres.models import CentreRole

from ..factories import CentreRoleFactory, InvitationFactory

ROLES = ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]

# view name -> roles that get the page; everyone else of the centre gets 403.
READ_VIEWS = {
    "centre_detail": set(ROLES),
    "centre_edit": {"manager"},
    "staff_list": {"manager"},
    "staff_invite": {"manager"},
    "audit_trail": {"manager"},
    "retention": {"manager"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(READ_VIEWS))
def test_get_matrix(client, cast, centre, view, role):
    client.force_login(cast[role])
    response = client.get(reverse(view, args=[centre.pk]))
    assert response.status_code == (200 if role in READ_VIEWS[view] else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(READ_VIEWS))
def test_other_centre_is_not_found_for_every_role(client, cast, other_centre, view, role):
    client.force_login(cast[role])
    assert client.get(reverse(view, args=[other_centre.pk])).status_code == 404


@pytest.mark.parametrize("view", sorted(READ_VIEWS))
def test_outsider_cannot_see_this_centre(client, cast, centre, view):
    client.force_login(cast["outsider"])
    assert client.get(reverse(view, args=[centre.pk])).status_code == 404


@pytest.mark.parametrize("view", sorted(READ_VIEWS))
def test_anonymous_is_sent_to_sign_in(client, centre, view):
    response = client.get(reverse(view, args=[centre.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("view", "method"),
    [
        ("centre_detail", "post"),
        ("staff_list", "post"),
        ("audit_trail", "post"),
        ("retention", "post"),
        ("centre_edit", "put"),
        ("staff_invite", "delete"),
    ],
)
def test_wrong_method(client, manager, centre, view, method):
    client.force_login(manager)
    assert getattr(client, method)(reverse(view, args=[centre.pk])).status_code == 405


@pytest.fixture
def target_role(centre):
    return CentreRoleFactory(centre=centre)


@pytest.mark.parametrize("role", ROLES)
def test_role_revoke_matrix(client, cast, centre, target_role, role):
    client.force_login(cast[role])
    response = client.post(reverse("role_revoke", args=[centre.pk, target_role.pk]))
    still_there = CentreRole.objects.filter(pk=target_role.pk).exists()
    if role == "manager":
        assert response.status_code == 302
        assert not still_there
    else:
        assert response.status_code == 403
        assert still_there


def test_role_revoke_needs_post(client, manager, centre, target_role):
    client.force_login(manager)
    response = client.get(reverse("role_revoke", args=[centre.pk, target_role.pk]))
    assert response.status_code == 405
    assert CentreRole.objects.filter(pk=target_role.pk).exists()


def test_role_of_another_centre_is_not_found(client, manager, centre, other_centre):
    elsewhere = CentreRoleFactory(centre=other_centre)
    client.force_login(manager)
    # Through this centre's URL...
    assert client.post(reverse("role_revoke", args=[centre.pk, elsewhere.pk])).status_code == 404
    # ...and through the other centre's.
    assert (
        client.post(reverse("role_revoke", args=[other_centre.pk, elsewhere.pk])).status_code == 404
    )
    assert CentreRole.objects.filter(pk=elsewhere.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_invitation_revoke_matrix(client, cast, centre, role):
    invitation = InvitationFactory(centre=centre)
    client.force_login(cast[role])
    response = client.post(reverse("invitation_revoke", args=[centre.pk, invitation.pk]))
    invitation.refresh_from_db()
    if role == "manager":
        assert response.status_code == 302
        assert invitation.revoked_at is not None
    else:
        assert response.status_code == 403
        assert invitation.revoked_at is None


def test_invitation_of_another_centre_is_not_found(client, manager, centre, other_centre):
    invitation = InvitationFactory(centre=other_centre)
    client.force_login(manager)
    response = client.post(reverse("invitation_revoke", args=[centre.pk, invitation.pk]))
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_coordinator_sees_every_centre_of_the_programme_only(
    client, coordinator, programme, other_centre
):
    from ..factories import CentreFactory

    sibling = CentreFactory(programme=programme)
    client.force_login(coordinator)
    assert client.get(reverse("centre_detail", args=[sibling.pk])).status_code == 200
    assert client.get(reverse("centre_detail", args=[other_centre.pk])).status_code == 404


def test_administrator_sees_every_centre(client, other_centre):
    from ..factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("centre_detail", args=[other_centre.pk])).status_code == 200
    assert client.get(reverse("staff_list", args=[other_centre.pk])).status_code == 200


# A programme's pages: its coordinators use them; the people of its centres learn that
# it exists (403); anybody else, another programme's coordinator included, gets 404.
PROGRAMME_PAGE = {
    "coordinator": 200,
    "manager": 403,
    "social_worker": 403,
    "legal": 403,
    "committee_member": 403,
    "worker": 403,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), sorted(PROGRAMME_PAGE.items()))
def test_programme_page_matrix(client, cast, programme, role, status):
    client.force_login(cast[role])
    assert client.get(reverse("programme_surveys", args=[programme.pk])).status_code == status


def test_programme_page_of_another_programme_is_not_found(client, coordinator, other_centre):
    from ..factories import ProgrammeCoordinatorFactory, UserFactory

    theirs = ProgrammeCoordinatorFactory(programme=other_centre.programme, user=UserFactory())
    client.force_login(coordinator)
    url = reverse("programme_surveys", args=[other_centre.programme.pk])
    assert client.get(url).status_code == 404
    client.force_login(theirs.user)
    assert client.get(url).status_code == 200


def test_programme_page_sends_the_anonymous_to_sign_in_and_admits_the_administrator(
    client, programme
):
    from ..factories import UserFactory

    url = reverse("programme_surveys", args=[programme.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url).status_code == 200


def test_coordinates_programme_needs_a_programme_and_a_signed_in_coordinator(
    coordinator, manager, programme
):
    from django.contrib.auth.models import AnonymousUser

    from centres.rules import coordinates_programme

    assert coordinates_programme(coordinator, programme)
    assert not coordinates_programme(coordinator, None)
    assert not coordinates_programme(manager, programme)
    assert not coordinates_programme(AnonymousUser(), programme)


def test_nobody_signed_out_holds_a_role_or_coordinates(cast, centre):
    from django.contrib.auth.models import AnonymousUser

    from centres.access import coordinates_programme_of, roles_in

    anonymous = AnonymousUser()
    assert roles_in(anonymous, centre) == frozenset()
    assert not coordinates_programme_of(anonymous, centre)
    assert coordinates_programme_of(cast["coordinator"], centre)
    assert not coordinates_programme_of(cast["outsider"], centre)
    assert roles_in(cast["manager"], centre) == {"manager"}


def test_a_deactivated_account_sees_no_centre(cast, centre):
    from centres.models import Centre

    manager = cast["manager"]
    assert list(Centre.objects.visible_to(manager)) == [centre]
    manager.is_active = False
    manager.save()
    assert not Centre.objects.visible_to(manager).exists()
