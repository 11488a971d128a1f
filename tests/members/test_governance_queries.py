"""Governance lists cost the same number of queries with 2 rows as with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.actions import (
    ballot_cast,
    booth_check_in,
    booth_device_create,
    committee_create,
    decision_publish,
    decision_record,
    meeting_record,
)

from ..factories import MemberFactory, centre_today, close_voting, fill_seats, open_ballot


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )


def _closed_ballots(committee, n, start):
    for i in range(n):
        close_voting(ballot=open_ballot(committee, question=f"Question {start + i}"), by=None)


def _decisions(committee, n):
    if not committee.seats.filter(terms__isnull=False).exists():
        fill_seats(committee)
    meeting = meeting_record(
        committee=committee,
        by=None,
        held_on=centre_today(),
        seats_present=list(committee.seats.all()),
    )
    for i in range(n):
        decision = decision_record(
            meeting=meeting,
            by=None,
            motion=f"Motion {i}",
            votes_for=2,
            votes_against=0,
            abstentions=0,
        )
        decision_publish(decision=decision, by=None)


def _queries(client, url) -> int:
    client.get(url)  # warm: the session is written at most once a minute, caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["worker", "committee_member", "manager"])
def test_governance_home(client, cast, centre, committee, role):
    client.force_login(cast[role])
    url = reverse("governance_home", args=[centre.pk])
    _closed_ballots(committee, 2, 0)
    _decisions(committee, 2)
    open_ballot(committee, question="Open one")
    few = _queries(client, url)
    _closed_ballots(committee, 8, 2)
    _decisions(committee, 10)
    open_ballot(committee, question="Open two")
    open_ballot(committee, question="Open three")
    assert _queries(client, url) == few


def test_committee_page(client, committee_member, centre, committee):
    client.force_login(committee_member)
    url = reverse("committee_detail", args=[centre.pk, committee.pk])
    _decisions(committee, 2)
    few = _queries(client, url)
    _decisions(committee, 10)
    meeting_record(
        committee=committee,
        by=None,
        held_on=centre_today() - timezone.timedelta(days=3),
        seats_present=committee.seats.all()[:1],
    )
    assert _queries(client, url) == few


def test_results_and_receipts(client, worker, centre, committee):
    members = [MemberFactory(centre=centre) for _ in range(12)]
    few_ballot = open_ballot(committee, question="Few")
    many_ballot = open_ballot(committee, question="Many")
    for member in members[:2]:
        ballot_cast(ballot=few_ballot, member=member, choices=[few_ballot.options.first().pk])
    for member in members:
        ballot_cast(ballot=many_ballot, member=member, choices=[many_ballot.options.last().pk])
    for ballot in (few_ballot, many_ballot):
        close_voting(ballot=ballot, by=None)
    client.force_login(worker)
    for name in ("ballot_detail", "ballot_receipts"):
        few = _queries(client, reverse(name, args=[centre.pk, few_ballot.pk]))
        assert _queries(client, reverse(name, args=[centre.pk, many_ballot.pk])) == few, name


def test_polling_station(client, committee_member, manager, centre, committee):
    members = [MemberFactory(centre=centre) for _ in range(14)]
    ballot = open_ballot(committee)
    url = reverse("ballot_polling", args=[centre.pk, ballot.pk])
    devices = [
        booth_device_create(centre=centre, label=f"Booth {i}", by=manager)[0] for i in range(6)
    ]
    client.force_login(committee_member)

    def vote_at_booth(member, device):
        from members.actions import booth_vote

        booth_pass = booth_check_in(ballot=ballot, member=member, device=device, by=manager)
        booth_vote(device=device, pass_id=booth_pass.pk, choices=[ballot.options.first().pk])

    vote_at_booth(members[0], devices[0])
    booth_check_in(ballot=ballot, member=members[1], device=devices[1], by=manager)
    few = _queries(client, url)
    for member in members[2:10]:
        vote_at_booth(member, devices[0])
    for member, device in zip(members[10:], devices[2:], strict=True):
        booth_check_in(ballot=ballot, member=member, device=device, by=manager)
    assert _queries(client, url) == few
