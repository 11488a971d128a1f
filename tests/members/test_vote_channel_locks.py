"""Every vote channel (online, booth check-in, paper mark) takes the voter's roll entry
and reads the ballot's state under it, and a close or a withdrawal takes the whole roll
first: on PostgreSQL, a vote that arrives while the ballot is being closed or withdrawn
waits, then is refused; nothing is recorded in a closed or withdrawn ballot."""

import time
from concurrent.futures import ThreadPoolExecutor
from threading import Event

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from members.actions import (
    ballot_cast,
    ballot_withdraw,
    booth_check_in,
    booth_device_create,
    paper_mark,
)
from members.models import Ballot, BoothPass, Participation

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot

pytestmark = pytest.mark.postgresql

NOT_OPEN = "This ballot is not open for voting."


def _channels(centre, manager):
    device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
    return {
        "paper": lambda ballot, member: paper_mark(ballot=ballot, member=member, by=manager),
        "online": lambda ballot, member: ballot_cast(
            ballot=ballot, member=member, choices=[ballot.options.first().pk]
        ),
        "booth": lambda ballot, member: booth_check_in(
            ballot=ballot, member=member, device=device, by=manager
        ),
    }


def _race(ending, vote):
    """`ending` runs first and stays uncommitted a moment while `vote` arrives."""
    ended = Event()

    def first():
        try:
            with transaction.atomic():
                ending()
                ended.set()
                time.sleep(1)
            return "ended"
        finally:
            connection.close()

    def second():
        try:
            ended.wait(timeout=30)
            vote()
            return "recorded"
        except ValidationError as refusal:
            return refusal.messages[0]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [pool.submit(first), pool.submit(second)]
        return [r.result(timeout=60) for r in results]


@pytest.mark.parametrize("channel", ["paper", "online", "booth"])
def test_a_vote_during_the_close_is_refused(transactional_db, centre, manager, channel):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    vote = _channels(centre, manager)[channel]
    outcomes = _race(lambda: close_voting(ballot=ballot, by=None), lambda: vote(ballot, member))
    assert outcomes == ["ended", NOT_OPEN]
    assert not Participation.objects.exists() and not BoothPass.objects.exists()
    assert Ballot.objects.get().result["votes"] == 0


@pytest.mark.parametrize("channel", ["paper", "online", "booth"])
def test_a_vote_during_the_withdrawal_is_refused(transactional_db, centre, manager, channel):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    vote = _channels(centre, manager)[channel]
    outcomes = _race(lambda: ballot_withdraw(ballot=ballot, by=None), lambda: vote(ballot, member))
    assert outcomes == ["ended", NOT_OPEN]
    assert not Ballot.objects.exists() and not Participation.objects.exists()
