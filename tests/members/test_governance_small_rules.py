"""A meeting has at least one seat present; seats that share a title are told apart
where they are ticked; a refused nomination says who is off the roll."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.actions import candidate_nominate, committee_create, election_create, meeting_record
from members.models import Candidate, Meeting, SeatTerm

from ..factories import MemberFactory, centre_today, fill_seats

DAY = timezone.timedelta(days=1)


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("member", ""), ("member", "")],
    )


def test_a_meeting_with_no_seat_present_is_refused(committee):
    fill_seats(committee)
    with pytest.raises(ValidationError) as refusal:
        meeting_record(committee=committee, by=None, held_on=centre_today(), seats_present=[])
    assert refusal.value.message_dict == {
        "seats_present": ["Tick the seats present: at least one."]
    }
    assert not Meeting.objects.exists()
    one = [committee.seats.first()]
    assert meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=one
    ).pk


def test_the_meeting_form_says_a_seat_must_be_present(client, committee_member, centre, committee):
    client.force_login(committee_member)
    url = reverse("meeting_new", args=[centre.pk, committee.pk])
    response = client.post(url, {"held_on": centre_today().isoformat(), "minutes": "Agreed."})
    assert response.context["form"].errors == {
        "seats_present": ["Tick the seats present: at least one."]
    }
    assert "Tick the seats present" in response.content.decode()
    assert not Meeting.objects.exists()


def test_seats_sharing_a_title_are_told_apart(client, committee_member, centre, committee):
    member_seat = committee.seats.all()[1]
    holder = MemberFactory(centre=centre, preferred_name="Sita")
    SeatTerm.objects.create(
        seat=member_seat,
        member=holder,
        starts_on=centre_today() - DAY,
        ends_on=centre_today() + 300 * DAY,
    )
    client.force_login(committee_member)
    text = client.get(reverse("election_new", args=[centre.pk, committee.pk])).content.decode()
    assert "Seat 1: Chair, vacant" in text
    # Filled without an election: no ballot name, and the registered one stays with staff.
    assert "Seat 2: Member, held by A co-opted member" in text
    assert "Sita" not in text
    assert "Seat 3: Member, vacant" in text
    # A meeting offers only the seats someone holds: a vacant seat has nobody to attend.
    text = client.get(reverse("meeting_new", args=[centre.pk, committee.pk])).content.decode()
    assert "Seat 2: Member, held by A co-opted member" in text
    assert "vacant" not in text


@pytest.fixture
def early(centre):
    return MemberFactory(centre=centre)


@pytest.fixture
def election(committee, social_worker, early):
    """Nominations open now; the roll is of the members registered before it was set up."""
    now = timezone.now()
    return election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=social_worker,
        nominations_open_at=now - timezone.timedelta(minutes=1),
        nominations_close_at=now + 2 * DAY,
        opens_at=now + 2 * DAY,
        closes_at=now + 4 * DAY,
        term_starts_on=centre_today() + 6 * DAY,
        term_ends_on=centre_today() + 700 * DAY,
        roll_date=now,
    )


@pytest.mark.parametrize(
    ("nominee", "nominator", "message"),
    [
        ("late", "early", "The person nominated is not on the election's roll"),
        ("early", "late", "You are not on the election's roll, so you cannot nominate"),
        ("late", "late", "You are not on the election's roll, so you cannot stand"),
    ],
)
def test_a_refused_nomination_says_who_is_off_the_roll(
    centre, early, election, nominee, nominator, message
):
    people = {"early": early, "late": MemberFactory(centre=centre)}  # late: after the roll
    with pytest.raises(ValidationError, match=message):
        candidate_nominate(
            election=election,
            member=people[nominee],
            nominated_by=people[nominator],
            display_name="A",
        )
    assert not Candidate.objects.exists()
    assert candidate_nominate(election=election, member=early, nominated_by=early, display_name="A")
