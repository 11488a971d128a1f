"""A meeting counts the people holding seats on its date: a vacant seat is never
present, and no decision counts more votes than the holders who were there."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.actions import committee_create, decision_record, meeting_record
from members.models import Decision, Meeting, SeatTerm

from ..factories import MemberFactory, centre_today

DAY = timezone.timedelta(days=1)


@pytest.fixture
def committee(centre):
    """Five seats, quorum 3; seat 1 held from 100 days ago, seats 2 and 3 from 10 days
    ago (a by-election), seats 4 and 5 vacant."""
    committee = committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("member", ""), ("member", ""), ("member", ""), ("member", "")],
        quorum_percent=60,
    )
    today = centre_today(centre)
    seats = list(committee.seats.all())
    for seat, since in ((seats[0], 100), (seats[1], 10), (seats[2], 10)):
        SeatTerm.objects.create(
            seat=seat,
            member=MemberFactory(centre=centre),
            starts_on=today - since * DAY,
            ends_on=today + 300 * DAY,
        )
    return committee


def test_a_vacant_seat_is_refused_by_the_action(committee):
    seats = list(committee.seats.all())
    with pytest.raises(ValidationError) as refusal:
        meeting_record(
            committee=committee,
            by=None,
            held_on=centre_today(committee.centre),
            seats_present=[seats[0], seats[3], seats[4]],
        )
    assert "Only seats held on the meeting's date" in str(refusal.value)
    assert not Meeting.objects.exists()


def test_a_past_meeting_uses_the_holders_of_its_date(committee):
    seats = list(committee.seats.all())
    before_by_election = centre_today(committee.centre) - 30 * DAY
    with pytest.raises(ValidationError):
        meeting_record(
            committee=committee, by=None, held_on=before_by_election, seats_present=seats[:3]
        )
    alone = meeting_record(
        committee=committee, by=None, held_on=before_by_election, seats_present=seats[:1]
    )
    assert not alone.quorum_met
    today = meeting_record(
        committee=committee,
        by=None,
        held_on=centre_today(committee.centre),
        seats_present=seats[:3],
    )
    assert today.quorum_met and today.holders_present() == 3
    with pytest.raises(ValidationError, match="More votes than seat holders"):
        decision_record(
            meeting=today, by=None, motion="x", votes_for=3, votes_against=1, abstentions=0
        )


def test_a_meeting_recorded_with_vacant_seats_carries_nothing(committee):
    """A meeting stored before the rule (one holder, two vacant seats ticked) is judged
    by its holders: no quorum, and votes no more than the one holder."""
    seats = list(committee.seats.all())
    meeting = Meeting.objects.create(
        committee=committee,
        held_on=centre_today(committee.centre),
        seats_total=5,
        quorum_needed=3,
        quorum_met=True,
    )
    meeting.seats_present.set([seats[0], seats[3], seats[4]])
    assert meeting.holders_present() == 1 and not meeting.has_quorum()
    with pytest.raises(ValidationError, match="More votes than seat holders"):
        decision_record(
            meeting=meeting, by=None, motion="x", votes_for=2, votes_against=0, abstentions=0
        )
    assert not decision_record(
        meeting=meeting, by=None, motion="y", votes_for=1, votes_against=0, abstentions=0
    ).carried


def test_the_form_offers_only_held_seats_and_refuses_a_posted_vacant_one(
    client, cast, centre, committee
):
    seats = list(committee.seats.all())
    url = reverse("meeting_new", args=[centre.pk, committee.pk])
    client.force_login(cast["worker"])
    assert client.get(url).status_code == 403
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(cast["committee_member"])
    assert client.put(url).status_code == 405
    page = client.get(url).content.decode()
    assert "vacant" not in page
    assert f'value="{seats[3].pk}"' not in page and f'value="{seats[0].pk}"' in page
    posted = {
        "held_on": centre_today(centre).isoformat(),
        "seats_present": [seats[0].pk, seats[3].pk, seats[4].pk],
    }
    response = client.post(url, posted)
    assert response.status_code == 200
    assert "Only seats held on the meeting" in response.content.decode()
    assert not Meeting.objects.exists()
    posted["seats_present"] = [seats[0].pk, seats[1].pk, seats[2].pk]
    assert client.post(url, posted).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.quorum_met
    detail = client.get(reverse("meeting_detail", args=[centre.pk, meeting.pk]))
    assert "3 of 5 seats present" in detail.content.decode()
    too_many = client.post(
        reverse("meeting_detail", args=[centre.pk, meeting.pk]),
        {"motion": "Childcare", "votes_for": 3, "votes_against": 1, "abstentions": 0},
    )
    assert "More votes than seat holders" in too_many.content.decode()
    assert not Decision.objects.exists()
