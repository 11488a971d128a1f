"""Erasure and self-governance: an erased member's name, statement and picture leave
every public page of the elections she stood in; a candidacy in an election not yet
certified is withdrawn, one in a certified election stays in its count, unnamed."""

import pytest
from django.urls import reverse

from members.actions import (
    ballot_cast,
    candidate_nominate,
    committee_create,
    election_certify,
    member_erase,
)
from members.governance.erasure import former_label
from members.governance.models.draws import ballot_winners
from members.models import Candidate, SeatTerm

from ..factories import MemberFactory, close_voting
from .test_elections import _election, _to_voting


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("secretary", ""), ("member", "")],
    )


def _erase(client, user, centre, member):
    client.force_login(user)
    url = reverse("member_erase", args=[centre.pk, member.pk])
    page = client.get(url).content.decode()
    response = client.post(url, {"confirm": member.code})
    assert response.status_code == 302
    return page


def test_a_candidacy_in_an_election_not_yet_certified_is_withdrawn_and_unnamed(
    client, centre, committee, social_worker, worker
):
    bishnu = MemberFactory(centre=centre, preferred_name="Bishnu Rai")
    other = MemberFactory(centre=centre)
    election = _election(committee, social_worker, list(committee.seats.all()[:1]), "plurality")
    candidate = candidate_nominate(
        election=election,
        member=bishnu,
        nominated_by=bishnu,
        display_name="Bishnu",
        statement="Transport from the dormitories on our day off.",
    )
    Candidate.objects.filter(pk=candidate.pk).update(picture=b"\xff\xd8jpeg")
    candidate_nominate(election=election, member=other, nominated_by=other, display_name="Asha")

    notice = _erase(client, social_worker, centre, bishnu)
    assert "candidacy in an election not yet certified is withdrawn" in notice

    candidate.refresh_from_db()
    assert candidate.withdrawn_at is not None
    assert candidate.display_name != "Bishnu" and candidate.statement == ""
    assert candidate.picture is None
    assert list(election.standing().values_list("display_name", flat=True)) == ["Asha"]

    client.force_login(worker)
    page = client.get(reverse("election_detail", args=[centre.pk, election.pk])).content.decode()
    assert "Bishnu" not in page and "dormitories" not in page
    assert "Asha" in page
    picture = reverse("candidate_picture", args=[centre.pk, election.pk, candidate.pk])
    assert client.get(picture).status_code == 404


def test_a_certified_election_keeps_its_count_under_a_former_candidate(
    client, centre, committee, social_worker, worker
):
    seats = list(committee.seats.all()[:2])
    people = [MemberFactory(centre=centre) for _ in range(5)]
    election = _election(committee, social_worker, seats, "stv")
    for name, member in zip(["Kamala", "Fatima", "Anjali"], people, strict=False):
        candidate_nominate(
            election=election,
            member=member,
            nominated_by=member,
            display_name=name,
            statement=f"{name}'s statement",
        )
    ballot = _to_voting(election)
    c0, c1, c2 = (Candidate.objects.get(member=m).option.pk for m in people[:3])
    for voter, choices in zip(people, [[c0, c1], [c0, c2], [c1], [c1, c0], [c2, c1]], strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=choices)
    close_voting(ballot=ballot, by=social_worker)
    election_certify(election=election, by=social_worker)
    winners = ballot_winners(ballot)

    notice = _erase(client, social_worker, centre, people[0])
    assert "stays in its published count as “a former candidate”" in notice
    assert "committee term stays" in notice

    kamala = Candidate.objects.get(member=people[0])
    assert kamala.withdrawn_at is None  # the count and the seats it filled still add up
    assert kamala.statement == "" and kamala.ballot_name == "A former candidate"
    assert ballot_winners(ballot) == winners
    assert SeatTerm.objects.filter(member=people[0]).count() == 1

    client.force_login(worker)
    for url in [
        reverse("ballot_detail", args=[centre.pk, ballot.pk]),
        reverse("election_detail", args=[centre.pk, election.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Kamala" not in page, url
        assert "A former candidate" in page, url
        assert "Fatima" in page, url
        assert former_label(kamala.option.pk) not in page, url  # the counting rounds too


def test_erasing_a_member_who_never_stood_says_nothing_of_elections(client, centre, social_worker):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    page = client.get(reverse("member_erase", args=[centre.pk, member.pk])).content.decode()
    assert "candidac" not in page


def test_erasure_by_retention_unnames_the_candidacy_too(centre, committee, social_worker):
    bishnu = MemberFactory(centre=centre)
    election = _election(committee, social_worker, list(committee.seats.all()[:1]), "plurality")
    candidate_nominate(election=election, member=bishnu, nominated_by=bishnu, display_name="Bishnu")
    member_erase(member=bishnu, by=social_worker)
    assert not Candidate.objects.filter(display_name="Bishnu").exists()
