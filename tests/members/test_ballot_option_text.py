"""A ballot's options are what the committee wrote: never cut short, never blank, not
without end; a meeting's minutes have a maximum length too (findings T8, T9)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.actions import committee_create, meeting_record
from members.models import Ballot, Meeting

from ..factories import centre_today, fill_seats
from .test_ballot_views import _ballot_form

MAX_OPTIONS = 30
MAX_MINUTES = 20_000


@pytest.fixture
def committee(centre):
    committee = committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )
    fill_seats(committee)
    return committee


def _post(client, centre, **overrides):
    return client.post(reverse("ballot_new", args=[centre.pk]), _ballot_form(**overrides))


def test_a_long_option_is_refused_naming_its_line(client, committee_member, centre, committee):
    client.force_login(committee_member)
    long = "A" * 250 + " END"
    response = _post(client, centre, options=f"B\n\n{long}\nC")
    errors = response.context["form"].errors["options"]
    assert errors == [
        "Line 3 is 254 characters long: an option has at most 200. Shorten it, "
        "or put the details in the explanation."
    ]
    assert not Ballot.objects.exists()
    _post(client, centre, options=f"{'A' * 200}\nB\nC")
    assert {o.label for o in Ballot.objects.get().options.all()} == {"A" * 200, "B", "C"}


def test_at_most_thirty_options(client, committee_member, centre, committee):
    client.force_login(committee_member)
    too_many = "\n".join(f"Option {n}" for n in range(MAX_OPTIONS + 1))
    response = _post(client, centre, options=too_many)
    assert response.context["form"].errors["options"] == [
        "A ballot has at most 30 options: this one has 31."
    ]
    assert not Ballot.objects.exists()
    _post(client, centre, options="\n".join(f"Option {n}" for n in range(MAX_OPTIONS)))
    assert Ballot.objects.get().options.count() == MAX_OPTIONS


@pytest.mark.parametrize("invisible", ["\u200f", "\u202e", "\u200b", " \u200b\u2066\ufeff "])
def test_an_invisible_option_is_an_empty_line(
    client, committee_member, centre, committee, invisible
):
    client.force_login(committee_member)
    response = _post(client, centre, options=f"خيار أ\n{invisible}")
    assert "Give at least two options." in response.context["form"].errors["options"]
    assert not Ballot.objects.exists()
    _post(client, centre, options=f"خيار أ\n{invisible}\n😀😀\n\u202eChildcare\u202c")
    labels = [o.label for o in Ballot.objects.get().options.all()]
    assert labels == ["خيار أ", "😀😀", "Childcare"]


def test_an_invisible_question_is_missing(client, committee_member, centre, committee):
    client.force_login(committee_member)
    response = _post(client, centre, question="\u200b\u200f")
    assert "This field is required." in response.context["form"].errors["question"]
    assert not Ballot.objects.exists()


def test_minutes_have_a_maximum_length(client, committee_member, centre, committee):
    client.force_login(committee_member)
    url = reverse("meeting_new", args=[centre.pk, committee.pk])
    seats = list(committee.seats.all()[:3])
    data = {
        "held_on": centre_today().isoformat(),
        "seats_present": [seat.pk for seat in seats],
        "minutes": "x" * (MAX_MINUTES + 1),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["minutes"] == [
        "Minutes are at most 20,000 characters long: these are 20,001."
    ]
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError, match="at most 20000 characters"):
        meeting_record(
            committee=committee,
            by=None,
            held_on=centre_today(),
            seats_present=seats,
            minutes="x" * (MAX_MINUTES + 1),
        )
    assert not Meeting.objects.exists()
    client.post(url, {**data, "minutes": "x" * MAX_MINUTES})
    assert len(Meeting.objects.get().minutes) == MAX_MINUTES
