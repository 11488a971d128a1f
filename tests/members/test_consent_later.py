"""A consent given after registration, per purpose, with the wording read and its
version; withdrawal asks for confirmation first. Both audited, neither twice."""

import pytest
from django.urls import reverse

from centres.models import AuditEntry
from members.actions import consent_give
from members.models import CONSENT_VERSION, Consent

from ..factories import MemberFactory


@pytest.fixture
def sita(centre):
    return MemberFactory(centre=centre, preferred_name="Sita Tamang", consents=("services",))


def _give(member):
    return reverse("consent_give", args=[member.centre_id, member.pk])


def _withdraw(member, purpose):
    return reverse("consent_withdraw", args=[member.centre_id, member.pk, purpose])


def test_a_consent_is_given_later_with_its_wording_and_version(client, centre, sita, social_worker):
    client.force_login(social_worker)
    detail = client.get(reverse("member_detail", args=[centre.pk, sita.pk])).content.decode()
    assert _give(sita) in detail
    page = client.get(_give(sita)).content.decode()
    assert "You are counted, without your name" in page  # the statistics wording
    assert "Using the centre" not in page  # services: already given
    assert CONSENT_VERSION in page
    response = client.post(_give(sita), {"purpose": "statistics", "version": CONSENT_VERSION})
    assert response.status_code == 302
    consent = sita.consents.current().get(purpose="statistics")
    assert consent.version == CONSENT_VERSION and consent.recorded_by == social_worker
    assert consent.wording.startswith("You are counted, without your name")
    assert AuditEntry.objects.filter(
        content_type__model="consent", object_pk=str(consent.pk), action=AuditEntry.Action.CREATE
    ).exists()


def test_a_resent_consent_form_records_one_consent(client, centre, sita, social_worker):
    client.force_login(social_worker)
    data = {"purpose": "referral", "version": CONSENT_VERSION}
    client.post(_give(sita), data)
    response = client.post(_give(sita), data, follow=True)
    assert response.status_code == 200
    assert "This consent is already on record." in response.content.decode()
    assert sita.consents.filter(purpose="referral").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"purpose": "marketing", "version": CONSENT_VERSION}, "Select a valid choice"),
        ({"version": CONSENT_VERSION}, "This field is required"),
        ({"purpose": "referral", "version": "2019-1"}, "The wording of this consent has changed"),
    ],
)
def test_bad_consent_input_records_nothing(client, centre, sita, social_worker, data, message):
    client.force_login(social_worker)
    response = client.post(_give(sita), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert sita.consents.count() == 1


@pytest.mark.parametrize("role", ["legal", "committee_member", "worker", "coordinator"])
def test_only_the_front_desk_records_and_withdraws(client, cast, centre, sita, role):
    client.force_login(cast[role])
    assert client.get(_give(sita)).status_code == 403
    data = {"purpose": "referral", "version": CONSENT_VERSION}
    assert client.post(_give(sita), data).status_code == 403
    assert client.post(_withdraw(sita, "services"), {"confirm": "yes"}).status_code == 403
    assert sita.consents.current().count() == 1


def test_another_centres_member_is_not_found(client, centre, other_centre, manager, outsider):
    theirs = MemberFactory(centre=other_centre, consents=("services",))
    client.force_login(manager)
    data = {"purpose": "referral", "version": CONSENT_VERSION}
    assert (
        client.post(reverse("consent_give", args=[centre.pk, theirs.pk]), data).status_code == 404
    )
    url = reverse("consent_withdraw", args=[centre.pk, theirs.pk, "services"])
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    assert theirs.consents.current().count() == 1


def test_withdrawal_asks_for_confirmation_first(client, centre, sita, social_worker):
    client.force_login(social_worker)
    detail = client.get(reverse("member_detail", args=[centre.pk, sita.pk])).content.decode()
    assert _withdraw(sita, "services") in detail
    page = client.get(_withdraw(sita, "services")).content.decode()
    assert "Yes, withdraw this consent" in page
    assert "The centre keeps your name" in page  # the wording that was agreed to
    assert sita.consents.current().count() == 1  # looking changes nothing
    response = client.post(_withdraw(sita, "services"), follow=True)  # no confirmation
    assert "Confirm that the person withdraws this consent." in response.content.decode()
    assert sita.consents.current().count() == 1
    client.post(_withdraw(sita, "services"), {"confirm": "yes"})
    assert sita.consents.current().count() == 0
    # A second tap: the page, with a note, and the withdrawal time kept.
    withdrawn_at = Consent.objects.get(member=sita).withdrawn_at
    response = client.post(_withdraw(sita, "services"), {"confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert "There is no consent to withdraw for this purpose." in response.content.decode()
    assert Consent.objects.get(member=sita).withdrawn_at == withdrawn_at


def test_only_get_and_post(client, centre, sita, social_worker):
    client.force_login(social_worker)
    assert client.put(_give(sita)).status_code == 405
    assert client.put(_withdraw(sita, "services")).status_code == 405


def test_consent_can_be_given_again_after_withdrawal(centre, sita, social_worker):
    from members.actions import consent_withdraw

    consent_withdraw(member=sita, purpose="services", by=social_worker)
    again = consent_give(member=sita, purpose="services", by=social_worker)
    assert again.withdrawn_at is None
    assert sita.consents.filter(purpose="services").count() == 2


def test_no_consent_is_recorded_for_an_erased_member(centre, sita, social_worker):
    from django.core.exceptions import ValidationError

    from members.actions import member_erase

    member_erase(member=sita, by=social_worker)
    with pytest.raises(ValidationError, match="erased"):
        consent_give(member=sita, purpose="referral", by=social_worker)
    assert not Consent.objects.filter(member=sita, purpose="referral").exists()
