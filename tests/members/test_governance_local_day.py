"""Governance reads "today" in the centre's own calendar, not the server's.

The two centres' zones are 25 hours apart, so at any instant at least one of them is
on another date than the server (UTC): a rule that used the server's date fails here
at every hour of the day, not only in the hours around midnight.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from centres import local_time
from centres.models import CentreRole, Role
from members.actions import ballot_cast, committee_roles_sync, paper_mark, polling_officer_name
from members.governance import actions as governance
from members.governance.models import Decision, SeatTerm
from members.governance.selectors import past_terms, seats_with_holders
from members.models import Participation

from ..factories import (
    CentreFactory,
    CentreRoleFactory,
    CommitteeFactory,
    MemberFactory,
    UserFactory,
    open_ballot,
)

EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14, UTC-11
zones = pytest.mark.parametrize("zone", [EAST, WEST])


@pytest.fixture(autouse=True)
def _server_in_utc(settings):
    settings.TIME_ZONE = "UTC"


def _seated(zone, ends_in_days: int):
    """A centre in `zone`, its committee, and a member with an account holding a seat
    whose term ends `ends_in_days` after the centre's today."""
    centre = CentreFactory(time_zone=zone)
    committee = CommitteeFactory(centre=centre)
    seat = committee.seats.create(title="member")
    member = MemberFactory(centre=centre, account=UserFactory())
    today = local_time.today(centre)
    term = SeatTerm.objects.create(
        seat=seat,
        member=member,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=ends_in_days),
    )
    return centre, committee, term


@zones
def test_a_vote_is_dated_on_the_centres_day(db, zone):
    centre = CentreFactory(time_zone=zone)
    voters = [MemberFactory(centre=centre) for _ in range(2)]
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    ballot_cast(ballot=ballot, member=voters[0], choices=[ballot.options.first().pk])
    paper_mark(ballot=ballot, member=voters[1], by=CentreRoleFactory(centre=centre).user)
    days = set(Participation.objects.filter(ballot=ballot).values_list("voted_on", flat=True))
    assert days == {local_time.today(centre)}


@zones
def test_the_polling_station_lists_todays_booth_voters_of_the_centres_day(client, db, zone):
    centre = CentreFactory(time_zone=zone)
    voter = MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    manager = CentreRoleFactory(centre=centre, role=Role.MANAGER).user
    officer = CentreRoleFactory(centre=centre).user
    polling_officer_name(ballot=ballot, user=officer, by=manager)
    ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.first().pk], channel="booth")
    client.force_login(officer)
    page = client.get(reverse("ballot_polling", args=[centre.pk, ballot.pk]))
    assert page.status_code == 200
    assert voter.code in page.content.decode()


@zones
def test_a_term_ending_on_the_centres_today_has_ended(db, zone):
    centre, committee, term = _seated(zone, ends_in_days=0)
    CentreRole.objects.create(user=term.member.account, centre=centre, role=Role.COMMITTEE_MEMBER)
    committee_roles_sync(centre=centre)
    assert not CentreRole.objects.filter(user=term.member.account, centre=centre).exists()
    assert seats_with_holders(committee) == [(term.seat, None)]
    assert list(past_terms(committee)) == [term]


@zones
def test_a_term_ending_tomorrow_at_the_centre_is_still_held(db, zone):
    centre, committee, term = _seated(zone, ends_in_days=1)
    committee_roles_sync(centre=centre)
    assert CentreRole.objects.filter(
        user=term.member.account, centre=centre, role=Role.COMMITTEE_MEMBER
    ).exists()
    assert seats_with_holders(committee) == [(term.seat, term)]
    assert list(past_terms(committee)) == []


@zones
def test_a_decision_is_due_for_review_on_the_centres_day(db, zone):
    centre, committee, term = _seated(zone, ends_in_days=30)
    today = local_time.today(centre)
    meeting = governance.meeting_record(
        committee=committee,
        by=None,
        held_on=today - timedelta(days=7),
        seats_present=[term.seat],
    )
    due, later = (
        governance.decision_record(
            meeting=meeting,
            by=None,
            motion=motion,
            votes_for=1,
            votes_against=0,
            abstentions=0,
            review_on=review_on,
        )
        for motion, review_on in (
            ("Open on Fridays", today),
            ("Hire a lawyer", today + timedelta(1)),
        )
    )
    assert list(Decision.objects.review_due()) == [due]
    assert governance.decision_reviews_remind() == [due.pk]
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.reminded_on == today and later.reminded_on is None


def test_the_two_zones_are_on_different_days_now(db):
    """What the tests above stand on: the two zones are never on the same date, so at
    least one of them is not on the server's."""
    days = {local_time.today(CentreFactory.build(time_zone=zone)) for zone in (EAST, WEST)}
    assert len(days) == 2
