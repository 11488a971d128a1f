"""One holder per seat at a time: an election cannot fill a seat held during its term
(unless its term starts when the sitting term ends), and no path that creates a term
(certification, co-option, a direct write) makes two holders of one seat."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.actions import (
    candidate_nominate,
    committee_create,
    election_create,
    election_declare_unopposed,
    seat_fill,
)
from members.models import Election, SeatTerm

from ..factories import MemberFactory, centre_today


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )


@pytest.fixture
def chair(committee):
    return committee.seats.get(title="chair")


@pytest.fixture
def sitting(centre, chair):
    """The chair is held until 60 days from today."""
    today = centre_today(centre)
    return SeatTerm.objects.create(
        seat=chair,
        member=MemberFactory(centre=centre),
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=60),
    )


def _election(committee, officer, seats, starts_in=7, **overrides):
    now = timezone.now()
    fields = {
        "committee": committee,
        "by": None,
        "title": "Chair 2026",
        "seats": seats,
        "method": "plurality",
        "returning_officer": officer,
        "nominations_open_at": now - timedelta(minutes=5),
        "nominations_close_at": now + timedelta(days=3),
        "opens_at": now + timedelta(days=3),
        "closes_at": now + timedelta(days=5),
        "term_starts_on": centre_today() + timedelta(days=starts_in),
        "term_ends_on": centre_today() + timedelta(days=starts_in + 365),
        "roll_date": now,
    }
    fields.update(overrides)
    return election_create(**fields)


def test_an_election_refuses_a_seat_held_during_its_term(committee, chair, sitting, social_worker):
    with pytest.raises(ValidationError) as refused:
        _election(committee, social_worker, [chair])
    assert list(refused.value.message_dict) == ["seats"]
    assert "Chair\u2069 is held until" in refused.value.message_dict["seats"][0]
    assert not Election.objects.exists()


def test_an_election_may_replace_a_holder_when_her_term_ends(
    committee, chair, sitting, social_worker
):
    election = _election(committee, social_worker, [chair], starts_in=60)
    assert election.term_starts_on == sitting.ends_on


def test_certification_refuses_a_seat_filled_since_the_election_was_set_up(
    centre, committee, chair, social_worker
):
    winner = MemberFactory(centre=centre)
    election = _election(committee, social_worker, [chair])
    candidate_nominate(election=election, member=winner, nominated_by=winner, display_name="A")
    seat_fill(
        seat=chair,
        member=MemberFactory(centre=centre),
        by=None,
        starts_on=centre_today(),
        ends_on=election.term_starts_on + timedelta(days=30),
    )
    Election.objects.filter(pk=election.pk).update(
        nominations_close_at=timezone.now() - timedelta(seconds=1)
    )
    election.refresh_from_db()
    with pytest.raises(ValidationError, match="Chair.* is held until"):
        election_declare_unopposed(election=election, by=social_worker)
    election.refresh_from_db()
    assert election.certified_at is None
    assert not SeatTerm.objects.filter(election=election).exists()
    assert SeatTerm.objects.filter(seat=chair).count() == 1


def test_co_option_refuses_a_term_running_into_a_held_one(centre, chair, sitting):
    """The old check looked at the first day only: a term starting before the sitting
    one and running into it passed."""
    with pytest.raises(ValidationError, match="already held"):
        seat_fill(
            seat=chair,
            member=MemberFactory(centre=centre),
            by=None,
            starts_on=sitting.starts_on - timedelta(days=30),
            ends_on=sitting.starts_on + timedelta(days=1),
        )
    assert SeatTerm.objects.filter(seat=chair).count() == 1
    before = seat_fill(
        seat=chair,
        member=MemberFactory(centre=centre),
        by=None,
        starts_on=sitting.starts_on - timedelta(days=30),
        ends_on=sitting.starts_on,
    )
    assert before.ends_on == sitting.starts_on  # ending the day the next one starts is fine


def test_any_write_of_an_overlapping_term_is_refused(centre, chair, sitting):
    with pytest.raises(ValidationError, match="already held"):
        SeatTerm.objects.create(
            seat=chair,
            member=MemberFactory(centre=centre),
            starts_on=sitting.starts_on + timedelta(days=10),
            ends_on=sitting.ends_on + timedelta(days=10),
        )
    assert SeatTerm.objects.filter(seat=chair).count() == 1
    # Another seat, and the term's own later saves, are not affected.
    SeatTerm.objects.create(
        seat=chair.committee.seats.get(title="member"),
        member=MemberFactory(centre=centre),
        starts_on=sitting.starts_on,
        ends_on=sitting.ends_on,
    )
    sitting.role_ended_at = timezone.now()
    sitting.save(update_fields=["role_ended_at"])
    sitting.ends_on += timedelta(days=1)
    sitting.save()


def _form(committee, officer, seats, **overrides):
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "title": "Committee 2026",
        "seats": [seat.pk for seat in seats],
        "method": "plurality" if len(seats) == 1 else "stv",
        "returning_officer": officer.pk,
        "nominations_open_at": (now - timedelta(minutes=5)).strftime(fmt),
        "nominations_close_at": (now + timedelta(days=2)).strftime(fmt),
        "opens_at": (now + timedelta(days=2)).strftime(fmt),
        "closes_at": (now + timedelta(days=4)).strftime(fmt),
        "term_starts_on": (now.date() + timedelta(days=5)).isoformat(),
        "term_ends_on": (now.date() + timedelta(days=365)).isoformat(),
    }
    data.update(overrides)
    return data


def test_the_form_refuses_held_seats_and_the_page_names_the_seats(
    client, committee_member, social_worker, centre, committee, chair, sitting
):
    client.force_login(committee_member)
    url = reverse("election_new", args=[centre.pk, committee.pk])
    seats = list(committee.seats.all())
    response = client.post(url, _form(committee, social_worker, seats))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["seats"]
    assert "Chair\u2069 is held until" in errors["seats"][0]
    assert not Election.objects.exists()
    vacant = [seat for seat in seats if seat != chair]
    accepted = client.post(url, _form(committee, social_worker, vacant))
    assert accepted.status_code == 302
    election = Election.objects.get()
    assert list(election.seats.all()) == vacant
    page = client.get(accepted.url).content.decode()
    assert "<dd><bdi>Member</bdi></dd>" in page


def test_an_election_term_keeps_the_committees_term_length(committee, social_worker):
    """A committee cannot extend its own mandate: the term lasts at most `term_months`
    (24 here) and starts within 3 months of voting closing."""
    member = committee.seats.get(title="member")
    with pytest.raises(ValidationError) as refused:
        _election(
            committee,
            social_worker,
            [member],
            term_ends_on=centre_today() + timedelta(days=7 + 5 * 365),
        )
    assert "at most 24 months" in refused.value.message_dict["term_ends_on"][0]
    with pytest.raises(ValidationError) as late:
        _election(committee, social_worker, [member], starts_in=4 * 365)
    assert "within 3 months of voting closing" in late.value.message_dict["term_starts_on"][0]
    assert not Election.objects.exists()
    _election(committee, social_worker, [member], starts_in=60)  # within both limits
