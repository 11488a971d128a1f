"""The committee changes a ballot's or an election's times before voting opens, with
the checks of its setting up; once voting has opened it cannot. Audited, with the
real actor."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.local_time import today, zone_of
from centres.models import AuditEntry
from centres.submissions import new_key
from members.actions import (
    ballot_create,
    ballot_open,
    ballot_reschedule,
    committee_create,
    election_create,
    election_open_voting,
    election_reschedule,
)
from members.models import Ballot, Election

from ..factories import close_voting, open_ballot

DAY = timezone.timedelta(days=1)
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def committee(centre):
    return committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", ""), ("member", "")]
    )


@pytest.fixture
def draft(committee):
    now = timezone.now()
    return ballot_create(
        committee=committee,
        by=None,
        kind="priority",
        question="What first?",
        method="plurality",
        opens_at=now + DAY,
        closes_at=now + 3 * DAY,
        options=["Childcare", "Legal clinic"],
    )


def _election(committee, officer, *, nominations_from=DAY):
    now = timezone.now()
    return election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=officer,
        nominations_open_at=now + nominations_from,
        nominations_close_at=now + 2 * DAY,
        opens_at=now + 2 * DAY,
        closes_at=now + 4 * DAY,
        term_starts_on=today(committee.centre) + 6 * DAY,
        term_ends_on=today(committee.centre) + 700 * DAY,
    )


def _times(election, **moves):
    """The election's dates, each moved by the timedelta given for it."""
    times = {
        "nominations_open_at": election.nominations_open_at,
        "nominations_close_at": election.nominations_close_at,
        "opens_at": election.ballot.opens_at,
        "closes_at": election.ballot.closes_at,
        "term_starts_on": election.term_starts_on,
        "term_ends_on": election.term_ends_on,
    }
    return {name: value + moves.get(name, timezone.timedelta()) for name, value in times.items()}


# The action ------------------------------------------------------------------------


def test_a_ballot_being_prepared_is_rescheduled_and_audited(draft, committee_member):
    opens, closes = draft.opens_at + 7 * DAY, draft.closes_at + 7 * DAY
    ballot_reschedule(
        ballot=draft, by=committee_member, opens_at=opens, closes_at=closes, roll_date=opens
    )
    draft.refresh_from_db()
    assert (draft.opens_at, draft.closes_at, draft.roll_date) == (opens, closes, opens)
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Ballot),
        object_pk=str(draft.pk),
        action=AuditEntry.Action.UPDATE,
    ).get()
    assert entry.actor == committee_member and "opens_at" in entry.changes


def test_the_checks_of_setting_up_apply(draft):
    now = timezone.now()
    cases = [
        ({"opens_at": now + 2 * DAY, "closes_at": now + 2 * DAY}, "closes_at", "close after"),
        ({"opens_at": now - 9 * DAY, "closes_at": now - DAY}, "closes_at", "already have closed"),
        (
            {"opens_at": now + 2 * DAY, "closes_at": now + 3 * DAY, "roll_date": now + 3 * DAY},
            "roll_date",
            "drawn before voting opens",
        ),
    ]
    before = Ballot.objects.values().get()
    for times, field, words in cases:
        with pytest.raises(ValidationError) as refusal:
            ballot_reschedule(ballot=draft, by=None, **times)
        assert list(refusal.value.message_dict) == [field]
        assert words in refusal.value.message_dict[field][0]
    assert Ballot.objects.values().get() == before


def test_a_ballot_opening_later_keeps_its_frozen_roll(draft):
    Ballot.objects.filter(pk=draft.pk).update(roll_date=timezone.now())
    ballot = ballot_open(ballot=draft, by=None)  # the roll is frozen now
    with pytest.raises(ValidationError) as refusal:
        ballot_reschedule(
            ballot=ballot,
            by=None,
            opens_at=ballot.opens_at,
            closes_at=ballot.closes_at,
            roll_date=ballot.roll_date - DAY,
        )
    assert list(refusal.value.message_dict) == ["roll_date"]
    with pytest.raises(ValidationError) as refusal:  # before the roll's date
        ballot_reschedule(
            ballot=ballot, by=None, opens_at=ballot.roll_date - DAY, closes_at=ballot.closes_at
        )
    assert list(refusal.value.message_dict) == ["opens_at"]
    later = ballot_reschedule(
        ballot=ballot, by=None, opens_at=ballot.opens_at + DAY, closes_at=ballot.closes_at + DAY
    )
    assert later.opens_at == ballot.opens_at + DAY and later.voting_state() == "not_yet"


