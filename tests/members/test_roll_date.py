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

DAY = timezone.timedelta(days=1)
FMT = "%Y-%m-%dT%H:%M"
REFUSAL = "The roll is drawn before voting opens: choose a time no later than the opening."


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
    assert refusal.value.message_dict == {"roll_date": [REFUSAL]}
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
