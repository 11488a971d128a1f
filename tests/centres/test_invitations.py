"""Invitation-only accounts: a manager invites, the person sets a password, nobody signs up."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from centres.models import CentreRole, Invitation, Role, User

from ..factories import CentreRoleFactory, InvitationFactory


def _invite(client, centre, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("staff_invite", args=[centre.pk]), data)


def _link_from(message) -> str:
    return re.search(r"http://testserver(/invitations/[^\s]+/)", message.body).group(1)


def test_manager_invites_and_the_person_joins(
    client, manager, centre, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    response = _invite(
        client,
        centre,
        django_capture_on_commit_callbacks,
        email="New.Worker@Example.org",
        role=Role.SOCIAL_WORKER,
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(centre=centre)
    assert invitation.email == "new.worker@example.org"
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.worker@example.org"]
    link = _link_from(mail.outbox[0])
    # The link's token is not stored, only its hash.
    assert link.split("/")[2] not in (invitation.token_hash or "")

    client.logout()
    assert client.get(link).status_code == 200
    response = client.post(
        link,
        {"name": "Amina", "password1": "river-lantern-2026!", "password2": "river-lantern-2026!"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.worker@example.org")
    assert CentreRole.objects.filter(user=user, centre=centre, role=Role.SOCIAL_WORKER).exists()
    assert client.get(reverse("home")).status_code == 200  # signed in

    client.logout()
    assert client.login(email="new.worker@example.org", password="river-lantern-2026!")
    # The link works once.
    client.logout()
    assert client.get(link).status_code == 404


def test_weak_or_mismatched_password_is_refused_and_nothing_saved(
    client, manager, centre, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    _invite(
        client,
        centre,
        django_capture_on_commit_callbacks,
        email="a@example.org",
        role=Role.LEGAL_ADVISOR,
    )
    link = _link_from(mail.outbox[0])
    client.logout()
    response = client.post(link, {"name": "A", "password1": "123", "password2": "123"})
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    response = client.post(
        link, {"name": "A", "password1": "river-lantern-2026!", "password2": "river-lantern-2027!"}
    )
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.filter(email="a@example.org").exists()
    # The same link still works with valid values: it was the rule that refused.
    response = client.post(
        link, {"name": "A", "password1": "river-lantern-2026!", "password2": "river-lantern-2026!"}
    )
    assert response.status_code == 302
    assert User.objects.filter(email="a@example.org").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-address", "role": Role.SOCIAL_WORKER},
        {"email": "ok@example.org", "role": "emperor"},
        {"email": "", "role": Role.SOCIAL_WORKER},
    ],
)
def test_bad_invitation_input_is_refused(
    client, manager, centre, django_capture_on_commit_callbacks, data
):
    client.force_login(manager)
    response = _invite(client, centre, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_duplicate_invitation_and_existing_role_are_refused(
    client, manager, social_worker, centre, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    response = _invite(
        client,
        centre,
        django_capture_on_commit_callbacks,
        email=social_worker.email,
        role=Role.SOCIAL_WORKER,
    )
    assert "already holds that role" in response.content.decode()
    _invite(
        client,
        centre,
        django_capture_on_commit_callbacks,
        email="x@example.org",
        role=Role.SOCIAL_WORKER,
    )
    response = _invite(
        client,
        centre,
        django_capture_on_commit_callbacks,
        email="x@example.org",
        role=Role.SOCIAL_WORKER,
    )
    assert "already waiting" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_expired_or_withdrawn_invitations_do_not_open(client, centre):
    from centres.tokens import hash_token

    expired = InvitationFactory(
        centre=centre,
        token_hash=hash_token("expired-token"),
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    withdrawn = InvitationFactory(
        centre=centre, token_hash=hash_token("withdrawn-token"), revoked_at=timezone.now()
    )
    for token in ["expired-token", "withdrawn-token", "never-issued"]:
        response = client.get(reverse("invitation_accept", args=[token]))
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
    assert not User.objects.filter(email__in=[expired.email, withdrawn.email]).exists()


def test_existing_account_accepts_after_signing_in(client, centre, other_centre):
    from centres.tokens import hash_token

    someone = CentreRoleFactory(centre=other_centre, role=Role.SOCIAL_WORKER).user
    InvitationFactory(
        centre=centre, email=someone.email, token_hash=hash_token("tok"), role=Role.LEGAL_ADVISOR
    )
    link = reverse("invitation_accept", args=["tok"])
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(someone)
    assert client.post(link).status_code == 302
    assert CentreRole.objects.filter(user=someone, centre=centre, role=Role.LEGAL_ADVISOR).exists()


def test_public_sign_up_is_closed(client, db):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    client.post(
        "/accounts/signup/",
        {
            "email": "walk-in@example.org",
            "password1": "river-lantern-2026!",
            "password2": "river-lantern-2026!",
        },
    )
    assert not User.objects.filter(email="walk-in@example.org").exists()


def test_failed_logins_are_rate_limited(client, social_worker):
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": social_worker.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # The sixth try is refused even with the right password.
    response = client.post(
        url, {"login": social_worker.email, "password": "a-long-test-password-2026"}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_right_password_signs_in(client, social_worker):
    response = client.post(
        reverse("account_login"),
        {"login": social_worker.email, "password": "a-long-test-password-2026"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(social_worker.pk)


def test_an_invitation_task_delivered_twice_mails_once_and_the_link_works(
    client, manager, centre, django_capture_on_commit_callbacks
):
    from centres.tasks import send_invitation

    client.force_login(manager)
    _invite(
        client,
        centre,
        django_capture_on_commit_callbacks,
        email="twice@example.org",
        role=Role.SOCIAL_WORKER,
    )
    invitation = Invitation.objects.get(centre=centre)
    send_invitation.delay(invitation.pk)  # redelivered after the worker was lost
    assert len(mail.outbox) == 1
    client.logout()
    assert client.get(_link_from(mail.outbox[0])).status_code == 200
