from django.urls import reverse

from centres.models import CentreRole, Role

from ..factories import InvitationFactory


def test_staff_page_lists_roles_and_waiting_invitations(
    client, manager, social_worker, centre, other_centre
):
    InvitationFactory(centre=centre, email="waiting@example.org")
    InvitationFactory(centre=other_centre, email="elsewhere@example.org")
    client.force_login(manager)
    page = client.get(reverse("staff_list", args=[centre.pk])).content.decode()
    assert social_worker.email in page
    assert "waiting@example.org" in page
    assert "elsewhere@example.org" not in page


def test_manager_cannot_remove_own_manager_role(client, manager, centre):
    own = CentreRole.objects.get(user=manager, centre=centre, role=Role.MANAGER)
    client.force_login(manager)
    response = client.post(reverse("role_revoke", args=[centre.pk, own.pk]), follow=True)
    assert "cannot remove your own manager role" in response.content.decode()
    assert CentreRole.objects.filter(pk=own.pk).exists()


def test_accepted_invitation_cannot_be_withdrawn(client, manager, centre):
    from django.utils import timezone

    invitation = InvitationFactory(centre=centre, accepted_at=timezone.now())
    client.force_login(manager)
    response = client.post(
        reverse("invitation_revoke", args=[centre.pk, invitation.pk]), follow=True
    )
    assert "already accepted" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
