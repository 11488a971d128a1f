"""Removing a polling officer: by those who may name one, audited, never once voting
has closed; the officer can no longer check voters in."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from centres.models import AuditEntry
from centres.submissions import new_key
from members.actions import (
    booth_device_create,
    polling_officer_name,
    polling_officer_remove,
)
from members.models import BoothPass, PollingOfficer

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot


@pytest.fixture
def ballot(centre):
    MemberFactory(centre=centre)
    return open_ballot(CommitteeFactory(centre=centre))


@pytest.fixture
def officer(ballot, social_worker, committee_member):
    return polling_officer_name(ballot=ballot, user=social_worker, by=committee_member)


def _remove(ballot, officer):
    return reverse(
        "polling_officer_remove", args=[ballot.committee.centre_id, ballot.pk, officer.pk]
    )


def _polling(ballot):
    return reverse("ballot_polling", args=[ballot.committee.centre_id, ballot.pk])


def _removals():
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PollingOfficer),
        action=AuditEntry.Action.DELETE,
    )


def test_the_committee_removes_a_named_officer(
    client, centre, manager, committee_member, social_worker, ballot, officer
):
    client.force_login(committee_member)
    page = client.get(_polling(ballot)).content.decode()
    assert _remove(ballot, officer) in page
    response = client.post(_remove(ballot, officer), {"form_key": new_key()}, follow=True)
    assert "can no longer check voters in" in response.content.decode()
    assert not ballot.polling_officers.exists()
    (entry,) = _removals()
    assert entry.actor == committee_member and entry.object_pk == str(officer.pk)
    # The removed officer no longer checks anyone in.
    device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
    voter = ballot.roll.first().member
    client.force_login(social_worker)
    checked = client.post(_polling(ballot), {"code": voter.code, "device": device.pk})
    assert checked.status_code == 403 and not BoothPass.objects.exists()


def test_a_second_click_changes_nothing(client, committee_member, ballot, officer):
    client.force_login(committee_member)
    key = new_key()
    assert client.post(_remove(ballot, officer), {"form_key": key}).status_code == 302
    assert client.post(_remove(ballot, officer), {"form_key": key}).status_code == 302
    # The form sent again with a new key (another tab): the officer is already gone.
    assert client.post(_remove(ballot, officer), {"form_key": new_key()}).status_code == 302
    assert _removals().count() == 1 and not ballot.polling_officers.exists()


@pytest.mark.parametrize("role", ["manager", "social_worker", "legal", "worker", "coordinator"])
def test_only_those_who_name_officers_remove_them(client, cast, ballot, officer, role):
    client.force_login(cast[role])
    assert client.post(_remove(ballot, officer)).status_code == 403
    assert ballot.polling_officers.filter(pk=officer.pk).exists() and not _removals().exists()


def test_another_centres_ballot_is_not_found(client, outsider, ballot, officer):
    client.force_login(outsider)
    assert client.post(_remove(ballot, officer)).status_code == 404
    assert ballot.polling_officers.filter(pk=officer.pk).exists()


def test_an_officer_of_another_ballot_is_left_alone(
    client, centre, committee_member, social_worker, ballot, officer
):
    other = open_ballot(CommitteeFactory(centre=centre))
    client.force_login(committee_member)
    url = reverse("polling_officer_remove", args=[centre.pk, other.pk, officer.pk])
    assert client.post(url).status_code == 302
    assert ballot.polling_officers.filter(pk=officer.pk).exists() and not _removals().exists()


def test_get_is_not_allowed(client, committee_member, ballot, officer):
    client.force_login(committee_member)
    assert client.get(_remove(ballot, officer)).status_code == 405
    assert ballot.polling_officers.exists()


def test_officers_stay_on_record_once_voting_has_closed(
    client, committee_member, social_worker, ballot, officer
):
    close_voting(ballot=ballot, by=None)
    client.force_login(committee_member)
    assert _remove(ballot, officer) not in client.get(_polling(ballot)).content.decode()
    response = client.post(_remove(ballot, officer), {"form_key": new_key()}, follow=True)
    assert "Voting is closed" in response.content.decode()
    assert ballot.polling_officers.filter(pk=officer.pk).exists() and not _removals().exists()
    with pytest.raises(ValidationError, match="Voting is closed"):
        polling_officer_remove(officer=officer, by=committee_member)


def test_the_same_officer_can_be_named_again(committee_member, social_worker, ballot, officer):
    """The refusal came from the rule, not the data: removed, the officer can be named
    again, and removed again."""
    assert polling_officer_remove(officer=officer, by=committee_member) is True
    again = polling_officer_name(ballot=ballot, user=social_worker, by=committee_member)
    assert polling_officer_remove(officer=again, by=committee_member) is True
    assert polling_officer_remove(officer=again, by=committee_member) is False
    assert _removals().count() == 2