def test_once_voting_has_opened_nothing_moves(committee):
    ballot = open_ballot(committee)
    times = {"opens_at": ballot.opens_at + DAY, "closes_at": ballot.closes_at + DAY}
    with pytest.raises(ValidationError, match="Voting has opened"):
        ballot_reschedule(ballot=ballot, by=None, **times)
    close_voting(ballot=ballot, by=None)
    with pytest.raises(ValidationError, match="Voting is over"):
        ballot_reschedule(ballot=ballot, by=None, **times)


def test_an_election_is_rescheduled_with_its_checks(committee, social_worker, committee_member):
    election = _election(committee, social_worker)
    week = 7 * DAY
    moved = _times(
        election,
        nominations_open_at=week,
        nominations_close_at=week,
        opens_at=week,
        closes_at=week,
        term_starts_on=week,
    )
    election_reschedule(election=election, by=committee_member, **moved)
    election.refresh_from_db()
    ballot = election.ballot
    assert election.nominations_open_at == moved["nominations_open_at"]
    assert ballot.opens_at == moved["opens_at"] and ballot.closes_at == moved["closes_at"]
    assert ballot.roll_date == moved["nominations_open_at"]  # drawn when nominations open
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Election),
        object_pk=str(election.pk),
        action=AuditEntry.Action.UPDATE,
        actor=committee_member,
    ).exists()
    # The term must still start once voting has closed (as when it was set up).
    with pytest.raises(ValidationError) as refusal:
        election_reschedule(election=election, by=None, **_times(election, closes_at=week))
    assert list(refusal.value.message_dict) == ["term_starts_on"]


def test_what_has_happened_in_an_election_stays(committee, social_worker):
    election = _election(committee, social_worker, nominations_from=-DAY)  # nominations open
    with pytest.raises(ValidationError) as refusal:
        election_reschedule(election=election, by=None, **_times(election, nominations_open_at=DAY))
    assert list(refusal.value.message_dict) == ["nominations_open_at"]
    Election.objects.filter(pk=election.pk).update(
        nominations_close_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    election.refresh_from_db()
    for member in ("Asha", "Bina"):
        from ..factories import MemberFactory

        person = MemberFactory(centre=committee.centre, preferred_name=member)
        election.candidates.create(member=person, display_name=member, accepted_at=timezone.now())
    election_open_voting(election=election, by=None)  # voting opens later: NOT_YET
    with pytest.raises(ValidationError) as refusal:
        election_reschedule(
            election=election, by=None, **_times(election, nominations_close_at=DAY)
        )
    assert list(refusal.value.message_dict) == ["nominations_close_at"]
    # Its voting window may still move, the nominations closed as they were.
    election_reschedule(election=election, by=None, **_times(election, closes_at=DAY))
    assert Ballot.objects.get().closes_at == election.ballot.closes_at + DAY


# The pages -------------------------------------------------------------------------


def _url(name, obj):
    centre_id = obj.committee.centre_id if isinstance(obj, Ballot) else obj.centre_id
    return reverse(name, args=[centre_id, obj.pk])


def _minute(when):
    return when.replace(second=0, microsecond=0)


def _form(ballot, **moves):
    zone = zone_of(ballot.committee.centre)  # the pages read times at the centre
    local = {
        name: timezone.localtime(getattr(ballot, name), zone)
        for name in ("roll_date", "opens_at", "closes_at")
    }
    return {
        "form_key": new_key(),
        **{name: (value + moves.get(name, DAY * 0)).strftime(FMT) for name, value in local.items()},
    }


def test_the_committee_reschedules_a_ballot_once(client, committee_member, draft):
    client.force_login(committee_member)
    detail = client.get(_url("ballot_detail", draft)).content.decode()
    assert _url("ballot_reschedule", draft) in detail
    page = client.get(_url("ballot_reschedule", draft))
    assert page.status_code == 200 and 'name="opens_at"' in page.content.decode()
    data = _form(draft, opens_at=DAY, closes_at=DAY)
    response = client.post(_url("ballot_reschedule", draft), data)
    assert response.status_code == 302
    assert response.url == _url("ballot_detail", draft)
    moved = Ballot.objects.get()
    assert moved.opens_at == _minute(draft.opens_at + DAY)
    again = client.post(_url("ballot_reschedule", draft), data)  # a second click
    assert again.status_code == 302 and Ballot.objects.get().opens_at == moved.opens_at
    updates = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Ballot), action=AuditEntry.Action.UPDATE
    )
    assert updates.count() == 1


def test_bad_input_says_why_beside_the_field_and_saves_nothing(client, committee_member, draft):
    client.force_login(committee_member)
    url = _url("ballot_reschedule", draft)
    garbled = {**_form(draft), "opens_at": "soon"}
    response = client.post(url, garbled)
    assert response.status_code == 200 and "opens_at" in response.context["form"].errors
    backwards = _form(draft, closes_at=-3 * DAY)
    errors = client.post(url, backwards).context["form"].errors
    assert errors == {"closes_at": ["Voting must close after it opens."]}
    assert Ballot.objects.get().closes_at == draft.closes_at


