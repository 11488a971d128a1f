"""Closing a ballot: staff count once the window is over; before, only the committee
ends voting, behind a confirmation and with a reason members read and the trail does not."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.models import AuditEntry
from members.actions import ballot_close
from members.models import Ballot

from ..factories import CommitteeFactory, open_ballot

REASON = "The centre closes for Eid from Thursday: agreed at the committee meeting."


@pytest.fixture
def ballot(centre):
    return open_ballot(CommitteeFactory(centre=centre))


@pytest.fixture
def ended(ballot):
    """The ballot with its window over, not yet counted."""
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    ballot.refresh_from_db()
    return ballot


def _url(ballot):
    return reverse("ballot_close", args=[ballot.committee.centre_id, ballot.pk])


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_staff_cannot_end_voting_early(client, cast, ballot, role):
    planned = ballot.closes_at
    client.force_login(cast[role])
    assert client.get(_url(ballot)).status_code == 403
    assert client.post(_url(ballot), {"reason": REASON}).status_code == 403
    ballot.refresh_from_db()
    assert ballot.status == "open" and ballot.closes_at == planned and ballot.result is None


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_staff_see_when_voting_can_be_counted(client, cast, ballot, role):
    client.force_login(cast[role])
    page = client.get(reverse("ballot_detail", args=[ballot.committee.centre_id, ballot.pk]))
    assert "voting can be counted from then" in page.content.decode()
    assert _url(ballot) not in page.content.decode()


@pytest.mark.parametrize("role", ["manager", "social_worker", "committee_member"])
def test_once_the_window_is_over_staff_or_committee_count_once(client, cast, ended, role):
    planned = ended.closes_at
    client.force_login(cast[role])
    page = client.get(_url(ended))
    assert page.status_code == 200
    assert "Close voting and count?" in page.content.decode()
    assert 'name="reason"' not in page.content.decode()  # nothing ends early
    assert client.post(_url(ended)).status_code == 302
    ended.refresh_from_db()
    counted_at = ended.counted_at
    assert ended.status == "closed" and ended.closes_at == planned
    assert ended.scheduled_closes_at is None and ended.early_close_reason == ""
    again = client.post(_url(ended), follow=True)
    assert "Only an open ballot can be closed." in again.content.decode()
    ended.refresh_from_db()
    assert ended.counted_at == counted_at


def test_the_committee_ends_voting_early_with_a_reason_after_a_confirmation(
    client, committee_member, worker, ballot
):
    planned = ballot.closes_at
    client.force_login(committee_member)
    detail = reverse("ballot_detail", args=[ballot.committee.centre_id, ballot.pk])
    assert "End voting early" in client.get(detail).content.decode()
    page = client.get(_url(ballot))
    assert page.status_code == 200
    assert "End voting early?" in page.content.decode() and 'name="reason"' in page.content.decode()
    ballot.refresh_from_db()
    assert ballot.status == "open"  # asking changed nothing
    assert client.post(_url(ballot), {"reason": REASON}).status_code == 302
    ballot.refresh_from_db()
    assert ballot.status == "closed"
    assert ballot.scheduled_closes_at == planned
    assert ballot.closes_at == ballot.counted_at < planned
    assert ballot.early_close_reason == REASON
    client.force_login(worker)
    shown = client.get(detail).content.decode()
    assert "The committee ended voting before its planned close" in shown
    assert "agreed at the committee meeting" in shown


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_an_early_end_without_a_fit_reason_changes_nothing(
    client, committee_member, ballot, reason
):
    client.force_login(committee_member)
    response = client.post(_url(ballot), {"reason": reason})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.status == "open" and ballot.result is None and ballot.early_close_reason == ""
    # The same ballot with a reason is closed: it was the reason that was refused.
    assert client.post(_url(ballot), {"reason": REASON}).status_code == 302


def test_a_double_submitted_early_end_counts_once(client, committee_member, ballot):
    client.force_login(committee_member)
    client.post(_url(ballot), {"reason": REASON})
    ballot.refresh_from_db()
    counted_at = ballot.counted_at
    again = client.post(_url(ballot), {"reason": "Another reason"}, follow=True)
    assert "Only an open ballot can be closed." in again.content.decode()
    ballot.refresh_from_db()
    assert ballot.counted_at == counted_at and ballot.early_close_reason == REASON


def test_the_trail_records_an_early_end_without_its_words(committee_member, ballot):
    planned = ballot.closes_at
    ballot_close(ballot=ballot, by=committee_member, reason=REASON)
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Ballot),
        object_pk=str(ballot.pk),
        action=AuditEntry.Action.UPDATE,
    ).latest("pk")
    assert entry.actor == committee_member
    assert entry.changes_dict["early_close_reason"][1] == "[redacted]"
    assert "scheduled_closes_at" in entry.changes_dict and "closes_at" in entry.changes_dict
    assert not AuditEntry.objects.filter(changes__icontains="Eid").exists()
    assert planned.isoformat()[:16] in str(entry.changes_dict["scheduled_closes_at"][1]).replace(
        " ", "T"
    )


@pytest.mark.parametrize("by", ["manager", "social_worker", None])
def test_the_action_refuses_an_early_end_by_anyone_but_the_committee(cast, ballot, by):
    with pytest.raises(ValidationError, match="only the committee"):
        ballot_close(ballot=ballot, by=cast[by] if by else None, reason=REASON)
    ballot.refresh_from_db()
    assert ballot.status == "open"


def test_the_action_refuses_an_early_end_without_a_reason(committee_member, ballot):
    with pytest.raises(ValidationError) as refused:
        ballot_close(ballot=ballot, by=committee_member, reason=" ")
    assert "reason" in refused.value.message_dict
    ballot.refresh_from_db()
    assert ballot.status == "open"


def test_close_page_scoping_roles_and_methods(client, cast, ballot, ended):
    client.force_login(cast["outsider"])
    assert client.get(_url(ended)).status_code == 404
    assert client.post(_url(ended)).status_code == 404
    client.force_login(cast["worker"])
    assert client.get(_url(ended)).status_code == 403
    assert client.post(_url(ended)).status_code == 403
    client.force_login(cast["coordinator"])
    assert client.post(_url(ended)).status_code == 403
    client.force_login(cast["committee_member"])
    assert client.put(_url(ended)).status_code == 405
    assert client.delete(_url(ended)).status_code == 405
    ended.refresh_from_db()
    assert ended.status == "open"
