"""Elections: frozen roll at nominations, candidates, certification seats the winners,
the committee role follows the seat and ends with the term."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.actions import invitation_create, role_revoke
from centres.models import CentreRole, Invitation, Role
from members.actions import (
    ballot_cast,
    candidate_accept,
    candidate_nominate,
    committee_create,
    committee_roles_sync,
    election_certify,
    election_create,
    election_open_voting,
)
from members.models import Ballot, Candidate, Election, SeatTerm
from members.tasks import sync_committee_roles

from ..factories import MemberFactory, UserFactory, centre_today, close_voting


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("secretary", ""), ("member", "")],
    )


def _election(committee, officer, seats, method, **overrides):
    now = timezone.now()
    fields = {
        "committee": committee,
        "by": None,
        "title": "Committee election 2026",
        "seats": seats,
        "method": method,
        "returning_officer": officer,
        "nominations_open_at": now - timezone.timedelta(minutes=5),
        "nominations_close_at": now + timezone.timedelta(days=3),
        "opens_at": now + timezone.timedelta(days=3),
        "closes_at": now + timezone.timedelta(days=5),
        "term_starts_on": centre_today() + timezone.timedelta(days=7),  # once voting has closed
        "term_ends_on": centre_today() + timezone.timedelta(days=365),
        "roll_date": now,
    }
    fields.update(overrides)
    return election_create(**fields)


def _to_voting(election):
    """Move the windows so that nominations are closed and voting is open now."""
    now = timezone.now()
    Election.objects.filter(pk=election.pk).update(
        nominations_close_at=now - timezone.timedelta(seconds=1)
    )
    Ballot.objects.filter(pk=election.ballot_id).update(
        opens_at=now - timezone.timedelta(seconds=1)
    )
    election.refresh_from_db()
    return election_open_voting(election=election, by=None)


def test_the_roll_freezes_when_nominations_open(centre, committee, social_worker):
    early = MemberFactory(centre=centre)
    election = _election(committee, social_worker, list(committee.seats.all()[:1]), "plurality")
    late = MemberFactory(centre=centre)
    candidate_nominate(election=election, member=early, nominated_by=early, display_name="Asha")
    with pytest.raises(ValidationError, match="on the election's roll"):
        candidate_nominate(election=election, member=late, nominated_by=late, display_name="Late")
    assert list(election.ballot.roll.values_list("member", flat=True)) == [early.pk]


def test_a_nomination_by_another_member_waits_for_acceptance(centre, committee, social_worker):
    a, b = MemberFactory(centre=centre), MemberFactory(centre=centre)
    election = _election(committee, social_worker, list(committee.seats.all()[:1]), "irv")
    candidate = candidate_nominate(
        election=election, member=a, nominated_by=b, display_name="Chosen by B", statement="B's"
    )
    assert not candidate.is_standing
    assert (candidate.display_name, candidate.statement) == ("", "")  # never the nominator's
    with pytest.raises(ValidationError, match="Only the person nominated"):
        candidate_accept(candidate=candidate, member=b, display_name="B's choice")
    candidate_accept(candidate=candidate, member=a, display_name="A", statement="Mine")
    candidate.refresh_from_db()
    assert candidate.is_standing
    assert (candidate.display_name, candidate.statement) == ("A", "Mine")


def test_methods_must_fit_the_number_of_seats(committee, social_worker):
    seats = list(committee.seats.all())
    with pytest.raises(ValidationError, match="several seats"):
        _election(committee, social_worker, seats, "plurality")
    with pytest.raises(ValidationError, match="one seat"):
        _election(committee, social_worker, seats[:1], "stv")
    with pytest.raises(ValidationError, match="returning officer"):
        _election(committee, UserFactory(), seats[:1], "irv")
    assert not Election.objects.exists()


def test_certification_seats_the_winners_and_the_term_end_removes_the_role(
    centre, committee, social_worker
):
    seats = list(committee.seats.all()[:2])
    people = [MemberFactory(centre=centre) for _ in range(5)]
    accounts = [UserFactory(email=f"seat{i}@example.org") for i in range(3)]
    for member, account in zip(people, accounts, strict=False):
        member.account = account
        member.save()
    election = _election(committee, social_worker, seats, "stv")
    for i, member in enumerate(people[:3]):
        candidate_nominate(
            election=election, member=member, nominated_by=member, display_name=f"C{i}"
        )
    ballot = _to_voting(election)
    c0, c1, c2 = (Candidate.objects.get(member=m).option.pk for m in people[:3])
    for voter, choices in zip(people, [[c0, c1], [c0, c2], [c1], [c1, c0], [c2, c1]], strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=choices)
    close_voting(ballot=ballot, by=social_worker)
    with pytest.raises(ValidationError, match="returning officer"):
        election_certify(election=election, by=UserFactory())
    terms = election_certify(election=election, by=social_worker)
    assert {t.member for t in terms} == {people[0], people[1]}
    assert [t.seat for t in terms] == seats
    # The role comes with the term, which starts once voting has closed.
    assert not CentreRole.objects.filter(role=Role.COMMITTEE_MEMBER).exists()
    committee_roles_sync(centre=centre, on=election.term_starts_on)
    assert set(
        CentreRole.objects.filter(centre=centre, role=Role.COMMITTEE_MEMBER).values_list(
            "user", flat=True
        )
    ) == {accounts[0].pk, accounts[1].pk}
    with pytest.raises(ValidationError, match="already certified"):
        election_certify(election=election, by=social_worker)

    # The day after the term ends, the daily task takes the role back; the term stays.
    committee_roles_sync(centre=centre, on=election.term_ends_on - timezone.timedelta(days=1))
    assert CentreRole.objects.filter(role=Role.COMMITTEE_MEMBER).count() == 2
    SeatTerm.objects.update(
        starts_on=centre_today() - timezone.timedelta(days=365), ends_on=centre_today()
    )
    assert sync_committee_roles() == {"granted": 0, "ended": 2}
    assert not CentreRole.objects.filter(role=Role.COMMITTEE_MEMBER).exists()
    assert SeatTerm.objects.filter(role_ended_at__isnull=False).count() == 2
    assert sync_committee_roles() == {"granted": 0, "ended": 0}  # idempotent


def test_the_manager_cannot_grant_or_remove_the_committee_role(
    client, manager, committee_member, centre
):
    with pytest.raises(ValidationError, match="comes only with a seat"):
        invitation_create(
            centre=centre, email="x@example.org", role=Role.COMMITTEE_MEMBER, by=manager
        )
    client.force_login(manager)
    response = client.post(
        reverse("staff_invite", args=[centre.pk]),
        {"email": "x@example.org", "role": Role.COMMITTEE_MEMBER},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()
    role = CentreRole.objects.get(role=Role.COMMITTEE_MEMBER)
    with pytest.raises(ValidationError, match="comes only with a seat"):
        role_revoke(centre_role=role, by=manager)
    client.post(reverse("role_revoke", args=[centre.pk, role.pk]))
    assert CentreRole.objects.filter(pk=role.pk).exists()
