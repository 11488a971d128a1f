"""An election with no more standing candidates than seats cannot be put to a vote: the
returning officer declares them elected unopposed, once nominations are over. The
seats are filled for the term, the election certified and audited, the committee role
follows; no ballot is opened. Staff or the committee record an acceptance given on
paper or in person, for a candidate without an account."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from centres.models import AuditEntry, CentreRole, Role
from members.actions import (
    committee_create,
    committee_roles_sync,
    election_create,
    election_open_voting,
)
from members.models import Ballot, Candidate, Election, ElectionState, SeatTerm

from ..factories import MemberFactory, centre_today

DAY = timezone.timedelta(days=1)


@pytest.fixture
def election(centre, social_worker, worker):
    committee = committee_create(
        centre=centre, by=None, name="Committee", seats=[("chair", ""), ("member", "")]
    )
    now = timezone.now()
    election = election_create(
        committee=committee,
        by=None,
        title="By-election",
        seats=list(committee.seats.all()),
        method="approval",
        returning_officer=social_worker,
        nominations_open_at=now + DAY,
        nominations_close_at=now + 2 * DAY,
        opens_at=now + 3 * DAY,
        closes_at=now + 4 * DAY,
        term_starts_on=centre_today(centre) + 6 * DAY,
        term_ends_on=centre_today(centre) + 700 * DAY,
    )
    amina = MemberFactory(centre=centre, account=worker)
    for member, name in ((amina, "Amina"), (MemberFactory(centre=centre), "Priya")):
        Candidate.objects.create(
            election=election, member=member, display_name=name, accepted_at=now
        )
    return election


def _close_nominations(election):
    now = timezone.now()
    Election.objects.filter(pk=election.pk).update(
        nominations_open_at=now - 2 * DAY, nominations_close_at=now - timezone.timedelta(minutes=1)
    )
    election.refresh_from_db()


def _url(name, election, *extra):
    return reverse(name, args=[election.ballot.committee.centre_id, election.pk, *extra])


def test_the_officer_declares_them_elected_unopposed(client, social_worker, worker, election):
    _close_nominations(election)
    # No vote to open: the refusal says what can be done instead.
    assert "declared elected unopposed" in election.open_voting_refusal()
    client.force_login(social_worker)
    page = client.get(_url("election_detail", election)).content.decode()
    assert _url("election_declare_unopposed", election) in page
    confirm = client.get(_url("election_declare_unopposed", election)).content.decode()
    assert "a vote would choose nothing" in confirm and "Amina" in confirm
    assert SeatTerm.objects.count() == 0  # a GET changes nothing

    response = client.post(_url("election_declare_unopposed", election), follow=True)
    assert "declared elected unopposed" in response.content.decode()
    election.refresh_from_db()
    assert election.certified_at is not None
    assert election.state_at() == ElectionState.UNOPPOSED
    assert Ballot.objects.get(pk=election.ballot_id).status == "draft"  # no ballot opened
    terms = SeatTerm.objects.filter(election=election).order_by("seat__position")
    assert {t.member_id for t in terms} == set(election.standing().values_list("member", flat=True))
    assert all(t.starts_on == election.term_starts_on for t in terms)
    assert all(t.ends_on == election.term_ends_on for t in terms)
    # The committee role follows the seat when the term starts (the daily sync).
    committee_roles_sync(centre=election.ballot.committee.centre, on=election.term_starts_on)
    assert CentreRole.objects.filter(user=worker, role=Role.COMMITTEE_MEMBER).exists()
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Election),
        object_pk=str(election.pk),
        actor=social_worker,
    ).exists()

    # A second submit: one effect, and the page says why.
    again = client.post(_url("election_declare_unopposed", election), follow=True)
    assert "already certified" in again.content.decode()
    assert SeatTerm.objects.count() == 2
    # Nothing is left to open, reschedule or withdraw.
    with pytest.raises(Exception, match="elected unopposed"):
        election_open_voting(election=election, by=None)
    assert election.ballot.reschedule_refusal() and election.ballot.withdrawal_refusal()
    page = client.get(_url("election_detail", election)).content.decode()
    assert "Elected unopposed" in page
    assert _url("election_reschedule", election) not in page


def test_not_while_nominations_are_open_nor_with_more_candidates_than_seats(
    client, centre, social_worker, election
):
    client.force_login(social_worker)
    response = client.post(_url("election_declare_unopposed", election), follow=True)
    assert "Nominations are still open" in response.content.decode()
    Candidate.objects.create(
        election=election, member=MemberFactory(centre=centre), display_name="Third",
        accepted_at=timezone.now(),
    )  # fmt: skip
    _close_nominations(election)
    assert (
        "More candidates stand"
        in client.get(_url("election_declare_unopposed", election)).content.decode()
    )
    client.post(_url("election_declare_unopposed", election))
    assert SeatTerm.objects.count() == 0 and Election.objects.get().certified_at is None
    assert (
        _url("election_declare_unopposed", election)
        not in client.get(_url("election_detail", election)).content.decode()
    )


@pytest.mark.parametrize("role", ["committee_member", "manager", "worker", "legal"])
def test_only_the_returning_officer_declares(client, cast, election, role):
    _close_nominations(election)
    client.force_login(cast[role])
    assert client.get(_url("election_declare_unopposed", election)).status_code == 403
    assert client.post(_url("election_declare_unopposed", election)).status_code == 403
    assert SeatTerm.objects.count() == 0


def test_another_centre_and_wrong_methods(client, cast, social_worker, election):
    _close_nominations(election)
    client.force_login(cast["outsider"])
    assert client.post(_url("election_declare_unopposed", election)).status_code == 404
    client.force_login(social_worker)
    assert client.put(_url("election_declare_unopposed", election)).status_code == 405
    assert client.delete(_url("election_declare_unopposed", election)).status_code == 405
    assert SeatTerm.objects.count() == 0


def test_the_officer_records_an_acceptance_given_in_person(client, cast, centre, election):
    Election.objects.filter(pk=election.pk).update(nominations_open_at=timezone.now() - DAY)
    waiting = Candidate.objects.create(election=election, member=MemberFactory(centre=centre))
    url = _url("candidate_record_acceptance", election, waiting.pk)
    choices = {"display_name": "Rania", "statement": "Childcare first"}
    client.force_login(cast["worker"])
    assert client.post(url, choices).status_code == 403
    client.force_login(cast["manager"])  # staff, but not this election's returning officer
    assert client.post(url, choices).status_code == 403
    client.force_login(cast["outsider"])
    assert client.post(url, choices).status_code == 404
    client.force_login(cast["social_worker"])
    assert client.put(url).status_code == 405
    page = client.get(_url("election_detail", election)).content.decode()
    assert url in page
    assert client.get(url).status_code == 200
    bad = client.post(url, {"display_name": ""})
    assert bad.status_code == 200 and "This field is required." in bad.content.decode()
    waiting.refresh_from_db()
    assert waiting.accepted_at is None
    client.post(url, choices)
    waiting.refresh_from_db()
    accepted = waiting.accepted_at
    assert accepted is not None and waiting.is_standing
    assert (waiting.display_name, waiting.statement) == ("Rania", "Childcare first")
    client.post(url, {"display_name": "Other"})  # a second submit changes nothing
    waiting.refresh_from_db()
    assert waiting.accepted_at == accepted and waiting.display_name == "Rania"
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Candidate),
        object_pk=str(waiting.pk),
        actor=cast["social_worker"],
    ).exists()
    _close_nominations(election)
    late = Candidate.objects.create(election=election, member=MemberFactory(centre=centre))
    response = client.post(
        _url("candidate_record_acceptance", election, late.pk), choices, follow=True
    )
    assert "Nominations are closed." in response.content.decode()
    assert Candidate.objects.get(pk=late.pk).accepted_at is None
