"""Phone numbers are stored in E.164, read in the centre's country; spreadsheet damage
is refused; digits of every script count; search and erasure keep working."""

import pytest
import tablib
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centres.crypto import digest
from centres.phones import shown, to_e164
from members.actions import member_erase
from members.models import Member

from ..factories import MemberFactory

AMMAN_MOBILE = "+962795550101"
TYPED_IN_JORDAN = {
    "local": "0795550101",
    "spaced": "079 555 0101",
    "international": "+962 79 555 0101",
    "dialled from Jordan": "00962 79 555 0101",
    "without the trunk zero": "795550101",
    "Arabic-Indic": "٠٧٩٥٥٥٠١٠١",
    "Eastern Arabic (Persian)": "۰۷۹۵۵۵۰۱۰۱",
    "Devanagari": "०७९५५५०१०१",
    "Bengali": "০৭৯৫৫৫০১০১",
    "Arabic-Indic international": "+٩٦٢ ٧٩ ٥٥٥ ٠١٠١",
}
DAMAGED = ["9.62796E+11", "9,62796E+11", "9.62796e11", "962795550101.0"]


@pytest.mark.parametrize("typed", TYPED_IN_JORDAN.values(), ids=TYPED_IN_JORDAN.keys())
def test_every_way_of_typing_a_number_gives_one_e164(typed):
    assert to_e164(typed, region="JO") == AMMAN_MOBILE


def test_the_centres_country_reads_a_local_number():
    assert to_e164("03 123 456", region="LB") == "+9613123456"
    assert to_e164("+977 980 111 2222", region="JO") == "+9779801112222"


@pytest.mark.parametrize("typed", [*DAMAGED, "call me", "12345", "+962 12", "٠٧٩"])
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(ValidationError):
        to_e164(typed, region="JO")


def test_a_number_is_shown_grouped():
    assert shown(AMMAN_MOBILE) == "+962 7 9555 0101"  # libphonenumber's grouping
    assert shown("not a number") == "not a number"


# --- The registration form ----------------------------------------------------------


def _register(client, centre, **data):
    return client.post(reverse("member_register", args=[centre.pk]), data)


@pytest.mark.parametrize("typed", DAMAGED)
def test_the_form_refuses_spreadsheet_damage_with_a_clear_error(
    client, social_worker, centre, typed
):
    client.force_login(social_worker)
    response = _register(client, centre, preferred_name="Sita", phone=typed, safe_to_contact="on")
    assert response.status_code == 200
    assert "spreadsheet has changed" in str(response.context["form"].errors["phone"])
    assert not Member.objects.exists()


@pytest.mark.parametrize("typed", TYPED_IN_JORDAN.values(), ids=TYPED_IN_JORDAN.keys())
def test_the_form_stores_e164_and_search_finds_it_every_way(client, social_worker, centre, typed):
    client.force_login(social_worker)
    response = _register(client, centre, preferred_name="Amina", phone=typed, safe_to_contact="on")
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.phone == AMMAN_MOBILE
    assert member.phone_digest == digest(AMMAN_MOBILE)
    url = reverse("member_list", args=[centre.pk])
    for query in TYPED_IN_JORDAN.values():
        assert "Amina" in client.get(url, {"q": query}).content.decode(), query


def test_a_beirut_centre_reads_local_numbers_as_lebanese(client, cast, other_centre):
    client.force_login(cast["outsider"])
    _register(client, other_centre, preferred_name="Rita", phone="03 123 456", safe_to_contact="on")
    assert Member.objects.get().phone == "+9613123456"


def test_the_member_page_shows_the_number_grouped(client, social_worker, centre):
    member = MemberFactory(centre=centre, phone="0795550101")
    client.force_login(social_worker)
    page = client.get(reverse("member_detail", args=[centre.pk, member.pk])).content.decode()
    assert '<bdi dir="ltr" class="code">+962 7 9555 0101</bdi>' in page


def test_the_edit_form_reads_numbers_in_the_centres_country(client, social_worker, centre):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    url = reverse("member_edit", args=[centre.pk, member.pk])
    data = {"preferred_name": member.preferred_name, "safe_to_contact": "on"}
    response = client.post(url, {**data, "phone": "9.62796E+11"})
    assert "spreadsheet has changed" in response.content.decode()
    client.post(url, {**data, "phone": "٠٧٩٥٥٥٠١٠١"})
    member.refresh_from_db()
    assert member.phone == AMMAN_MOBILE and member.phone_digest == digest(AMMAN_MOBILE)


def test_erasure_removes_the_number_from_search(social_worker, centre):
    member = MemberFactory(centre=centre, phone="0795550101")
    assert list(Member.objects.search("٠٧٩٥٥٥٠١٠١", region="JO", by_phone=True)) == [member]
    member_erase(member=member, by=social_worker)
    member.refresh_from_db()
    assert member.phone == "" and member.phone_digest == ""
    assert not Member.objects.search("0795550101", region="JO", by_phone=True).exists()


# --- The import -------------------------------------------------------------------


def _csv(rows):
    content = tablib.Dataset(*rows, headers=["preferred_name", "phone", "safe_to_contact"])
    return SimpleUploadedFile("m.csv", content.export("csv").encode(), content_type="text/csv")


def test_the_import_refuses_spreadsheet_damage_per_row(client, manager, centre):
    client.force_login(manager)
    rows = [["Sita", "0795550101", "yes"], ["Rahim", "9.62796E+11", "yes"]]
    response = client.post(reverse("member_import", args=[centre.pk]), {"file": _csv(rows)})
    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(3, "phone")]
    assert "spreadsheet has changed" in problems[0].message
    assert "import_id" not in response.context
    assert not Member.objects.exists()


def test_the_import_stores_e164_in_the_centres_country(client, manager, centre):
    client.force_login(manager)
    rows = [["Sita", "٠٧٩٥٥٥٠١٠١", "yes"], ["Rahim", "+977 980 111 2222", "yes"]]
    response = client.post(reverse("member_import", args=[centre.pk]), {"file": _csv(rows)})
    assert response.context["problems"] == []
    client.post(
        reverse("member_import", args=[centre.pk]), {"import_id": response.context["import_id"]}
    )
    phones = dict(Member.objects.values_list("preferred_name", "phone"))
    assert phones == {"Sita": AMMAN_MOBILE, "Rahim": "+9779801112222"}


# --- Numbers stored before E.164 -----------------------------------------------------


def test_the_migration_rewrites_stored_numbers_in_e164(centre):
    from importlib import import_module

    migration = import_module("members.migrations.0009_phones_in_e164")
    member = MemberFactory(centre=centre)
    Member.objects.filter(pk=member.pk).update(phone="٠٧٩ ٥٥٥ ٠١٠١", phone_digest="old")
    unreadable = MemberFactory(centre=centre)
    Member.objects.filter(pk=unreadable.pk).update(phone="ask her sister", phone_digest="old")
    migration.phones_in_e164(apps, None)
    member.refresh_from_db()
    unreadable.refresh_from_db()
    assert member.phone == AMMAN_MOBILE and member.phone_digest == digest(AMMAN_MOBILE)
    assert unreadable.phone == "ask her sister" and unreadable.phone_digest == ""
