"""Correcting a member after registration: the front desk changes name, language,
contact, flags and profile; the trail says which fields changed, never a value."""

import json

import pytest
from django.urls import reverse

from centres.models import AuditEntry
from centres.text import digits_only
from members.actions import member_update
from members.models import Member

from ..factories import MemberFactory

CANARY = "CANARY-edit-7b3c"


@pytest.fixture
def sita(centre):
    return MemberFactory(
        centre=centre,
        preferred_name="Sita Tamang",
        preferred_language="Nepali",
        phone="+962 79 555 0101",
        safe_to_contact=True,
    )


def _url(member):
    return reverse("member_edit", args=[member.centre_id, member.pk])


def _form(member, **changes):
    data = {
        "preferred_name": member.preferred_name,
        "preferred_language": member.preferred_language,
        "gender": member.gender,
        "age_band": member.age_band,
        "sector": member.sector,
        "occupation": member.occupation,
        "nationality": member.nationality,
        "migration_status": member.migration_status,
        "phone": member.phone,
    }
    if member.safe_to_contact:
        data["safe_to_contact"] = "on"
    if member.never_contact_via_employer:
        data["never_contact_via_employer"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_front_desk_corrects_name_language_contact_and_flags(client, centre, sita, social_worker):
    client.force_login(social_worker)
    page = client.get(reverse("member_detail", args=[centre.pk, sita.pk])).content.decode()
    assert _url(sita) in page
    assert client.get(_url(sita)).status_code == 200
    data = _form(
        sita,
        preferred_name=f"{CANARY} Sita Rai",
        preferred_language="Hindi",
        phone="+962 79 555 0202",
        occupation=f"{CANARY} cook",
        never_contact_via_employer=None,
    )
    response = client.post(_url(sita), data)
    assert response.status_code == 302
    member = Member.objects.get(pk=sita.pk)
    assert member.preferred_name == f"{CANARY} Sita Rai"
    assert member.preferred_language == "Hindi"
    assert digits_only(member.phone).endswith("795550202")
    assert member.safe_to_contact is True and member.never_contact_via_employer is False
    # Search follows the corrected name and number, not the old ones.
    found = Member.objects.for_centre(centre)
    assert list(found.search("Sita Rai", by_phone=False)) == [member]
    assert list(found.search("0795550202", region="JO", by_phone=True)) == [member]
    assert list(found.search("0795550101", region="JO", by_phone=True)) == []
    assert "The member&#x27;s details are saved." in client.get(response.url).content.decode()
    # Audited: which fields changed, by whom; no value.
    entry = AuditEntry.objects.filter(
        content_type__model="member", object_pk=str(sita.pk), changes__has_key="edited"
    ).get()
    assert entry.actor == social_worker
    assert "preferred_name" in entry.changes["edited"][1]
    trail = json.dumps(list(AuditEntry.objects.values("object_repr", "changes")))
    for secret in [CANARY, "0202", "Hindi", "Sita"]:
        assert secret not in trail, secret


def test_a_resent_form_saves_once(client, centre, sita, social_worker):
    client.force_login(social_worker)
    data = _form(sita, preferred_language="Arabic")
    client.post(_url(sita), data)
    response = client.post(_url(sita), data, follow=True)
    assert "Nothing changed." in response.content.decode()
    edits = AuditEntry.objects.filter(content_type__model="member", changes__has_key="edited")
    assert edits.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"preferred_name": ""}, "This field is required"),
        ({"nationality": "Nepal"}, "at most 2 characters"),
        ({"gender": "unknown"}, "Select a valid choice"),
        ({"phone": ""}, "A phone number is needed if it is safe to contact the person."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    client, centre, sita, social_worker, changes, message
):
    client.force_login(social_worker)
    response = client.post(_url(sita), _form(sita, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    member = Member.objects.get(pk=sita.pk)
    assert (member.preferred_name, member.nationality, member.gender) == (
        "Sita Tamang",
        "NP",
        "woman",
    )
    assert digits_only(member.phone).endswith("795550101")


@pytest.mark.parametrize("role", ["legal", "committee_member", "worker", "coordinator"])
def test_only_the_front_desk_edits(client, cast, centre, sita, role):
    client.force_login(cast[role])
    assert client.get(_url(sita)).status_code == 403
    response = client.post(_url(sita), _form(sita, preferred_name="Changed"))
    assert response.status_code == 403
    assert Member.objects.get(pk=sita.pk).preferred_name == "Sita Tamang"


def test_another_centres_member_is_not_found(client, centre, other_centre, outsider, manager):
    theirs = MemberFactory(centre=other_centre, preferred_name="Meron")
    client.force_login(manager)
    url = reverse("member_edit", args=[centre.pk, theirs.pk])  # through this centre
    assert client.post(url, _form(theirs, preferred_name="Changed")).status_code == 404
    client.force_login(outsider)
    mine = MemberFactory(centre=centre)
    assert client.get(_url(mine)).status_code == 404
    assert Member.objects.get(pk=theirs.pk).preferred_name == "Meron"


def test_only_get_and_post(client, centre, sita, social_worker):
    client.force_login(social_worker)
    assert client.put(_url(sita)).status_code == 405
    assert client.delete(_url(sita)).status_code == 405


def test_an_erased_member_cannot_be_edited(client, centre, sita, social_worker):
    from members.actions import member_erase

    member_erase(member=sita, by=social_worker)
    client.force_login(social_worker)
    response = client.post(_url(sita), _form(sita, preferred_name="Back again"), follow=True)
    assert "nothing to edit" in response.content.decode()
    assert Member.objects.get(pk=sita.pk).preferred_name == "—"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        member_update(member=sita, by=social_worker, preferred_name="Back again")


def test_the_action_takes_profile_fields_only(centre, sita, social_worker):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        member_update(member=sita, by=social_worker, code="AMM-9999")
    assert Member.objects.get(pk=sita.pk).code == sita.code
