"""Where voting stands comes from one rule (`Ballot.voting_state`): the state every
page shows, and whether a vote is taken. A ballot opened before its window says
when it opens; the vote page of a ballot not open says so instead of a form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.submissions import new_key
from members.actions import ballot_cast, ballot_create, ballot_open
from members.models import Ballot, Election, Participation, Vote, VotingState

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot

DAY = timezone.timedelta(days=1)


@pytest.fixture
def committee(centre):
    return CommitteeFactory(centre=centre, name="Workers' committee")


@pytest.fixture
def voter(centre, worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    member.account = worker
    member.save()
    return member


@pytest.fixture
def later(committee, voter):
    """Opened by the committee today, for a window from tomorrow."""
    now = timezone.now()
    ballot = ballot_create(
        committee=committee,
        by=None,
        kind="priority",
        question="What first?",
        method="plurality",
        opens_at=now + DAY,
        closes_at=now + 5 * DAY,
        roll_date=now,
        options=["Childcare", "Legal clinic"],
    )
    return ballot_open(ballot=ballot, by=None)


def _url(name, ballot):
    return reverse(name, args=[ballot.committee.centre_id, ballot.pk])


def test_the_state_follows_the_window_and_the_committee(committee, voter, later):
    assert later.voting_state() == VotingState.NOT_YET and not later.is_open
    assert later.voting_state(later.opens_at) == VotingState.OPEN
    assert later.voting_state(later.closes_at) == VotingState.ENDED
    with pytest.raises(ValidationError, match="not open for voting"):
        ballot_cast(ballot=later, member=voter, choices=[later.options.first().pk])
    ballot = open_ballot(committee, question="Now?")
    assert ballot.voting_state() == VotingState.OPEN and ballot.is_open
    closed = close_voting(ballot=ballot, by=None)
    assert closed.voting_state() == VotingState.CLOSED and not closed.is_open


def test_an_opened_ballot_before_its_window_says_when_it_opens(
    client, committee_member, centre, later
):
    client.force_login(committee_member)
    for page in (
        client.get(_url("ballot_detail", later)),
        client.get(reverse("governance_home", args=[centre.pk])),
    ):
        text = page.content.decode()
        assert 'data-state="not_yet"' in text and "Opens on" in text
        assert "Voting open" not in text


def test_the_vote_page_before_the_window_shows_no_form(client, worker, voter, later):
    client.force_login(worker)
    response = client.get(_url("ballot_vote", later))
    text = response.content.decode()
    assert response.status_code == 200 and "Opens on" in text
    assert "Cast my vote" not in text and "<form" not in text.split("</header>")[-1]
    choice = later.options.first().pk
    response = client.post(_url("ballot_vote", later), {"choices": str(choice)})
    assert "Opens on" in response.content.decode()
    assert not Participation.objects.exists() and not Vote.objects.exists()


@pytest.mark.parametrize("closed_how", ["counted", "past its closing time"])
def test_the_vote_page_of_a_closed_ballot_says_closed(client, worker, voter, committee, closed_how):
    ballot = open_ballot(committee)
    if closed_how == "counted":
        close_voting(ballot=ballot, by=None)
    else:
        now = timezone.now()
        Ballot.objects.filter(pk=ballot.pk).update(opens_at=now - 2 * DAY, closes_at=now - DAY)
    client.force_login(worker)
    text = client.get(_url("ballot_vote", ballot)).content.decode()
    assert "Voting is closed" in text and "Cast my vote" not in text
    assert "Voting open" not in client.get(_url("ballot_detail", ballot)).content.decode()
    response = client.post(_url("ballot_vote", ballot), {"choices": [ballot.options.first().pk]})
    assert "Voting is closed" in response.content.decode()
    assert not Participation.objects.exists()


def _election(committee, officer, *, nominations_from, nominations_to):
    from centres.local_time import today
    from members.actions import committee_create, election_create

    now = timezone.now()
    committee = committee_create(
        centre=committee.centre, by=None, name="Elected", seats=[("chair", "")]
    )
    return election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=officer,
        nominations_open_at=now + nominations_from,
        nominations_close_at=now + nominations_to,
        opens_at=now + 3 * DAY,
        closes_at=now + 5 * DAY,
        term_starts_on=today(committee.centre) + 7 * DAY,
        term_ends_on=today(committee.centre) + 700 * DAY,
    )


@pytest.mark.parametrize(
    ("window", "says", "nominate", "open_voting"),
    [
        ((DAY, 2 * DAY), "Nominations open on", False, False),
        ((-DAY, 2 * DAY), None, True, False),
    ],
)
def test_the_election_page_offers_what_its_window_allows(
    client, committee_member, social_worker, centre, committee, window, says, nominate, open_voting
):

    election = _election(
        committee, social_worker, nominations_from=window[0], nominations_to=window[1]
    )
    member = MemberFactory(centre=centre)
    member.account = committee_member
    member.save()
    client.force_login(committee_member)
    url = reverse("election_detail", args=[centre.pk, election.pk])
    text = client.get(url).content.decode()
    assert says is None or says in text
    assert ("<h2>Nominate</h2>" in text) is nominate
    assert ("open voting" in text) is open_voting
    # Once nominations have closed: no nomination form, and voting can be opened once
    # two candidates stand (with fewer, the page says why instead).
    Election.objects.filter(pk=election.pk).update(
        nominations_open_at=timezone.now() - 2 * DAY, nominations_close_at=timezone.now()
    )
    Ballot.objects.filter(pk=election.ballot_id).update(roll_date=timezone.now() - 2 * DAY)
    text = client.get(url).content.decode()
    assert "Nominations are closed." in text and "<h2>Nominate</h2>" not in text
    assert "open voting" not in text and "A ballot needs at least two options." in text
    for name in ("Asha", "Bina"):
        election.candidates.create(
            member=MemberFactory(centre=centre), display_name=name, accepted_at=timezone.now()
        )
    assert "open voting" in client.get(url).content.decode()


def test_a_ballot_not_yet_begun_is_not_closed(client, committee_member, later):
    """Closing before the window opens would end voting before it began: refused with
    a reason (it was a 500 from the window-order constraint), the close button is not
    offered, and opening such a ballot says when voting opens, not that it is open."""
    with pytest.raises(ValidationError, match="has not started yet"):
        close_voting(ballot=later, by=None)
    client.force_login(committee_member)
    assert "Close voting and count" not in client.get(_url("ballot_detail", later)).content.decode()
    response = client.post(_url("ballot_close", later), {"form_key": new_key()}, follow=True)
    assert response.status_code == 200 and "has not started yet" in response.content.decode()
    later.refresh_from_db()
    assert later.status == "open" and later.closes_at > later.opens_at


def test_opening_a_ballot_for_a_later_window_says_the_roll_is_frozen(
    client, committee_member, committee
):
    now = timezone.now()
    ballot = ballot_create(
        committee=committee,
        by=None,
        kind="priority",
        question="What next?",
        method="plurality",
        opens_at=now + DAY,
        closes_at=now + 5 * DAY,
        roll_date=now,
        options=["Childcare", "Legal clinic"],
    )
    client.force_login(committee_member)
    page = client.post(_url("ballot_open", ballot), {"form_key": new_key()}, follow=True)
    text = page.content.decode()
    assert "Voting opens at the time shown" in text and "Voting is open." not in text
