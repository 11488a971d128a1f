"""The committee withdraws a ballot or an election in which no vote has been cast,
after a confirmation; the deletion is audited with the real actor. A ballot with a
vote cast, or counted, stays."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.local_time import today
from centres.models import AuditEntry
from centres.submissions import new_key
from members.actions import (
    ballot_cast,
    ballot_create,
    ballot_withdraw,
    candidate_nominate,
    committee_create,
    election_create,
    paper_mark,
)
from members.models import Ballot, BallotOption, Candidate, Election, RollEntry

from ..factories import MemberFactory, close_voting, open_ballot

DAY = timezone.timedelta(days=1)


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )


@pytest.fixture
def voter(centre, worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    member.account = worker
    member.registered_at = timezone.now() - 30 * DAY
    member.save()
    return member


@pytest.fixture
def draft(committee):
    now = timezone.now()
    return ballot_create(
        committee=committee,
        by=None,
        kind="priority",
        question="What first?",
        method="plurality",
        opens_at=now + DAY,
        closes_at=now + 3 * DAY,
        options=["Childcare", "Legal clinic"],
    )


@pytest.fixture
def stuck_election(committee, social_worker, voter):
    """Set up while it could still take place, then left behind by time: nominations
    and voting are over, and it is still being prepared."""
    now = timezone.now()
    election = election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=social_worker,
        nominations_open_at=now - DAY,
        nominations_close_at=now + DAY,
        opens_at=now + DAY,
        closes_at=now + 2 * DAY,
        term_starts_on=today(committee.centre) + 4 * DAY,
        term_ends_on=today(committee.centre) + 700 * DAY,
    )
    candidate_nominate(election=election, member=voter, nominated_by=voter, display_name="Sita")
    Election.objects.filter(pk=election.pk).update(
        nominations_open_at=now - 60 * DAY, nominations_close_at=now - 50 * DAY
    )
    Ballot.objects.filter(pk=election.ballot_id).update(
        opens_at=now - 50 * DAY, closes_at=now - 40 * DAY
    )
    return election


def _deletions(model):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action=AuditEntry.Action.DELETE
    )


def test_a_ballot_without_votes_is_withdrawn_and_audited(committee_member, draft):
    ballot_withdraw(ballot=draft, by=committee_member)
    assert not Ballot.objects.exists() and not BallotOption.objects.exists()
    (entry,) = _deletions(Ballot)
    assert entry.actor == committee_member and entry.object_pk == str(draft.pk)


def test_an_election_left_behind_by_time_is_withdrawn(committee_member, stuck_election):
    ballot_withdraw(ballot=stuck_election.ballot, by=committee_member)
    assert not Election.objects.exists() and not Ballot.objects.exists()
    assert not Candidate.objects.exists() and not RollEntry.objects.exists()
    assert _deletions(Election).get().actor == committee_member


def test_an_open_ballot_without_votes_is_withdrawn(committee, voter):
    ballot = open_ballot(committee)
    ballot_withdraw(ballot=ballot, by=None)
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("how", ["online", "paper", "counted"])
def test_a_ballot_with_a_vote_or_a_count_stays(committee, voter, social_worker, how):
    ballot = open_ballot(committee)
    if how == "online":
        ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.first().pk])
    elif how == "paper":
        paper_mark(ballot=ballot, member=voter, by=social_worker)
    else:
        close_voting(ballot=ballot, by=None)
    with pytest.raises(ValidationError, match="withdrawn"):
        ballot_withdraw(ballot=ballot, by=None)
    assert Ballot.objects.filter(pk=ballot.pk).exists()
    assert not _deletions(Ballot).exists()


def _url(ballot):
    return reverse("ballot_withdraw", args=[ballot.committee.centre_id, ballot.pk])


def test_the_committee_confirms_then_withdraws_once(client, committee_member, centre, draft):
    client.force_login(committee_member)
    detail = client.get(reverse("ballot_detail", args=[centre.pk, draft.pk])).content.decode()
    assert _url(draft) in detail
    page = client.get(_url(draft))
    assert page.status_code == 200 and "Withdraw this ballot?" in page.content.decode()
    assert Ballot.objects.filter(pk=draft.pk).exists()  # asking changes nothing
    key = new_key()
    response = client.post(_url(draft), {"form_key": key})
    assert response.status_code == 302
    assert response.url == reverse("governance_home", args=[centre.pk])
    assert client.post(_url(draft), {"form_key": key}).status_code == 302  # a second click
    assert not Ballot.objects.exists() and _deletions(Ballot).count() == 1


def test_the_election_page_leads_to_withdrawing_it(
    client, committee_member, centre, committee, stuck_election
):
    client.force_login(committee_member)
    page = client.get(reverse("election_detail", args=[centre.pk, stuck_election.pk]))
    assert _url(stuck_election.ballot) in page.content.decode()
    confirm = client.get(_url(stuck_election.ballot)).content.decode()
    assert "Withdraw this election?" in confirm
    response = client.post(_url(stuck_election.ballot), {"form_key": new_key()})
    assert response.url == reverse("committee_detail", args=[centre.pk, committee.pk])
    assert not Election.objects.exists()


def test_a_ballot_with_votes_is_not_withdrawn_from_the_page(
    client, committee_member, centre, committee, voter
):
    ballot = open_ballot(committee)
    ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.first().pk])
    client.force_login(committee_member)
    detail = client.get(reverse("ballot_detail", args=[centre.pk, ballot.pk])).content.decode()
    assert _url(ballot) not in detail
    assert "Votes have been cast" in client.get(_url(ballot)).content.decode()
    response = client.post(_url(ballot), {"form_key": new_key()}, follow=True)
    assert "Votes have been cast" in response.content.decode()
    assert Ballot.objects.filter(pk=ballot.pk).exists()


@pytest.mark.parametrize("role", ["manager", "social_worker", "legal", "worker", "coordinator"])
def test_only_the_committee_withdraws(client, cast, draft, role):
    client.force_login(cast[role])
    assert client.get(_url(draft)).status_code == 403
    assert client.post(_url(draft), {"form_key": new_key()}).status_code == 403
    assert Ballot.objects.exists()


def test_another_centres_ballot_is_not_found_and_put_is_refused(
    client, cast, committee_member, draft
):
    client.force_login(cast["outsider"])
    assert client.post(_url(draft), {"form_key": new_key()}).status_code == 404
    client.force_login(committee_member)
    assert client.put(_url(draft)).status_code == 405
    assert Ballot.objects.exists()
