"""Casting a vote: one member, one vote, on the frozen roll, only while the ballot is open."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from members.actions import ballot_cast, roll_freeze
from members.models import Ballot, Participation, Receipt, Vote

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot


@pytest.fixture
def committee(centre):
    return CommitteeFactory(centre=centre, name="Workers' committee")


def test_a_vote_and_a_participation_are_stored_apart(centre, committee):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(committee)
    first, second = ballot.options.all()[:2]
    code = ballot_cast(
        ballot=ballot, member=member, choices=[first.pk, second.pk], channel="online"
    )
    participation = Participation.objects.get()
    vote = Vote.objects.get()
    assert participation.member == member and participation.channel == "online"
    assert vote.choices == [first.pk, second.pk]
    assert Receipt.objects.get().code == code and len(code) == 9


def test_second_vote_is_refused_whatever_the_channel(centre, committee):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(committee)
    option = ballot.options.first()
    ballot_cast(ballot=ballot, member=member, choices=[option.pk], channel="online")
    with pytest.raises(ValidationError, match="already voted"):
        ballot_cast(ballot=ballot, member=member, choices=[option.pk], channel="booth")
    assert Participation.objects.count() == Vote.objects.count() == Receipt.objects.count() == 1


def test_member_not_on_the_roll_is_refused(centre, other_centre, committee):
    ballot = open_ballot(committee)
    late = MemberFactory(centre=centre)  # registered after the roll froze
    elsewhere = MemberFactory(centre=other_centre)
    for member in (late, elsewhere):
        with pytest.raises(ValidationError, match="not on the roll"):
            ballot_cast(ballot=ballot, member=member, choices=[ballot.options.first().pk])
    assert not Participation.objects.exists() and not Vote.objects.exists()


def test_closed_or_unopened_ballot_is_refused(centre, committee):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(committee)
    close_voting(ballot=ballot, by=None)
    with pytest.raises(ValidationError, match="not open"):
        ballot_cast(ballot=ballot, member=member, choices=[ballot.options.first().pk])
    future = open_ballot(committee, question="Later")
    Ballot.objects.filter(pk=future.pk).update(
        opens_at=timezone.now() + timezone.timedelta(days=1),
        closes_at=timezone.now() + timezone.timedelta(days=2),
    )
    with pytest.raises(ValidationError, match="not open"):
        ballot_cast(ballot=future, member=member, choices=[future.options.first().pk])
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("method", "choices", "message"),
    [
        ("approval", "three", "at most 2"),
        ("plurality", "two", "one option"),
        ("irv", "repeat", "each once"),
        ("approval", "none", "at least one"),
        ("irv", "foreign", "each once"),
        ("irv", "junk", "among the ballot"),
    ],
)
def test_choices_the_method_does_not_allow_are_refused(centre, committee, method, choices, message):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(committee, method=method)
    other = open_ballot(committee, question="Other")
    ids = list(ballot.options.values_list("pk", flat=True))
    picked = {
        "three": ids,
        "two": ids[:2],
        "repeat": [ids[0], ids[0]],
        "none": [],
        "foreign": [other.options.first().pk],
        "junk": ["x"],
    }[choices]
    with pytest.raises(ValidationError, match=message):
        ballot_cast(ballot=ballot, member=member, choices=picked)
    assert not Participation.objects.exists()


def test_the_roll_is_frozen_when_voting_opens(centre, committee):
    early = MemberFactory(centre=centre)
    ballot = open_ballot(committee)
    MemberFactory(centre=centre)  # registered after: not on the roll
    assert list(ballot.roll.values_list("member", flat=True)) == [early.pk]
    assert roll_freeze(ballot=ballot) == 1  # freezing again changes nothing
    assert ballot.roll.count() == 1


def test_the_roll_follows_its_rule(centre, committee):
    from members.actions import member_erase, visit_log

    cutoff = timezone.now()
    before = MemberFactory(centre=centre)
    erased = MemberFactory(centre=centre)
    member_erase(member=erased, by=None)
    after = MemberFactory(centre=centre)
    visitor = MemberFactory(centre=centre)
    visit_log(
        centre=centre, by=None, member=visitor, arrived_at=cutoff - timezone.timedelta(days=30)
    )
    from members.models import Member

    Member.objects.filter(pk__in=[before.pk, erased.pk, visitor.pk]).update(
        registered_at=cutoff - timezone.timedelta(days=60)
    )
    anyone = open_ballot(committee, roll_date=cutoff)
    recent = open_ballot(
        committee, question="Recent visitors", roll_date=cutoff, visit_within_months=3
    )
    assert set(anyone.roll.values_list("member", flat=True)) == {before.pk, visitor.pk}
    assert set(recent.roll.values_list("member", flat=True)) == {visitor.pk}
    assert after.pk not in anyone.roll.values_list("member", flat=True)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_casts_record_one_vote(centre, committee):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(committee)
    option = ballot.options.first()
    barrier = threading.Barrier(50)
    outcomes = []

    def cast():
        try:
            barrier.wait()
            ballot_cast(ballot=ballot, member=member, choices=[option.pk], channel="online")
            outcomes.append("voted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=cast) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(outcomes)) == ["refused", "voted"]
    assert outcomes.count("voted") == 1 and outcomes.count("refused") == 49
    assert Participation.objects.filter(ballot=ballot, member=member).count() == 1
    assert Vote.objects.filter(ballot=ballot).count() == 1
    assert Receipt.objects.filter(ballot=ballot).count() == 1
