"""A phone number is contact detail, kept only with the person's consent to be
contacted (`safe_to_contact`): refused beside the phone at registration, on
correction, in an import and by the actions themselves, and nothing is saved."""

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.actions import member_register, member_update
from members.models import Member

from ..factories import MemberFactory

REFUSAL = "A phone number is kept only with the person&#x27;s consent to be contacted"
REFUSAL_TEXT = "A phone number is kept only with the person's consent to be contacted"


def _field_errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_registration_without_consent_to_be_contacted_is_refused_beside_the_phone(
    client, social_worker, centre
):
    client.force_login(social_worker)
    data = {"preferred_name": "Sita", "phone": "+962 79 555 0101"}
    response = client.post(reverse("member_register", args=[centre.pk]), data)

    assert response.status_code == 200
    assert any(REFUSAL_TEXT in error for error in _field_errors(response, "phone"))
    assert REFUSAL in response.content.decode()
    assert not Member.objects.exists()
    # The same person, now agreeing to be contacted: registered with the number.
    data["safe_to_contact"] = "on"
    response = client.post(reverse("member_register", args=[centre.pk]), data)
    assert response.status_code == 302
    assert Member.objects.get().phone == "+962795550101"


def test_registration_without_a_phone_needs_no_consent_to_be_contacted(
    client, social_worker, centre
):
    client.force_login(social_worker)
    response = client.post(reverse("member_register", args=[centre.pk]), {"preferred_name": "A"})
    assert response.status_code == 302
    assert Member.objects.get().phone == ""


@pytest.fixture
def sita(centre):
    return MemberFactory(
        centre=centre, preferred_name="Sita", phone="+962795550101", safe_to_contact=True
    )


def test_correcting_to_do_not_contact_while_keeping_the_phone_is_refused(
    client, social_worker, centre, sita
):
    client.force_login(social_worker)
    url = reverse("member_edit", args=[centre.pk, sita.pk])
    data = {"preferred_name": "Sita", "phone": "+962795550101", "never_contact_via_employer": "on"}
    response = client.post(url, data)

    assert response.status_code == 200
    assert any(REFUSAL_TEXT in error for error in _field_errors(response, "phone"))
    sita.refresh_from_db()
    assert sita.safe_to_contact is True and sita.phone == "+962795550101"
    # Without the number, the person is no longer to be contacted: saved.
    data["phone"] = ""
    assert client.post(url, data).status_code == 302
    sita.refresh_from_db()
    assert (sita.safe_to_contact, sita.phone, sita.phone_digest) == (False, "", "")


def test_the_actions_refuse_a_phone_without_consent_to_be_contacted(centre, sita, social_worker):
    with pytest.raises(ValidationError, match="consent to be contacted"):
        member_register(
            centre=centre, by=social_worker, consents=[], preferred_name="B", phone="+962795550102"
        )
    with pytest.raises(ValidationError, match="consent to be contacted"):
        member_update(member=sita, by=social_worker, safe_to_contact=False)
    assert Member.objects.count() == 1
    sita.refresh_from_db()
    assert sita.safe_to_contact is True


def test_an_import_row_with_a_phone_and_no_consent_to_be_contacted_is_refused(
    client, manager, centre
):
    rows = [["Sita", "+962 79 555 0101", "yes"], ["Amina", "+962 79 555 0102", ""]]
    content = tablib.Dataset(*rows, headers=["preferred_name", "phone", "safe_to_contact"])
    upload = SimpleUploadedFile("m.csv", content.export("csv").encode(), content_type="text/csv")
    client.force_login(manager)
    response = client.post(reverse("member_import", args=[centre.pk]), {"file": upload})

    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(3, "phone")]
    assert REFUSAL_TEXT in problems[0].message
    assert "555" not in problems[0].message  # never repeats the number
    assert not Member.objects.exists()
