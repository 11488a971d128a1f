"""Election pages: set up, nominate, accept, open voting, certify; committee page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from centres.models import CentreRole, Role
from members.actions import ballot_cast, committee_create, committee_roles_sync
from members.models import Ballot, Candidate, Election, SeatTerm

from ..factories import MemberFactory, centre_today, close_voting


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )


@pytest.fixture
def voter(centre, worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    member.account = worker
    member.registered_at = timezone.now() - timezone.timedelta(days=30)
    member.save()
    return member


def _form(committee, officer, **overrides):
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "title": "Chair 2026",
        "seats": [committee.seats.first().pk],
        "method": "irv",
        "returning_officer": officer.pk,
        "nominations_open_at": (now - timezone.timedelta(minutes=5)).strftime(fmt),
        "nominations_close_at": (now + timezone.timedelta(days=2)).strftime(fmt),
        "opens_at": (now + timezone.timedelta(days=2)).strftime(fmt),
        "closes_at": (now + timezone.timedelta(days=4)).strftime(fmt),
        "term_starts_on": (now.date() + timezone.timedelta(days=5)).isoformat(),
        "term_ends_on": (now.date() + timezone.timedelta(days=730)).isoformat(),
    }
    data.update(overrides)
    return data


def test_the_committee_sets_up_an_election(
    client, committee_member, social_worker, centre, committee, voter
):
    client.force_login(committee_member)
    url = reverse("election_new", args=[centre.pk, committee.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(committee, social_worker))
    election = Election.objects.get()
    assert response.status_code == 302
    assert election.ballot.roll.count() == 1  # nominations are open: the roll froze
    bad = client.post(url, _form(committee, social_worker, method="stv", title="Other"))
    assert "one seat" in bad.content.decode()
    assert Election.objects.count() == 1


def test_a_term_cannot_start_before_voting_closes(
    client, committee_member, social_worker, centre, committee
):
    client.force_login(committee_member)
    url = reverse("election_new", args=[centre.pk, committee.pk])
    closes = timezone.localtime() + timezone.timedelta(days=4)
    response = client.post(
        url, _form(committee, social_worker, term_starts_on=centre_today().isoformat())
    )
    errors = response.context["form"].errors
    assert list(errors) == ["term_starts_on"]
    assert "once voting has closed" in errors["term_starts_on"][0]
    assert not Election.objects.exists()
    day_after = (closes.date() + timezone.timedelta(days=1)).isoformat()
    accepted = client.post(url, _form(committee, social_worker, term_starts_on=day_after))
    assert accepted.status_code == 302 and Election.objects.count() == 1


def test_every_date_order_error_shows_in_the_same_round(
    client, committee_member, social_worker, centre, committee
):
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    client.force_login(committee_member)
    url = reverse("election_new", args=[centre.pk, committee.pk])
    data = _form(
        committee,
        social_worker,
        title="",
        opens_at=(now + timezone.timedelta(days=1)).strftime(fmt),
        term_starts_on=now.date().isoformat(),
    )
    errors = client.post(url, data).context["form"].errors
    assert set(errors) == {"title", "opens_at", "term_starts_on"}
    assert "once nominations have closed" in errors["opens_at"][0]
    assert not Election.objects.exists()


@pytest.mark.parametrize("role", ["manager", "social_worker", "worker"])
def test_only_the_committee_sets_up_elections(client, cast, social_worker, centre, committee, role):
    client.force_login(cast[role])
    url = reverse("election_new", args=[centre.pk, committee.pk])
    assert client.post(url, _form(committee, social_worker)).status_code == 403
    assert not Election.objects.exists()


def test_a_member_stands_and_the_officer_certifies(client, cast, centre, committee, voter):
    from members.actions import election_create

    others = [MemberFactory(centre=centre) for _ in range(2)]
    now = timezone.now()
    election = election_create(
        committee=committee,
        by=None,
        title="Chair 2026",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=cast["social_worker"],
        nominations_open_at=now - timezone.timedelta(minutes=5),
        nominations_close_at=now + timezone.timedelta(days=1),
        opens_at=now + timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=2),
        term_starts_on=now.date() + timezone.timedelta(days=4),  # once voting has closed
        term_ends_on=now.date() + timezone.timedelta(days=365),
        roll_date=now,
    )
    url = reverse("election_detail", args=[centre.pk, election.pk])
    client.force_login(cast["worker"])
    client.post(url, {"code": "", "display_name": "Sita", "statement": "Childcare first"})
    client.post(url, {"code": others[0].code})
    again = client.post(url, {"code": "", "display_name": "Sita"})
    assert "already nominated" in again.content.decode()
    assert Candidate.objects.filter(accepted_at__isnull=False).count() == 1
    maya = Candidate.objects.get(member=others[0])
    client.force_login(cast["committee_member"])
    assert (
        client.post(reverse("candidate_accept", args=[centre.pk, election.pk, maya.pk])).status_code
        == 403
        or not Candidate.objects.get(pk=maya.pk).accepted_at
    )
    Election.objects.filter(pk=election.pk).update(nominations_close_at=now)
    Ballot.objects.filter(pk=election.ballot_id).update(opens_at=now)
    client.force_login(cast["worker"])
    assert (
        client.post(reverse("election_open_voting", args=[centre.pk, election.pk])).status_code
        == 403
    )
    client.force_login(cast["social_worker"])
    client.post(reverse("election_open_voting", args=[centre.pk, election.pk]))
    response = client.post(
        reverse("election_open_voting", args=[centre.pk, election.pk]), follow=True
    )
    # Maya never accepted: one candidate for the seat, who can be declared elected unopposed.
    assert "declared elected unopposed" in response.content.decode()
    assert Ballot.objects.get().status == "draft"


def test_certify_is_for_the_returning_officer_only(client, cast, centre, committee, voter):
    from members.actions import candidate_nominate, election_create, election_open_voting

    rival = MemberFactory(centre=centre)
    now = timezone.now()
    election = election_create(
        committee=committee,
        by=None,
        title="Chair 2026",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=cast["social_worker"],
        nominations_open_at=now - timezone.timedelta(minutes=5),
        nominations_close_at=now + timezone.timedelta(days=1),
        opens_at=now + timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=2),
        term_starts_on=now.date() + timezone.timedelta(days=4),  # once voting has closed
        term_ends_on=now.date() + timezone.timedelta(days=365),
        roll_date=now,
    )
    candidate_nominate(election=election, member=voter, nominated_by=voter, display_name="Sita")
    candidate_nominate(election=election, member=rival, nominated_by=rival, display_name="Rival")
    Election.objects.filter(pk=election.pk).update(nominations_close_at=now)
    Ballot.objects.filter(pk=election.ballot_id).update(opens_at=now)
    election.refresh_from_db()
    ballot = election_open_voting(election=election, by=None)
    sita = ballot.options.get(label="Sita")
    ballot_cast(ballot=ballot, member=voter, choices=[sita.pk])
    close_voting(ballot=ballot, by=None)
    url = reverse("election_certify", args=[centre.pk, election.pk])
    for role in ["manager", "committee_member", "worker"]:
        client.force_login(cast[role])
        assert client.post(url).status_code == 403
    client.force_login(cast["outsider"])
    assert client.post(url).status_code == 404
    client.force_login(cast["social_worker"])
    assert client.get(url).status_code == 405
    client.post(url)
    client.post(url)
    assert SeatTerm.objects.get().member == voter
    seated = CentreRole.objects.filter(user=cast["worker"], role=Role.COMMITTEE_MEMBER)
    assert not seated.exists()  # the term starts once voting has closed...
    SeatTerm.objects.update(starts_on=centre_today())  # ...as it now has
    committee_roles_sync(centre=centre)
    assert seated.exists()
    page = client.get(reverse("committee_detail", args=[centre.pk, committee.pk])).content.decode()
    assert "Sita" in page and "Vacant" in page
    results = client.get(reverse("ballot_detail", args=[centre.pk, ballot.pk])).content.decode()
    assert "elected" in results


def test_committee_page_scoping(client, cast, centre, committee):
    url = reverse("committee_detail", args=[centre.pk, committee.pk])
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(cast["coordinator"])
    assert client.get(url).status_code == 403
    client.force_login(cast["worker"])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_a_method_that_does_not_fit_the_seats_shows_beside_it_with_the_dates(
    client, committee_member, social_worker, centre, committee
):
    client.force_login(committee_member)
    url = reverse("election_new", args=[centre.pk, committee.pk])
    data = _form(committee, social_worker, method="stv", term_starts_on=centre_today().isoformat())
    errors = client.post(url, data).context["form"].errors
    assert set(errors) == {"method", "term_starts_on"}
    assert "For one seat" in errors["method"][0]
    assert not Election.objects.exists()
