"""Who sees a member's phone and nationality: the manager and the social workers of the
centre, a legal advisor only for a member on a case assigned to them; nobody else
(DESIGN: sensitive attributes are never shown to people who do not need them). The
migration status is shown to nobody (test_migration_status_unshown.py)."""

import pytest
from django.urls import reverse

from advocacy.actions import grievance_open

from ..factories import MemberFactory

PHONE_DIGITS = "9801234567"
SHOWN = ["Phone", "Nationality", "<dd>NP</dd>"]


@pytest.fixture
def member(centre):
    return MemberFactory(
        centre=centre, phone=f"+977 {PHONE_DIGITS}", nationality="NP", migration_status="pending"
    )


def _page(client, user, member):
    client.force_login(user)
    response = client.get(reverse("member_detail", args=[member.centre_id, member.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _sees(page: str) -> bool:
    assert "Migration status" not in page and "Application pending" not in page
    shown = [word in page for word in SHOWN] + [PHONE_DIGITS[-4:] in page]
    assert len(set(shown)) == 1, shown  # all or nothing
    return shown[0]


def _case(cast, member, assignee):
    return grievance_open(
        consent_given=True,
        centre=member.centre,
        by=cast["manager"],
        member=member,
        narrative="n",
        issue_types=["other"],
        assignees=[assignee],
    )


@pytest.mark.parametrize(("role", "sees"), [("manager", True), ("social_worker", True)])
def test_the_front_desk_sees_every_members_details(client, cast, member, role, sees):
    assert _sees(_page(client, cast[role], member)) is sees


def test_a_legal_advisor_does_not_see_them_for_a_member_not_on_their_cases(client, cast, member):
    assert cast["legal"].has_perm("members.view_sensitive_attributes", member) is False
    # Someone else's case of the member is not theirs either.
    _case(cast, member, cast["social_worker"])
    assert cast["legal"].has_perm("members.view_sensitive_attributes", member) is False
    # Nor is the member's page (tests/members/test_legal_reads_their_members.py).
    client.force_login(cast["legal"])
    url = reverse("member_detail", args=[member.centre_id, member.pk])
    assert client.get(url).status_code == 404


def test_a_legal_advisor_sees_them_for_a_member_on_a_case_assigned_to_them(client, cast, member):
    _case(cast, member, cast["legal"])
    assert _sees(_page(client, cast["legal"], member)) is True


@pytest.mark.parametrize("role", ["committee_member", "worker", "coordinator", "outsider"])
def test_the_rule_refuses_everyone_else(cast, member, role):
    assert cast[role].has_perm("members.view_sensitive_attributes", member) is False


def test_the_rule_is_asked_of_the_members_own_centre(cast, member, other_centre):
    # Staff of another centre are nobody to this member.
    assert cast["outsider"].has_perm("members.view_sensitive_attributes", member) is False
    assert cast["manager"].has_perm("members.view_sensitive_attributes", None) is False
