"""How many a voter may choose and how many win are checked against the options: when
the ballot is prepared, and again when voting opens (an election's candidates come
later). One message per field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.actions import ballot_create, ballot_open, option_add
from members.models import Ballot, BallotStatus

from ..factories import CommitteeFactory

DAY = timezone.timedelta(days=1)
THREE = ["Childcare", "Legal clinic", "Arabic classes"]


@pytest.fixture
def committee(centre):
    return CommitteeFactory(centre=centre, name="Workers' committee")


def _ballot(committee, **overrides):
    now = timezone.now()
    fields = {
        "committee": committee,
        "by": None,
        "kind": "priority",
        "question": "What first?",
        "method": "approval",
        "max_choices": 2,
        "opens_at": now - DAY,
        "closes_at": now + 3 * DAY,
        "options": THREE,
    }
    return ballot_create(**{**fields, **overrides})


def _refused(**overrides) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refusal:
        _ballot(**overrides)
    assert not Ballot.objects.exists()
    return refusal.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"max_choices": 5}, "max_choices", "fewer options than the ballot has: at most 2."),
        ({"max_choices": 3}, "max_choices", "fewer options than the ballot has: at most 2."),
        ({"seats": 9}, "seats", "No more winners than options: at most 3."),
        ({"method": "plurality", "seats": 3}, "seats", "more options than winners: at most 2"),
        ({"method": "borda", "seats": 9}, "seats", "more options than winners: at most 2"),
        ({"max_choices": 0}, "max_choices", "greater than or equal to 1"),
        ({"seats": 0}, "seats", "greater than or equal to 1"),
    ],
)
def test_limits_beyond_the_options_are_refused(committee, overrides, field, message):
    errors = _refused(committee=committee, **overrides)
    assert list(errors) == [field]
    assert len(errors[field]) == 1 and message in errors[field][0]


def test_limits_within_the_options_are_accepted(committee):
    assert _ballot(committee, max_choices=2, seats=3).pk
    assert _ballot(committee, question="Other", method="plurality", max_choices=None, seats=2).pk


def test_limits_are_checked_again_when_voting_opens(committee):
    ballot = _ballot(committee, options=[], method="plurality", max_choices=None, seats=2)
    option_add(ballot=ballot, by=None, label="Childcare")
    option_add(ballot=ballot, by=None, label="Legal clinic")
    with pytest.raises(ValidationError) as refusal:
        ballot_open(ballot=ballot, by=None)
    assert "more options than winners" in refusal.value.messages[0]
    ballot.refresh_from_db()
    assert ballot.status == BallotStatus.DRAFT
    option_add(ballot=ballot, by=None, label="Arabic classes")
    assert ballot_open(ballot=ballot, by=None).status == BallotStatus.OPEN


def test_an_approval_ballot_choosing_every_option_does_not_open(committee):
    ballot = _ballot(committee, options=[], max_choices=2)
    option_add(ballot=ballot, by=None, label="Childcare")
    option_add(ballot=ballot, by=None, label="Legal clinic")
    with pytest.raises(ValidationError, match="at most 1"):
        ballot_open(ballot=ballot, by=None)


def _form(**overrides):
    now = timezone.localtime()
    data = {
        "question": "What should we do first?",
        "method": "approval",
        "max_choices": 2,
        "seats": 1,
        "electorate": "members",
        "roll_date": now.strftime("%Y-%m-%dT%H:%M"),
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + 7 * DAY).strftime("%Y-%m-%dT%H:%M"),
        "options": "\n".join(THREE),
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"max_choices": 5, "seats": 9}, {"max_choices": "at most 2", "seats": "at most 3"}),
        ({"max_choices": 0}, {"max_choices": "greater than or equal to 1"}),
        ({"max_choices": ""}, {"max_choices": "how many options"}),
        ({"method": "irv", "seats": 3}, {"seats": "at most 2 winners"}),
    ],
)
def test_the_ballot_form_gives_one_message_per_field(
    client, committee_member, centre, committee, overrides, errors
):
    client.force_login(committee_member)
    url = reverse("ballot_new", args=[centre.pk])
    response = client.post(url, _form(**overrides))
    shown = response.context["form"].errors
    assert set(shown) == set(errors)
    for field, words in errors.items():
        assert len(shown[field]) == 1 and words in shown[field][0]
        assert words in response.content.decode()
    assert not Ballot.objects.exists()
    assert client.post(url, _form()).status_code == 302
