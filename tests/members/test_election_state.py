"""An election's state follows its schedule (`Election.state_at`), on every page that
shows it: not "Being prepared" while nominations are open or once they have closed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from centres.local_time import today
from members.actions import (
    committee_create,
    election_create,
)
from members.models import Ballot, Election, ElectionState

from ..factories import close_voting

DAY = timezone.timedelta(days=1)


@pytest.fixture
def election(centre, social_worker):
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    now = timezone.now()
    return election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=social_worker,
        nominations_open_at=now + DAY,
        nominations_close_at=now + 2 * DAY,
        opens_at=now + 3 * DAY,
        closes_at=now + 4 * DAY,
        term_starts_on=today(centre) + 6 * DAY,
        term_ends_on=today(centre) + 700 * DAY,
    )


def _pages(client, user, election) -> list[str]:
    client.force_login(user)
    centre_id = election.ballot.committee.centre_id
    urls = [
        reverse("election_detail", args=[centre_id, election.pk]),
        reverse("committee_detail", args=[centre_id, election.ballot.committee_id]),
        reverse("ballot_detail", args=[centre_id, election.ballot_id]),
        reverse("election_reschedule", args=[centre_id, election.pk]),
    ]
    return [client.get(url).content.decode() for url in urls]


def _shift(election, by):
    Election.objects.filter(pk=election.pk).update(
        nominations_open_at=election.nominations_open_at - by,
        nominations_close_at=election.nominations_close_at - by,
    )
    election.refresh_from_db()


def test_the_state_follows_the_schedule(client, committee_member, election):
    now = timezone.now()
    assert election.state_at(now) == ElectionState.NOMINATIONS_LATER
    assert election.state_at(now + 1.5 * DAY) == ElectionState.NOMINATIONS_OPEN
    assert election.state_at(now + 2.5 * DAY) == ElectionState.NOMINATIONS_CLOSED
    for page in _pages(client, committee_member, election):
        assert "Being prepared" not in page
        assert 'data-state="nominations_later"' in page and "Nominations open on" in page

    _shift(election, 1.5 * DAY)
    for page in _pages(client, committee_member, election):
        assert "Being prepared" not in page
        assert 'data-state="nominations_open"' in page and "Nominations open until" in page

    _shift(election, DAY)
    for page in _pages(client, committee_member, election):
        assert "Being prepared" not in page
        assert "Nominations closed, voting opens on" in page


def test_voting_and_counting_follow_the_poll(election):
    ballot = election.ballot
    now = timezone.now()
    Ballot.objects.filter(pk=ballot.pk).update(status="open")
    election.ballot.refresh_from_db()
    assert election.state_at(now) == ElectionState.VOTING_LATER
    assert election.state_at(now + 3.5 * DAY) == ElectionState.VOTING_OPEN
    assert election.state_at(now + 5 * DAY) == ElectionState.VOTING_ENDED
    Ballot.objects.filter(pk=ballot.pk).update(opens_at=now - DAY)
    election.ballot.refresh_from_db()
    close_voting(ballot=election.ballot, by=None)
    election.ballot.refresh_from_db()
    assert election.state_at() == ElectionState.COUNTED


def test_the_reschedule_page_says_when_the_roll_of_an_election_is_drawn(
    client, committee_member, election
):
    page = _pages(client, committee_member, election)[3]
    assert "Who may vote is decided when nominations open" in page
    assert "members registered before its date" not in page
