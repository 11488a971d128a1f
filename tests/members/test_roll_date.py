"""The roll is drawn from members registered before the roll date, frozen before voting
opens: a roll date after the opening (or after the close) is refused by the ballot's
own rule (`Ballot.clean`), so by every writer, beside the field on the form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.local_time import today
from members.actions import ballot_create, committee_create, election_create
from members.models import Ballot, Election

from ..factories import MemberFactory

DAY = timezone.timedelta(days=1)
FMT = "%Y-%m-%dT%H:%M"
REFUSAL = "The roll is drawn before voting opens: choose a time no later than the opening."
ELECTION_REFUSAL = (
    "The roll says who may stand, so it is drawn by the time nominations open: "
    "choose a time no later than their opening."
)


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )


def _ballot(committee, **overrides):
    now = timezone.now()
    fields = {
        "committee": committee,
        "by": None,
        "kind": "priority",
        "question": "What first?",
        "method": "plurality",
        "opens_at": now + DAY,
        "closes_at": now + 3 * DAY,
        "options": ["Childcare", "Legal clinic"],
    }
    return ballot_create(**{**fields, **overrides})


@pytest.mark.parametrize("after", [2 * DAY, 5 * DAY], ids=["after-opening", "after-close"])
def test_a_roll_date_after_voting_opens_is_refused(committee, after):
    with pytest.raises(ValidationError) as refusal:
        _ballot(committee, roll_date=timezone.now() + after)
    assert refusal.value.message_dict == {"roll_date": [REFUSAL]}
    assert not Ballot.objects.exists()
    opens_at = timezone.now() + DAY
    assert _ballot(committee, opens_at=opens_at, roll_date=opens_at).roll_date == opens_at


def test_the_rule_is_the_ballot_s_own(committee):
    ballot = _ballot(committee)
    ballot.roll_date = ballot.opens_at + timezone.timedelta(minutes=1)
    with pytest.raises(ValidationError) as refusal:
        ballot.full_clean()
    assert refusal.value.message_dict == {"roll_date": [REFUSAL]}


def test_an_election_s_roll_date_after_voting_opens_is_refused(committee, social_worker):
    now = timezone.now()
    with pytest.raises(ValidationError) as refusal:
        election_create(
            committee=committee,
            by=None,
            title="Chair",
            seats=[committee.seats.first()],
            method="plurality",
            returning_officer=social_worker,
            nominations_open_at=now + DAY,
            nominations_close_at=now + 2 * DAY,
            opens_at=now + 2 * DAY,
            closes_at=now + 4 * DAY,
            term_starts_on=today(committee.centre) + 6 * DAY,
            term_ends_on=today(committee.centre) + 700 * DAY,
            roll_date=now + 3 * DAY,
        )
    assert refusal.value.message_dict == {"roll_date": [ELECTION_REFUSAL]}
    assert not Election.objects.exists() and not Ballot.objects.exists()


def test_the_ballot_form_refuses_it_beside_the_field(client, committee_member, centre, committee):
    now = timezone.localtime()
    client.force_login(committee_member)
    data = {
        "question": "What should we do first?",
        "method": "plurality",
        "seats": 1,
        "electorate": "members",
        "roll_date": (now + 10 * DAY).strftime(FMT),
        "opens_at": (now + DAY).strftime(FMT),
        "closes_at": (now + 5 * DAY).strftime(FMT),
        "options": "Childcare\nLegal clinic",
    }
    url = reverse("ballot_new", args=[centre.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"roll_date": [REFUSAL]}
    assert not Ballot.objects.exists()
    data["roll_date"] = data["opens_at"]
    assert client.post(url, data).status_code == 302
    assert Ballot.objects.count() == 1


def test_opening_before_the_roll_date_is_refused_with_when_it_can_open(committee):
    from members.actions import ballot_open

    roll_date = timezone.now() + DAY
    ballot = _ballot(committee, opens_at=roll_date, closes_at=roll_date + DAY, roll_date=roll_date)
    assert "voting can be opened from then" in ballot.open_refusal()
    with pytest.raises(ValidationError, match="voting can be opened from then"):
        ballot_open(ballot=ballot, by=None)
    ballot.refresh_from_db()
    assert ballot.status == "draft" and ballot.roll_frozen_at is None
    assert not ballot.roll.exists()
    # Once the roll date has come, it opens and the roll is frozen.
    Ballot.objects.filter(pk=ballot.pk).update(roll_date=timezone.now())
    ballot.refresh_from_db()
    assert ballot.open_refusal() is None
    ballot_open(ballot=ballot, by=None)
    ballot.refresh_from_db()
    assert ballot.status == "open" and ballot.roll_frozen_at is not None


def test_the_roll_is_never_frozen_before_its_date(committee):
    from members.actions import roll_freeze

    ballot = _ballot(committee)
    with pytest.raises(ValidationError, match="voting can be opened from then"):
        roll_freeze(ballot=ballot)
    ballot.refresh_from_db()
    assert ballot.roll_frozen_at is None


def test_the_ballot_page_says_when_it_can_open_instead_of_the_button(
    client, committee_member, centre, committee
):
    ballot = _ballot(committee)
    client.force_login(committee_member)
    html = client.get(reverse("ballot_detail", args=[centre.pk, ballot.pk])).content.decode()
    assert "voting can be opened from then" in html
    assert reverse("ballot_open", args=[centre.pk, ballot.pk]) not in html
    response = client.post(reverse("ballot_open", args=[centre.pk, ballot.pk]), follow=True)
    assert "voting can be opened from then" in response.content.decode()
    assert Ballot.objects.get().status == "draft"


def _election(committee, officer, **overrides):
    now = timezone.now()
    fields = {
        "committee": committee,
        "by": None,
        "title": "Chair",
        "seats": [committee.seats.first()],
        "method": "plurality",
        "returning_officer": officer,
        "nominations_open_at": now + DAY,
        "nominations_close_at": now + 2 * DAY,
        "opens_at": now + 3 * DAY,
        "closes_at": now + 4 * DAY,
        "term_starts_on": today(committee.centre) + 6 * DAY,
        "term_ends_on": today(committee.centre) + 700 * DAY,
    }
    return election_create(**{**fields, **overrides})


def test_an_election_s_roll_date_after_nominations_open_is_refused(committee, social_worker):
    now = timezone.now()
    with pytest.raises(ValidationError) as refusal:
        _election(committee, social_worker, roll_date=now + DAY + timezone.timedelta(hours=1))
    assert refusal.value.message_dict == {"roll_date": [ELECTION_REFUSAL]}
    assert not Election.objects.exists() and not Ballot.objects.exists()
    # On or before the opening of nominations: accepted.
    assert _election(committee, social_worker, roll_date=now).ballot.roll_date == now


def test_the_election_s_own_rule_refuses_it(committee, social_worker):
    election = _election(committee, social_worker)
    election.ballot.roll_date = election.nominations_open_at + timezone.timedelta(minutes=1)
    with pytest.raises(ValidationError) as refusal:
        election.full_clean()
    assert refusal.value.message_dict == {"roll_date": [ELECTION_REFUSAL]}


def test_moving_nominations_before_the_roll_date_is_refused(committee, social_worker):
    from members.actions import election_reschedule

    election = _election(committee, social_worker, roll_date=timezone.now() + DAY)
    ballot = election.ballot
    with pytest.raises(ValidationError) as refusal:
        election_reschedule(
            election=election,
            by=None,
            nominations_open_at=timezone.now() + timezone.timedelta(hours=1),
            nominations_close_at=election.nominations_close_at,
            opens_at=ballot.opens_at,
            closes_at=ballot.closes_at,
            term_starts_on=election.term_starts_on,
            term_ends_on=election.term_ends_on,
        )
    assert list(refusal.value.message_dict) == ["nominations_open_at"]
    assert (
        "nominations cannot open before then"
        in refusal.value.message_dict["nominations_open_at"][0]
    )


def test_an_election_opens_voting_only_once_its_roll_date_has_come(committee, social_worker):
    election = _election(committee, social_worker)
    now = timezone.now()
    # Set by a direct write (as data from before the rule): the roll date still to come.
    Election.objects.filter(pk=election.pk).update(
        nominations_open_at=now - 2 * DAY, nominations_close_at=now - DAY
    )
    Ballot.objects.filter(pk=election.ballot_id).update(roll_date=now + DAY)
    for name in ("Asha", "Bina"):
        election.candidates.create(
            member=MemberFactory(centre=committee.centre),
            display_name=name,
            accepted_at=now,
        )
    election.refresh_from_db()
    assert "voting can be opened from then" in election.open_voting_refusal()
