"""Governance rules hold for every writer, not only for the forms: the actions refuse
what the forms refuse, with each error keyed to its field, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from centres.local_time import today
from members.actions import (
    ballot_create,
    committee_create,
    decision_record,
    election_create,
    meeting_record,
    priority_respond,
)
from members.models import Ballot, Decision, Election, Meeting, PriorityResponse

from ..factories import UserFactory, close_voting, fill_seats, open_ballot

DAY = timezone.timedelta(days=1)


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
        "title": "Chair 2026",
        "seats": [committee.seats.first()],
        "method": "plurality",
        "returning_officer": officer,
        "nominations_open_at": now - timezone.timedelta(minutes=5),
        "nominations_close_at": now + 2 * DAY,
        "opens_at": now + 2 * DAY,
        "closes_at": now + 4 * DAY,
        "term_starts_on": today(committee.centre) + 6 * DAY,
        "term_ends_on": today(committee.centre) + 730 * DAY,
    }
    fields.update(overrides)
    return election_create(**fields)


def _refused(write, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refusal:
        write(**fields)
    return refusal.value.message_dict


def test_an_election_whose_term_starts_before_voting_closes_is_refused(committee, social_worker):
    closes_on = today(committee.centre) + 4 * DAY
    errors = _refused(
        _election, committee=committee, officer=social_worker, term_starts_on=closes_on
    )
    assert list(errors) == ["term_starts_on"]
    assert "once voting has closed" in errors["term_starts_on"][0]
    assert not Election.objects.exists() and not Ballot.objects.exists()
    assert _election(committee, social_worker, term_starts_on=closes_on + DAY).pk


def test_every_broken_order_of_an_election_is_refused_at_once(committee, social_worker):
    now = timezone.now()
    errors = _refused(
        _election,
        committee=committee,
        officer=social_worker,
        nominations_close_at=now - timezone.timedelta(hours=1),  # before they open
        opens_at=now - timezone.timedelta(hours=2),  # before nominations close
        closes_at=now - timezone.timedelta(hours=3),  # before voting opens
        term_ends_on=today(committee.centre),  # before the term starts
    )
    assert set(errors) == {"nominations_close_at", "opens_at", "closes_at", "term_ends_on"}
    assert "once nominations have closed" in errors["opens_at"][0]
    assert "close after it opens" in errors["closes_at"][0]
    assert not Election.objects.exists() and not Ballot.objects.exists()


def test_an_elections_method_officer_and_dates_are_refused_together(committee, social_worker):
    errors = _refused(
        _election,
        committee=committee,
        officer=UserFactory(),  # not on the centre's staff
        seats=list(committee.seats.all()),
        method="plurality",  # for one seat only
        term_starts_on=today(committee.centre),
    )
    assert set(errors) == {"method", "returning_officer", "term_starts_on"}
    assert "For several seats" in errors["method"][0]
    assert "member of the centre's staff" in errors["returning_officer"][0]
    assert not Election.objects.exists() and not Ballot.objects.exists()


def _ballot(committee, **overrides):
    now = timezone.now()
    fields = {
        "committee": committee,
        "by": None,
        "kind": "priority",
        "question": "What first?",
        "method": "approval",
        "max_choices": 1,
        "opens_at": now + DAY,
        "closes_at": now + 3 * DAY,
        "options": ["Childcare", "Legal clinic"],
    }
    fields.update(overrides)
    return ballot_create(**fields)


def test_a_ballots_rules_are_keyed_to_their_fields(committee):
    now = timezone.now()
    errors = _refused(_ballot, committee=committee, closes_at=now, max_choices=None)
    assert set(errors) == {"closes_at", "max_choices"}
    assert "close after it opens" in errors["closes_at"][0]
    assert "how many options" in errors["max_choices"][0]
    assert not Ballot.objects.exists()
    assert _ballot(committee).pk


def test_a_meeting_is_recorded_once_it_has_taken_place(committee):
    fill_seats(committee)
    seats = list(committee.seats.all())
    tomorrow = today(committee.centre) + DAY
    errors = _refused(
        meeting_record, committee=committee, by=None, held_on=tomorrow, seats_present=seats
    )
    assert "once it has taken place" in errors["held_on"][0]
    assert not Meeting.objects.exists()
    assert meeting_record(committee=committee, by=None, held_on=tomorrow - DAY, seats_present=seats)


def test_a_decision_keeps_to_its_meeting(committee):
    fill_seats(committee)
    held_on = today(committee.centre) - 3 * DAY
    meeting = meeting_record(
        committee=committee, by=None, held_on=held_on, seats_present=committee.seats.all()
    )
    fields = {"meeting": meeting, "by": None, "motion": "Childcare on Fridays"}
    counts = {"votes_for": 2, "votes_against": 0, "abstentions": 0}
    errors = _refused(
        decision_record,
        **fields,
        votes_for=2,
        votes_against=1,
        abstentions=0,
        review_on=held_on - DAY,
    )
    assert set(errors) == {"votes_for", "review_on"}
    assert "More votes than seat holders" in errors["votes_for"][0]
    assert "after the meeting" in errors["review_on"][0]
    assert not Decision.objects.exists()
    assert decision_record(**fields, **counts, review_on=held_on).pk


def test_a_priority_that_is_not_possible_is_answered_with_a_reason(committee, manager):
    ballot = close_voting(ballot=open_ballot(committee), by=None)
    option = ballot.options.first()
    errors = _refused(
        priority_respond, option=option, by=manager, status="not_possible", reason="  "
    )
    assert "Say why" in errors["reason"][0]
    assert not PriorityResponse.objects.exists()
    priority_respond(option=option, by=manager, status="not_possible", reason="No teacher yet")
    assert PriorityResponse.objects.get().reason == "No teacher yet"
