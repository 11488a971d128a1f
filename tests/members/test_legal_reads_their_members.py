"""A legal advisor reads only the members of the cases assigned to them: the member
list, its search and a member's page (404 for anyone else's, as for another
centre's); the link from their case leads to its member. The manager and social
workers read every member, as before."""

import pytest
from django.urls import reverse

from advocacy.actions import grievance_open

from ..factories import MemberFactory


@pytest.fixture
def theirs(cast, centre):
    member = MemberFactory(centre=centre, preferred_name="Rukmini Theirs")
    case = grievance_open(
        centre=centre,
        by=cast["manager"],
        member=member,
        narrative="n",
        issue_types=["other"],
        assignees=[cast["legal"]],
        consent_given=True,
    )
    return member, case


@pytest.fixture
def others(cast, centre):
    """A member with no case, and one whose case is assigned to someone else."""
    plain = MemberFactory(centre=centre, preferred_name="Parvati Plain")
    cased = MemberFactory(centre=centre, preferred_name="Kamala Cased")
    grievance_open(
        centre=centre,
        by=cast["manager"],
        member=cased,
        narrative="n",
        issue_types=["other"],
        assignees=[cast["social_worker"]],
        consent_given=True,
    )
    return [plain, cased]


def _detail(client, member):
    return client.get(reverse("member_detail", args=[member.centre_id, member.pk]))


def test_a_legal_advisor_lists_and_finds_only_the_members_of_their_cases(
    client, cast, centre, theirs, others
):
    client.force_login(cast["legal"])
    url = reverse("member_list", args=[centre.pk])
    page = client.get(url).content.decode()
    assert "Rukmini Theirs" in page
    assert "Parvati Plain" not in page and "Kamala Cased" not in page
    for other in others:
        link = reverse("member_detail", args=[centre.pk, other.pk])
        for query in (other.preferred_name, other.code):
            found = client.post(url, {"q": query})
            assert list(found.context["page"]) == []
            assert link not in found.content.decode()
    found = client.post(url, {"q": "Rukmini"})
    assert [member.pk for member in found.context["page"]] == [theirs[0].pk]


def test_a_legal_advisor_opens_only_the_members_of_their_cases(client, cast, theirs, others):
    member, case = theirs
    client.force_login(cast["legal"])
    for other in others:
        assert _detail(client, other).status_code == 404
    # The link on their case leads to its member's page.
    case_page = client.get(reverse("case_detail", args=[case.centre_id, case.pk]))
    link = reverse("member_detail", args=[member.centre_id, member.pk])
    assert link in case_page.content.decode()
    assert client.get(link).status_code == 200


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_the_front_desk_reads_every_member(client, cast, centre, theirs, others, role):
    client.force_login(cast[role])
    page = client.get(reverse("member_list", args=[centre.pk])).content.decode()
    for member in [theirs[0], *others]:
        assert member.preferred_name in page
        assert _detail(client, member).status_code == 200


def test_the_rule_answers_per_member(cast, theirs, others):
    assert cast["legal"].has_perm("members.view_member", theirs[0]) is True
    assert not any(cast["legal"].has_perm("members.view_member", m) for m in others)
    assert cast["committee_member"].has_perm("members.view_member", theirs[0]) is False
    assert cast["outsider"].has_perm("members.view_member", theirs[0]) is False
