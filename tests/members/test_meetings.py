"""Meetings and decisions: quorum from the committee's rule, motions, publication to
members, review reminders; the manager cannot record or change a decision."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.actions import (
    committee_create,
    decision_publish,
    decision_record,
    decision_reviews_remind,
    meeting_record,
)
from members.models import Decision, Meeting
from tests.factories import centre_today, fill_seats


@pytest.fixture
def committee(centre):
    committee = committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("secretary", ""), ("treasurer", ""), ("member", ""), ("member", "")],
        quorum_percent=60,
    )
    fill_seats(committee)
    return committee


def test_quorum_follows_the_committees_rule(committee):
    seats = list(committee.seats.all())
    assert committee.quorum() == 3  # ceil(5 × 60 / 100)
    short = meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=seats[:2]
    )
    full = meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=seats[:3]
    )
    assert not short.quorum_met and full.quorum_met
    # Without a quorum, even a unanimous motion is not carried.
    assert not decision_record(
        meeting=short, by=None, motion="x", votes_for=2, votes_against=0, abstentions=0
    ).carried
    assert decision_record(
        meeting=full, by=None, motion="y", votes_for=2, votes_against=1, abstentions=0
    ).carried
    with pytest.raises(ValidationError, match="More votes than seat holders"):
        decision_record(
            meeting=full, by=None, motion="z", votes_for=3, votes_against=1, abstentions=0
        )


def test_review_reminders_come_once(committee):
    meeting = meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=committee.seats.all()
    )
    due = decision_record(
        meeting=meeting,
        by=None,
        motion="Childcare",
        votes_for=5,
        votes_against=0,
        abstentions=0,
        review_on=centre_today(),
    )
    decision_record(
        meeting=meeting,
        by=None,
        motion="Later",
        votes_for=5,
        votes_against=0,
        abstentions=0,
        review_on=centre_today() + timezone.timedelta(days=30),
    )
    assert decision_reviews_remind() == [due.pk]
    assert decision_reviews_remind() == []


def test_the_committee_records_a_meeting_and_a_decision(
    client, committee_member, centre, committee
):
    client.force_login(committee_member)
    seats = [s.pk for s in committee.seats.all()[:3]]
    url = reverse("meeting_new", args=[centre.pk, committee.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"held_on": centre_today().isoformat(), "seats_present": seats, "minutes": "Agreed."}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.quorum_met
    bad = client.post(url, {"held_on": (centre_today() + timezone.timedelta(days=2)).isoformat()})
    assert "once it has taken place" in bad.content.decode()
    assert Meeting.objects.count() == 1
    detail = reverse("meeting_detail", args=[centre.pk, meeting.pk])
    data = {
        "motion": "Open a Friday crèche",
        "votes_for": 3,
        "votes_against": 0,
        "abstentions": 0,
        "text": "The crèche opens on Fridays from March.",
    }
    client.post(detail, data)
    too_many = client.post(detail, {**data, "votes_for": 9})
    assert "More votes than seat holders" in too_many.content.decode()
    decision = Decision.objects.get()
    assert decision.carried
    publish = reverse("decision_publish", args=[centre.pk, decision.pk])
    assert client.get(publish).status_code == 405
    client.post(publish)
    client.post(publish)
    assert Decision.objects.published().count() == 1


def test_a_meetings_errors_show_in_one_round(client, committee_member, centre, committee):
    client.force_login(committee_member)
    url = reverse("meeting_new", args=[centre.pk, committee.pk])
    tomorrow = (centre_today() + timezone.timedelta(days=1)).isoformat()
    errors = client.post(url, {"held_on": tomorrow}).context["form"].errors
    assert "once it has taken place" in errors["held_on"][0]
    assert "at the latest" in errors["held_on"][0]  # says the last day taken
    meeting = meeting_record(
        committee=committee,
        by=None,
        held_on=centre_today() - timezone.timedelta(days=3),
        seats_present=list(committee.seats.all()[:3]),
    )
    detail = reverse("meeting_detail", args=[centre.pk, meeting.pk])
    data = {
        "motion": "",
        "votes_for": 9,
        "votes_against": 0,
        "abstentions": 0,
        "review_on": (centre_today() - timezone.timedelta(days=5)).isoformat(),
    }
    errors = client.post(detail, data).context["form"].errors
    assert set(errors) == {"motion", "votes_for", "review_on"}
    assert "More votes than seat holders" in errors["votes_for"][0]
    assert "after the meeting" in errors["review_on"][0]
    assert not Decision.objects.exists()


def test_members_see_published_decisions_only(client, cast, centre, committee):
    meeting = meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=committee.seats.all()
    )
    shown = decision_record(
        meeting=meeting,
        by=None,
        motion="m1",
        votes_for=5,
        votes_against=0,
        abstentions=0,
        text="Crèche on Fridays",
    )
    decision_record(
        meeting=meeting,
        by=None,
        motion="m2",
        votes_for=5,
        votes_against=0,
        abstentions=0,
        text="Draft: not yet public",
    )
    decision_publish(decision=shown, by=None)
    client.force_login(cast["worker"])
    page = client.get(reverse("governance_home", args=[centre.pk])).content.decode()
    assert "Crèche on Fridays" in page and "not yet public" not in page


@pytest.mark.parametrize("role", ["manager", "social_worker", "worker", "coordinator"])
def test_only_the_committee_records_meetings_and_decisions(client, cast, centre, committee, role):
    meeting = meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=committee.seats.all()
    )
    decision = decision_record(
        meeting=meeting, by=None, motion="m", votes_for=5, votes_against=0, abstentions=0
    )
    client.force_login(cast[role])
    detail = reverse("meeting_detail", args=[centre.pk, meeting.pk])
    assert client.get(detail).status_code == 403
    data = {"motion": "Overrule", "votes_for": 0, "votes_against": 5, "abstentions": 0}
    assert client.post(detail, data).status_code == 403
    assert (
        client.post(reverse("decision_publish", args=[centre.pk, decision.pk])).status_code == 403
    )
    assert (
        client.post(
            reverse("meeting_new", args=[centre.pk, committee.pk]),
            {"held_on": centre_today().isoformat()},
        ).status_code
        == 403
    )
    assert Decision.objects.get().motion == "m" and Decision.objects.published().count() == 0
    assert Meeting.objects.count() == 1


def test_meetings_of_another_centre_are_not_found(client, cast, centre, committee):
    meeting = meeting_record(
        committee=committee,
        by=None,
        held_on=centre_today(),
        seats_present=committee.seats.all()[:1],
    )
    client.force_login(cast["outsider"])
    assert client.get(reverse("meeting_detail", args=[centre.pk, meeting.pk])).status_code == 404
    assert client.get(reverse("meeting_new", args=[centre.pk, committee.pk])).status_code == 404


def test_the_review_reminder_mails_the_committee_a_link_only(
    committee, committee_member, mailoutbox
):
    from members.tasks import remind_decision_reviews

    meeting = meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=committee.seats.all()
    )
    decision_record(
        meeting=meeting,
        by=None,
        motion="Secret wording",
        votes_for=5,
        votes_against=0,
        abstentions=0,
        text="Secret text",
        review_on=centre_today(),
    )
    assert remind_decision_reviews() == 1
    assert remind_decision_reviews() == 0
    (mail,) = mailoutbox
    assert mail.to == ["committee@example.org"]
    assert f"/meetings/{meeting.pk}/" in mail.body and "Secret" not in mail.body
    assert mail.subject.startswith(f"{committee.centre.name}: ")


def test_a_retried_review_reminder_mails_each_committee_member_once(
    committee, committee_member, centre, settings
):
    """The mail server drops the second mail: the task is retried, and the first
    member is not mailed again; the decision is marked reminded only after."""
    from collections import Counter

    from celery.exceptions import Retry
    from django.core import mail

    from centres.models import Role
    from members.tasks import remind_decision_reviews

    from ..factories import CentreRoleFactory
    from ..mail_backends import DropsTheSecondMail

    DropsTheSecondMail.attempts = 0
    settings.EMAIL_BACKEND = "tests.mail_backends.DropsTheSecondMail"
    second = CentreRoleFactory(centre=centre, role=Role.COMMITTEE_MEMBER).user
    meeting = meeting_record(
        committee=committee, by=None, held_on=centre_today(), seats_present=committee.seats.all()
    )
    decision = decision_record(
        meeting=meeting,
        by=None,
        motion="Open on Sundays",
        votes_for=5,
        votes_against=0,
        abstentions=0,
        text="Agreed",
        review_on=centre_today(),
    )
    with pytest.raises(Retry):
        remind_decision_reviews.delay().get()
    decision.refresh_from_db()
    assert decision.reminded_on is None  # not everyone was told yet
    assert remind_decision_reviews.delay().get() == 1
    assert Counter(m.to[0] for m in mail.outbox) == {committee_member.email: 1, second.email: 1}
    assert remind_decision_reviews.delay().get() == 0
