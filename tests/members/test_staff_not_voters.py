"""Staff are not voters (DESIGN, self-governance: "staff cannot see or change ballots";
one member, one vote): an account holding a staff role in a centre never also holds the
worker-member role there, is never linked to a member, and cannot cast a vote."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from centres.actions import invitation_accept, invitation_create
from centres.models import AuditEntry, CentreRole, Invitation, Role
from centres.tokens import hash_token
from members.actions import ballot_cast, member_link_account
from members.models import Participation, Receipt, Vote

from ..factories import (
    CentreRoleFactory,
    CommitteeFactory,
    InvitationFactory,
    MemberFactory,
    open_ballot,
)

STAFF = ["manager", "social_worker", "legal"]


def _also_worker(user, centre):
    """The state the old code allowed: a staff account holding the worker-member role."""
    CentreRoleFactory(user=user, centre=centre, role=Role.WORKER_MEMBER)
    return user


@pytest.mark.parametrize("staff", STAFF)
def test_a_staff_account_is_not_invited_as_worker_member(cast, centre, staff):
    with pytest.raises(ValidationError, match="staff role in this centre"):
        invitation_create(
            centre=centre,
            email=cast[staff].email.upper(),
            role=Role.WORKER_MEMBER,
            by=cast["manager"],
        )
    assert not Invitation.objects.exists()


def test_a_worker_member_is_not_invited_as_staff(cast, centre):
    with pytest.raises(ValidationError, match="worker member of this centre"):
        invitation_create(
            centre=centre, email=cast["worker"].email, role=Role.SOCIAL_WORKER, by=cast["manager"]
        )
    assert not Invitation.objects.exists()
    # The same person may still be staff in another centre, and the rule holds per centre.
    invitation_create(
        centre=centre, email="new.person@example.org", role=Role.WORKER_MEMBER, by=cast["manager"]
    )
    assert Invitation.objects.count() == 1


def test_the_staff_invitation_page_says_why(
    client, manager, centre, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff_invite", args=[centre.pk]),
            {"email": manager.email, "role": Role.WORKER_MEMBER},
        )
    assert response.status_code == 200
    assert "staff role in this centre" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("holder", "invited_as"),
    [
        ("manager", Role.WORKER_MEMBER),
        ("social_worker", Role.WORKER_MEMBER),
        ("worker", Role.LEGAL_ADVISOR),
    ],
)
def test_accepting_refuses_the_staff_and_worker_member_combination(
    cast, centre, holder, invited_as
):
    # An invitation made before the other role was granted, or by an older version.
    user = cast[holder]
    invitation = InvitationFactory(
        centre=centre, email=user.email, role=invited_as, token_hash=hash_token("tok")
    )
    with pytest.raises(ValidationError, match="(staff role|worker member) (in|of) this centre"):
        invitation_accept(invitation=invitation, name="x", password="")
    assert not CentreRole.objects.filter(user=user, centre=centre, role=invited_as).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accepting_through_the_link_shows_the_refusal(client, manager, centre):
    InvitationFactory(
        centre=centre, email=manager.email, role=Role.WORKER_MEMBER, token_hash=hash_token("tok")
    )
    client.force_login(manager)
    response = client.post(reverse("invitation_accept", args=["tok"]), follow=True)
    assert response.status_code == 200
    assert "staff role in this centre" in response.content.decode()
    assert not CentreRole.objects.filter(
        user=manager, centre=centre, role=Role.WORKER_MEMBER
    ).exists()


@pytest.mark.parametrize("staff", STAFF)
def test_a_staff_account_is_not_linked_to_a_member(client, cast, centre, staff):
    user = _also_worker(cast[staff], centre)
    member = MemberFactory(centre=centre)
    with pytest.raises(ValidationError, match="staff role in this centre"):
        member_link_account(member=member, email=user.email, by=cast["manager"])
    member.refresh_from_db()
    assert member.account is None
    # Through the page, as in the finding: a message, nothing linked.
    client.force_login(cast["social_worker"])
    url = reverse("member_link_account", args=[centre.pk, member.pk])
    response = client.post(url, {"email": user.email}, follow=True)
    assert "staff role in this centre" in response.content.decode()
    member.refresh_from_db()
    assert member.account is None


def test_linking_an_account_is_in_the_trail_without_the_address(client, cast, centre):
    member = MemberFactory(centre=centre)
    client.force_login(cast["social_worker"])
    url = reverse("member_link_account", args=[centre.pk, member.pk])
    client.post(url, {"email": cast["worker"].email})
    client.post(url, {"email": cast["worker"].email})  # a second tap: one change
    member.refresh_from_db()
    assert member.account == cast["worker"]
    entries = AuditEntry.objects.filter(
        content_type__model="member",
        object_pk=str(member.pk),
        action=AuditEntry.Action.UPDATE,
        changes__has_key="account",
    )
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == cast["social_worker"]
    text = str(entry.changes) + str(entry.object_repr)
    assert cast["worker"].email not in text and str(cast["worker"].pk) not in str(entry.changes)
    assert entry.changes["account"][1] == "[redacted]"


@pytest.fixture
def committee(centre):
    return CommitteeFactory(centre=centre, name="Workers' committee")


@pytest.mark.parametrize("staff", STAFF)
def test_a_member_linked_to_a_staff_account_cannot_vote(centre, committee, cast, staff):
    member = MemberFactory(centre=centre)
    member.account = _also_worker(cast[staff], centre)
    member.save(update_fields=["account"])
    ballot = open_ballot(committee)
    with pytest.raises(ValidationError, match="staff role in this centre"):
        ballot_cast(ballot=ballot, member=member, choices=[ballot.options.first().pk])
    assert not Participation.objects.exists()
    assert not Vote.objects.exists() and not Receipt.objects.exists()


def test_the_vote_page_refuses_a_staff_account(client, centre, committee, manager):
    member = MemberFactory(centre=centre)
    member.account = _also_worker(manager, centre)
    member.save(update_fields=["account"])
    ballot = open_ballot(committee)
    client.force_login(manager)
    url = reverse("ballot_vote", args=[centre.pk, ballot.pk])
    response = client.post(url, {"choices": [ballot.options.first().pk]})
    assert response.status_code == 403
    assert not Participation.objects.exists() and not Vote.objects.exists()


def test_a_worker_still_votes_once(client, centre, committee, worker, other_centre, outsider):
    member = MemberFactory(centre=centre)
    member.account = worker
    member.save(update_fields=["account"])
    # Staff elsewhere does not matter: the rule is per centre.
    CentreRoleFactory(user=worker, centre=other_centre, role=Role.SOCIAL_WORKER)
    ballot = open_ballot(committee)
    client.force_login(worker)
    url = reverse("ballot_vote", args=[centre.pk, ballot.pk])
    assert client.put(url).status_code == 405
    option = ballot.options.first().pk
    client.post(url, {"choices": [option]})
    client.post(url, {"choices": [option]})
    assert Participation.objects.count() == Vote.objects.count() == 1
    client.force_login(outsider)
    assert client.get(url).status_code == 404
