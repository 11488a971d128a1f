"""Who may find a member by phone number: only the roles that see the phone of every
member of the centre (manager, social workers). Anyone else who types a number learns
nothing of whose it is, and is told that phone search is not theirs; a search by name
or code still works for them."""

import pytest
from django.urls import reverse

from advocacy.actions import grievance_open
from members.models import Member

from ..factories import MemberFactory

PHONE = "+962 79 555 0101"
TYPED = "0795550101"
NOTE = "Searching by phone number is not available to your role"


@pytest.fixture
def member(centre):  # the centre is in Jordan: a number without +962 is read as one
    return MemberFactory(centre=centre, preferred_name="Amina Rahman", phone=PHONE)


def _search(client, user, centre, query: str) -> str:
    client.force_login(user)
    response = client.post(reverse("member_list", args=[centre.pk]), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_the_front_desk_finds_a_member_by_phone(client, cast, centre, member, role):
    page = _search(client, cast[role], centre, TYPED)
    assert member.code in page and "Amina Rahman" in page
    assert NOTE not in page
    assert "Code, name or phone" in page


def test_a_legal_advisor_does_not_find_a_member_by_phone(client, cast, centre, member):
    page = _search(client, cast["legal"], centre, TYPED)
    assert member.code not in page and "Amina Rahman" not in page
    assert NOTE in page
    assert "Code, name or phone" not in page and "Code or name" in page


def test_not_even_for_a_member_on_a_case_assigned_to_them(client, cast, centre, member):
    # The number could belong to any member: a search cannot show only "their" members'
    # numbers without telling, by finding nobody, that it is someone else's.
    grievance_open(
        consent_given=True,
        centre=centre,
        by=cast["manager"],
        member=member,
        narrative="n",
        issue_types=["other"],
        assignees=[cast["legal"]],
    )
    page = _search(client, cast["legal"], centre, TYPED)
    assert "Amina Rahman" not in page and NOTE in page


def test_a_legal_advisor_still_finds_a_member_by_name_and_code(client, cast, centre, member):
    # One of their cases' members (test_legal_reads_their_members.py).
    grievance_open(
        consent_given=True,
        centre=centre,
        by=cast["manager"],
        member=member,
        narrative="n",
        issue_types=["other"],
        assignees=[cast["legal"]],
    )
    assert "Amina Rahman" in _search(client, cast["legal"], centre, "amina")
    page = _search(client, cast["legal"], centre, member.code)
    assert "Amina Rahman" in page and NOTE not in page


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("manager", True),
        ("social_worker", True),
        ("legal", False),
        ("committee_member", False),
        ("worker", False),
        ("coordinator", False),
        ("outsider", False),
    ],
)
def test_who_may_search_by_phone(cast, centre, role, allowed):
    assert cast[role].has_perm("members.search_by_phone", centre) is allowed


def test_the_search_finds_nobody_by_phone_without_the_permission(centre, member):
    members = Member.objects.for_centre(centre)
    assert list(members.search(TYPED, region="JO", by_phone=True)) == [member]
    assert list(members.search(TYPED, region="JO", by_phone=False)) == []
