"""A schedule that has already ended is refused when it is set, for elections and
ballots alike, in the actions and beside the field on the forms; nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.local_time import today
from members.actions import ballot_create, committee_create, election_create
from members.models import Ballot, Election

DAY = timezone.timedelta(days=1)
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )


def _election(committee, officer, **overrides):
    now = timezone.now()
    fields = {
        "committee": committee,
        "by": None,
        "title": "Chair",
        "seats": [committee.seats.first()],
        "method": "plurality",
        "returning_officer": officer,
        "nominations_open_at": now - DAY,
        "nominations_close_at": now + DAY,
        "opens_at": now + DAY,
        "closes_at": now + 3 * DAY,
        "term_starts_on": today(committee.centre) + 5 * DAY,
        "term_ends_on": today(committee.centre) + 700 * DAY,
    }
    return election_create(**{**fields, **overrides})


def test_an_election_all_in_the_past_is_refused(committee, social_worker):
    now = timezone.now()
    days_ago = {"nominations_open_at": 60, "nominations_close_at": 50, "opens_at": 50}
    past = {name: now - n * DAY for name, n in days_ago.items()}
    past |= {
        "closes_at": now - 40 * DAY,
        "term_starts_on": today(committee.centre) - 30 * DAY,
        "term_ends_on": today(committee.centre) + 300 * DAY,
    }
    with pytest.raises(ValidationError) as refusal:
        _election(committee, social_worker, **past)
    errors = refusal.value.message_dict
    assert set(errors) == {"nominations_close_at", "closes_at"}
    assert "Nominations would already have closed" in errors["nominations_close_at"][0]
    assert "Voting would already have closed" in errors["closes_at"][0]
    assert not Election.objects.exists() and not Ballot.objects.exists()
    assert _election(committee, social_worker).pk


def test_an_election_whose_nominations_have_ended_is_refused(committee, social_worker):
    with pytest.raises(ValidationError) as refusal:
        _election(committee, social_worker, nominations_close_at=timezone.now() - DAY)
    assert list(refusal.value.message_dict) == ["nominations_close_at"]
    assert not Election.objects.exists()


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


def test_a_ballot_whose_voting_has_ended_is_refused(committee):
    now = timezone.now()
    with pytest.raises(ValidationError) as refusal:
        _ballot(committee, opens_at=now - 10 * DAY, closes_at=now - 5 * DAY)
    errors = refusal.value.message_dict
    assert list(errors) == ["closes_at"]
    assert errors["closes_at"] == ["Voting would already have closed: choose a time still to come."]
    assert not Ballot.objects.exists()
    # Opened a while ago, still open: accepted.
    assert _ballot(committee, opens_at=now - 10 * DAY).pk


def test_a_closing_before_opening_in_the_past_says_one_thing(committee):
    now = timezone.now()
    with pytest.raises(ValidationError) as refusal:
        _ballot(committee, opens_at=now - 5 * DAY, closes_at=now - 10 * DAY)
    assert refusal.value.message_dict == {"closes_at": ["Voting must close after it opens."]}


def test_the_ballot_form_refuses_a_past_window_beside_the_field(
    client, committee_member, centre, committee
):
    now = timezone.localtime()
    client.force_login(committee_member)
    data = {
        "question": "What should we do first?",
        "method": "plurality",
        "seats": 1,
        "electorate": "members",
        "roll_date": (now - 10 * DAY).strftime(FMT),
        "opens_at": (now - 10 * DAY).strftime(FMT),
        "closes_at": (now - 5 * DAY).strftime(FMT),
        "options": "Childcare\nLegal clinic",
    }
    response = client.post(reverse("ballot_new", args=[centre.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "closes_at": ["Voting would already have closed: choose a time still to come."]
    }
    assert not Ballot.objects.exists()
    data["closes_at"] = (now + 5 * DAY).strftime(FMT)
    assert client.post(reverse("ballot_new", args=[centre.pk]), data).status_code == 302


def test_the_election_form_refuses_past_windows_beside_their_fields(
    client, committee_member, social_worker, centre, committee
):
    now = timezone.localtime()
    client.force_login(committee_member)
    data = {
        "title": "Chair",
        "seats": [committee.seats.first().pk],
        "method": "irv",
        "returning_officer": social_worker.pk,
        "nominations_open_at": (now - 60 * DAY).strftime(FMT),
        "nominations_close_at": (now - 50 * DAY).strftime(FMT),
        "opens_at": (now - 50 * DAY).strftime(FMT),
        "closes_at": (now - 40 * DAY).strftime(FMT),
        "term_starts_on": (now.date() - 30 * DAY).isoformat(),
        "term_ends_on": (now.date() + 300 * DAY).isoformat(),
    }
    url = reverse("election_new", args=[centre.pk, committee.pk])
    errors = client.post(url, data).context["form"].errors
    assert set(errors) == {"nominations_close_at", "closes_at"}
    assert len(errors["closes_at"]) == 1
    assert not Election.objects.exists()
