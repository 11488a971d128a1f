"""A candidate withdrawn before certification (erasure withdraws a candidacy in an
election not yet certified) is never seated: the votes are counted again with her
excluded from the start, as if she had not stood, and the recount is what is
certified. A withdrawal after the close recounts at once; certifying a result counted
before a withdrawal recounts first and asks the returning officer to check it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.submissions import new_key
from members.actions import (
    ballot_cast,
    candidate_nominate,
    committee_create,
    election_certify,
    member_erase,
)
from members.models import Ballot, Candidate, SeatTerm

from ..factories import MemberFactory, close_voting
from .test_elections import _election, _to_voting


@pytest.fixture
def counted(centre, social_worker):
    """Two seats, single transferable vote, 10 papers: Asha 4, Bina 3 (then Devi),
    Chitra 2, Devi 1. With everyone (quota 4): Asha is elected in round 1, Devi then
    Chitra are excluded, and Bina is elected as the last one standing. Without Bina
    from the start her papers go to Devi (4): Asha and Devi are elected in round 1."""
    committee = committee_create(
        centre=centre, by=None, name="Committee", seats=[("chair", ""), ("secretary", "")]
    )
    names = ["Asha", "Bina", "Chitra", "Devi"]
    people = {name: MemberFactory(centre=centre) for name in names}
    voters = [MemberFactory(centre=centre) for _ in range(10)]
    election = _election(committee, social_worker, list(committee.seats.all()), "stv")
    for name, member in people.items():
        candidate_nominate(election=election, member=member, nominated_by=member, display_name=name)
    ballot = _to_voting(election)
    key = {option.label: option.pk for option in ballot.options.all()}
    papers = [["Asha"]] * 4 + [["Bina", "Devi"]] * 3 + [["Chitra"]] * 2 + [["Devi"]]
    for voter, paper in zip(voters, papers, strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=[key[label] for label in paper])
    close_voting(ballot=ballot, by=None)
    election.refresh_from_db()
    return election, people


def _winner_labels(election):
    ballot = Ballot.objects.get(pk=election.ballot_id)
    labels = {str(o.pk): o.label for o in ballot.options.all()}
    return [labels[key] for key in ballot.result["winners"]]


def test_the_count_elects_bina_with_everyone_standing(counted):
    election, _people = counted
    assert _winner_labels(election) == ["Asha", "Bina"]


def test_an_erased_winner_is_not_seated_the_recount_is(counted, social_worker):
    election, people = counted
    member_erase(member=people["Bina"], by=social_worker)
    assert _winner_labels(election) == ["Asha", "Devi"]  # counted again at once
    terms = election_certify(election=election, by=social_worker)
    assert [term.member for term in terms] == [people["Asha"], people["Devi"]]
    assert not SeatTerm.objects.filter(member=people["Bina"]).exists()


def test_the_result_page_says_it_was_counted_again(client, worker, counted, social_worker):
    election, people = counted
    member_erase(member=people["Bina"], by=social_worker)
    client.force_login(worker)
    centre_id = election.ballot.committee.centre_id
    html = client.get(reverse("ballot_detail", args=[centre_id, election.ballot_id])).content
    assert "counted again without" in html.decode()


def test_certifying_a_result_counted_before_a_withdrawal_recounts_first(
    client, counted, social_worker
):
    election, people = counted
    # Withdrawn without the recount (as a result stored before this rule would be).
    Candidate.objects.filter(member=people["Bina"]).update(withdrawn_at=timezone.now())
    with pytest.raises(ValidationError, match="counted again"):
        election_certify(election=election, by=social_worker)
    assert not SeatTerm.objects.exists()

    client.force_login(social_worker)
    url = reverse("election_certify", args=[election.ballot.committee.centre_id, election.pk])
    key = new_key()
    page = client.post(url, {"form_key": key}, follow=True).content.decode()
    assert "counted again without" in page
    client.post(url, {"form_key": key}, follow=True)  # the same click, sent twice
    assert not SeatTerm.objects.exists()  # the officer checks the recount first
    assert _winner_labels(election) == ["Asha", "Devi"]
    client.post(url, {"form_key": new_key()}, follow=True)
    seated = [term.member for term in SeatTerm.objects.order_by("seat__position", "seat")]
    assert seated == [people["Asha"], people["Devi"]]


def test_a_candidate_erased_while_voting_is_open_is_not_counted(centre, social_worker):
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    asha, bina = MemberFactory(centre=centre), MemberFactory(centre=centre)
    voters = [MemberFactory(centre=centre) for _ in range(3)]
    election = _election(committee, social_worker, list(committee.seats.all()), "plurality")
    for member, name in ((asha, "Asha"), (bina, "Bina")):
        candidate_nominate(election=election, member=member, nominated_by=member, display_name=name)
    ballot = _to_voting(election)
    key = {option.label: option.pk for option in ballot.options.all()}
    for voter, label in zip(voters, ["Bina", "Bina", "Asha"], strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=[key[label]])
    member_erase(member=bina, by=social_worker)
    close_voting(ballot=ballot, by=None)
    election.refresh_from_db()
    assert _winner_labels(election) == ["Asha"]
    assert [term.member for term in election_certify(election=election, by=social_worker)] == [asha]