@pytest.mark.parametrize(
    ("role", "status"),
    [("manager", 403), ("social_worker", 403), ("worker", 403), ("outsider", 404)],
)
def test_only_the_committee_of_the_centre_reschedules(client, cast, draft, role, status):
    client.force_login(cast[role])
    assert client.get(_url("ballot_reschedule", draft)).status_code == status
    assert (
        client.post(_url("ballot_reschedule", draft), _form(draft, opens_at=DAY)).status_code
        == status
    )
    assert Ballot.objects.get().opens_at == draft.opens_at


def test_the_pages_take_get_and_post_only(
    client, committee_member, draft, social_worker, committee
):
    client.force_login(committee_member)
    election = _election(committee, social_worker)
    for url in (_url("ballot_reschedule", draft), _url("election_reschedule", election)):
        assert client.put(url).status_code == 405
        assert client.delete(url).status_code == 405


def test_once_open_the_page_says_so_and_offers_nothing(client, committee_member, committee):
    ballot = open_ballot(committee)
    client.force_login(committee_member)
    assert (
        _url("ballot_reschedule", ballot)
        not in client.get(_url("ballot_detail", ballot)).content.decode()
    )
    page = client.get(_url("ballot_reschedule", ballot)).content.decode()
    assert "Voting has opened: its times can no longer be changed." in page
    assert 'name="opens_at"' not in page
    response = client.post(
        _url("ballot_reschedule", ballot), _form(ballot, closes_at=DAY), follow=True
    )
    assert "Voting has opened" in response.content.decode()
    assert Ballot.objects.get().closes_at == ballot.closes_at


def test_once_voting_is_over_the_page_says_so(client, committee_member, committee):
    """A ballot past its close, and then counted, is refused for the reason that fits:
    voting is over, not "has opened"."""
    ballot = open_ballot(committee)
    client.force_login(committee_member)
    later = ballot.closes_at + DAY
    assert ballot.reschedule_refusal(later) == (
        "Voting is over: its times can no longer be changed."
    )
    close_voting(ballot=ballot, by=None)
    page = client.get(_url("ballot_reschedule", ballot)).content.decode()
    assert "Voting is over: its times can no longer be changed." in page
    assert "Voting has opened" not in page
    assert 'name="opens_at"' not in page


def test_the_committee_reschedules_an_election(
    client, committee_member, social_worker, committee, outsider, manager
):
    election = _election(committee, social_worker)
    url = _url("election_reschedule", election)
    client.force_login(committee_member)
    assert url in client.get(_url("election_detail", election)).content.decode()
    # The poll's own link leads to the election's page.
    assert client.get(_url("ballot_reschedule", election.ballot)).url == url
    times = _times(election, opens_at=3 * DAY, closes_at=3 * DAY, term_starts_on=3 * DAY)
    local = zone_of(committee.centre)
    data = {
        name: (
            timezone.localtime(value, local).strftime(FMT)
            if hasattr(value, "hour")
            else value.isoformat()
        )
        for name, value in times.items()
    }
    wrong = {**data, "term_starts_on": election.term_starts_on.isoformat()}
    errors = client.post(url, {**wrong, "form_key": new_key()}).context["form"].errors
    assert list(errors) == ["term_starts_on"]
    assert Election.objects.get().ballot.opens_at == election.ballot.opens_at
    assert client.post(url, {**data, "form_key": new_key()}).status_code == 302
    assert Ballot.objects.get().opens_at == _minute(election.ballot.opens_at + 3 * DAY)
    for user, status in ((manager, 403), (outsider, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status


def test_times_sent_back_unchanged_are_not_changes(
    client, committee_member, committee, social_worker
):
    """A form sends minutes: the start of nominations that have opened, sent back as it
    was shown, is kept, and the voting window moves."""
    election = _election(committee, social_worker, nominations_from=-DAY)
    zone = zone_of(committee.centre)
    times = _times(election, closes_at=DAY)
    data = {
        name: timezone.localtime(value, zone).strftime(FMT)
        if hasattr(value, "hour")
        else value.isoformat()
        for name, value in times.items()
    }
    client.force_login(committee_member)
    response = client.post(_url("election_reschedule", election), {**data, "form_key": new_key()})
    assert response.status_code == 302
    assert Election.objects.get().nominations_open_at == election.nominations_open_at
    assert Ballot.objects.get().closes_at == _minute(election.ballot.closes_at + DAY)
