"""A ballot still in preparation when its opening time has come is opened late only
by the committee: opening it then shortens the time members have to vote, which
staff cannot decide (DESIGN, self-governance: staff cannot change ballots). Staff
open voting on time (before its opening, the roll frozen and voting starting by
itself); once the time has passed, the committee changes the times or opens it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.submissions import new_key
from members.actions import ballot_create, ballot_open, candidate_nominate
from members.models import Ballot, BallotStatus, Election

from ..factories import CommitteeFactory, MemberFactory
from .test_elections import _election

HOUR = timezone.timedelta(hours=1)


@pytest.fixture
def committee(centre):
    return CommitteeFactory(centre=centre, name="Workers' committee")


def _draft(committee, opens_at):
    return ballot_create(
        committee=committee,
        by=None,
        kind="priority",
        question="What first?",
        method="plurality",
        opens_at=opens_at,
        closes_at=timezone.now() + 48 * HOUR,
        roll_date=opens_at,
        options=["Childcare", "Legal clinic"],
    )


@pytest.fixture
def late(committee):
    """In preparation, its opening time an hour ago; one member on its roll."""
    MemberFactory(centre=committee.centre, registered_at=timezone.now() - 2 * HOUR)
    return _draft(committee, timezone.now() - HOUR)


def _url(name, ballot):
    return reverse(name, args=[ballot.committee.centre_id, ballot.pk])


def _status(ballot):
    return Ballot.objects.get(pk=ballot.pk).status


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_staff_cannot_open_a_ballot_late(client, cast, late, role):
    client.force_login(cast[role])
    page = client.get(_url("ballot_detail", late)).content.decode()
    assert _url("ballot_open", late) not in page
    assert "only the committee" in page
    assert client.post(_url("ballot_open", late), {"form_key": new_key()}).status_code == 403
    assert _status(late) == BallotStatus.DRAFT
    with pytest.raises(ValidationError, match="only the committee"):
        ballot_open(ballot=late, by=cast[role])
    assert _status(late) == BallotStatus.DRAFT and not late.roll.exists()


def test_the_committee_opens_it_late_once(client, committee_member, late):
    client.force_login(committee_member)
    assert _url("ballot_open", late) in client.get(_url("ballot_detail", late)).content.decode()
    key = new_key()
    assert client.post(_url("ballot_open", late), {"form_key": key}).status_code == 302
    client.post(_url("ballot_open", late), {"form_key": key})  # the same click twice
    assert _status(late) == BallotStatus.OPEN
    assert late.roll.count() == 1


def test_staff_still_open_voting_before_its_time(client, social_worker, committee):
    MemberFactory(centre=committee.centre)
    ballot = _draft(committee, timezone.now() - timezone.timedelta(seconds=1))
    Ballot.objects.filter(pk=ballot.pk).update(opens_at=timezone.now() + HOUR)
    client.force_login(social_worker)
    assert client.post(_url("ballot_open", ballot), {"form_key": new_key()}).status_code == 302
    assert _status(ballot) == BallotStatus.OPEN


def test_other_centre_wrong_role_and_method(client, cast, late):
    client.force_login(cast["outsider"])
    assert client.post(_url("ballot_open", late)).status_code == 404
    client.force_login(cast["worker"])
    assert client.post(_url("ballot_open", late)).status_code == 403
    client.force_login(cast["committee_member"])
    assert client.get(_url("ballot_open", late)).status_code == 405
    missing = reverse("ballot_open", args=[late.committee.centre_id, late.pk + 1000])
    assert client.post(missing).status_code == 404
    assert _status(late) == BallotStatus.DRAFT


def test_staff_cannot_open_an_election_s_poll_late(client, cast, centre, committee):
    committee.seats.create(title="chair")
    people = {name: MemberFactory(centre=centre) for name in ("Asha", "Bina")}
    election = _election(committee, cast["social_worker"], list(committee.seats.all()), "plurality")
    for name, member in people.items():
        candidate_nominate(election=election, member=member, nominated_by=member, display_name=name)
    now = timezone.now()
    minute = timezone.timedelta(minutes=1)
    Election.objects.filter(pk=election.pk).update(nominations_close_at=now - 2 * minute)
    Ballot.objects.filter(pk=election.ballot_id).update(opens_at=now - minute)
    url = reverse("election_open_voting", args=[centre.pk, election.pk])
    for role in ("manager", "social_worker"):
        client.force_login(cast[role])
        page = client.get(reverse("election_detail", args=[centre.pk, election.pk]))
        assert url not in page.content.decode() and "only the committee" in page.content.decode()
        assert client.post(url, {"form_key": new_key()}).status_code == 403
    assert Ballot.objects.get(pk=election.ballot_id).status == BallotStatus.DRAFT
    client.force_login(cast["committee_member"])
    assert client.post(url, {"form_key": new_key()}).status_code == 302
    assert Ballot.objects.get(pk=election.ballot_id).status == BallotStatus.OPEN
