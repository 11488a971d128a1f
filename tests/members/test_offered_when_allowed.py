"""A button or link is offered only when its action would be taken: opening an
election's voting needs a ballot its standing candidates can fill (the rule is
`Election.open_voting_refusal`, which the action applies too); an election's poll
opens from the election, not from the ballot's page; a ballot is prepared only for a
committee that exists."""

from django.urls import reverse
from django.utils import timezone

from centres.local_time import today
from centres.submissions import new_key
from members.actions import (
    committee_create,
    election_create,
    paper_batch_confirm,
    paper_batch_enter,
    paper_mark,
)

from ..factories import CommitteeFactory, MemberFactory, open_ballot

DAY = timezone.timedelta(days=1)
OPEN_VOTING = "Put the candidates on the ballot and open voting"


def _closed_nominations(centre, officer, *standing):
    committee = committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", "")]
    )
    now = timezone.now()
    election = election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=officer,
        nominations_open_at=now - DAY,
        nominations_close_at=now + DAY,
        opens_at=now + DAY,
        closes_at=now + 3 * DAY,
        term_starts_on=today(centre) + 5 * DAY,
        term_ends_on=today(centre) + 700 * DAY,
    )
    for name in standing:
        member = MemberFactory(centre=centre, preferred_name=name)
        election.candidates.create(member=member, display_name=name, accepted_at=now)
    type(election).objects.filter(pk=election.pk).update(nominations_close_at=now - DAY / 24)
    election.refresh_from_db()
    return election


def _page(client, user, election) -> str:
    client.force_login(user)
    url = reverse("election_detail", args=[election.ballot.committee.centre_id, election.pk])
    return client.get(url).content.decode()


def test_open_voting_is_offered_only_with_two_candidates(client, centre, social_worker):
    alone = _closed_nominations(centre, social_worker, "Asha")
    page = _page(client, social_worker, alone)
    # One candidate for the seat: no vote to open, they can be declared elected unopposed
    # (said once, with the returning officer's link, not also as a refusal).
    assert OPEN_VOTING not in page and "A ballot needs at least two options." not in page
    assert page.count("so they can be declared elected unopposed") == 1
    assert "declared elected unopposed" in alone.open_voting_refusal()
    alone.candidates.create(
        member=MemberFactory(centre=centre), display_name="Bina", accepted_at=timezone.now()
    )
    assert OPEN_VOTING in _page(client, social_worker, alone)


def test_an_election_s_poll_opens_from_the_election(
    client, centre, social_worker, committee_member
):
    election = _closed_nominations(centre, social_worker, "Asha", "Bina")
    ballot = election.ballot
    client.force_login(committee_member)
    detail = client.get(reverse("ballot_detail", args=[centre.pk, ballot.pk])).content.decode()
    assert reverse("ballot_open", args=[centre.pk, ballot.pk]) not in detail
    assert reverse("election_detail", args=[centre.pk, election.pk]) in detail
    url = reverse("ballot_open", args=[centre.pk, ballot.pk])
    response = client.post(url, {"form_key": new_key()}, follow=True)
    assert "Voting opens from the election" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.status == "draft" and not ballot.options.exists()


def test_a_ballot_is_prepared_only_for_a_committee(client, centre, committee_member):
    client.force_login(committee_member)
    home = reverse("governance_home", args=[centre.pk])
    new = reverse("ballot_new", args=[centre.pk])
    assert new not in client.get(home).content.decode()
    assert client.get(new).status_code == 404
    committee_create(centre=centre, by=None, name="Workers' committee", seats=[("chair", "")])
    assert new in client.get(home).content.decode()


def test_close_is_offered_once_no_paper_batch_waits(
    client, centre, committee_member, social_worker, manager
):
    """`ballot_close` refuses while a batch waits for its second officer
    (`Ballot.close_refusal`): the page says so instead of offering the button."""
    voters = [MemberFactory(centre=centre) for _ in range(2)]
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    for member in voters:
        paper_mark(ballot=ballot, member=member, by=manager)
    totals = dict.fromkeys(ballot.options.values_list("pk", flat=True), 0)
    totals[ballot.options.first().pk] = 2
    batch = paper_batch_enter(ballot=ballot, by=manager, label="Box 1", papers=2, totals=totals)
    client.force_login(committee_member)
    close = reverse("ballot_close", args=[centre.pk, ballot.pk])
    detail = reverse("ballot_detail", args=[centre.pk, ballot.pk])
    page = client.get(detail).content.decode()
    assert close not in page and "A paper batch waits for a second officer" in page
    paper_batch_confirm(batch=batch, by=social_worker, papers=2, totals=totals)
    assert close in client.get(detail).content.decode()
