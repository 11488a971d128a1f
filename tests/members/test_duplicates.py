"""One person, one record: registration and import warn when a person looks like a
member already registered, and staff choose "same person" or "different person"."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centres.templatetags.bidi import isolated
from members.actions import member_erase
from members.models import Member, Visit

from ..factories import MemberFactory

WARNING = "This person may be registered already"


def _register(client, centre, **data):
    if data.get("phone"):  # a phone comes with consent to be contacted
        data.setdefault("safe_to_contact", "on")
    return client.post(reverse("member_register", args=[centre.pk]), data)


@pytest.fixture
def amina(centre):
    return MemberFactory(
        centre=centre,
        preferred_name="أمينة رحمن",
        phone="0795550101",
        nationality="BD",
        age_band="25-34",
    )


def test_the_same_phone_typed_another_way_warns_and_registers_nobody(
    client, social_worker, centre, amina
):
    client.force_login(social_worker)
    response = _register(client, centre, preferred_name="Amina R.", phone="+٩٦٢ ٧٩ ٥٥٥ ٠١٠١")
    page = response.content.decode()
    assert response.status_code == 200 and WARNING in page
    assert amina.code in page and "أمينة رحمن" in page
    assert response.context["candidates"] == [amina]
    assert Member.objects.count() == 1


def test_the_same_name_typed_another_way_with_the_same_nationality_warns(
    client, social_worker, centre, amina
):
    client.force_login(social_worker)
    response = _register(client, centre, preferred_name="امينه رحمن", nationality="bd")
    assert response.context["candidates"] == [amina]
    assert Member.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"preferred_name": "امينه رحمن", "nationality": "NP"},
        {"preferred_name": "امينه رحمن", "age_band": "45-54"},
        {"preferred_name": "Amina Rahman", "phone": "0795550102", "safe_to_contact": "on"},
    ],
    ids=["other nationality", "other age band", "other name and phone"],
)
def test_a_different_person_is_registered_without_a_warning(
    client, social_worker, centre, amina, data
):
    client.force_login(social_worker)
    assert _register(client, centre, **data).status_code == 302
    assert Member.objects.count() == 2


def test_different_person_registers_anyway(client, social_worker, centre, amina):
    client.force_login(social_worker)
    response = _register(
        client, centre, preferred_name="امينه رحمن", nationality="BD", different_person="1"
    )
    assert response.status_code == 302
    assert Member.objects.count() == 2


def test_same_person_logs_a_visit_to_them_instead(client, social_worker, centre, amina):
    client.force_login(social_worker)
    response = _register(client, centre, preferred_name="x", same_person=str(amina.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("member_detail", args=[centre.pk, amina.pk])
    assert Member.objects.count() == 1
    assert Visit.objects.filter(member=amina).count() == 1


def test_same_person_of_another_centre_is_not_found(client, social_worker, centre, other_centre):
    elsewhere = MemberFactory(centre=other_centre)
    client.force_login(social_worker)
    response = _register(client, centre, preferred_name="x", same_person=str(elsewhere.pk))
    assert response.status_code == 404
    assert not Visit.objects.exists()


def test_only_the_front_desk_may_choose(client, worker, centre, amina):
    client.force_login(worker)
    assert _register(client, centre, same_person=str(amina.pk)).status_code == 403
    assert not Visit.objects.exists()


def test_an_erased_member_is_never_a_candidate(client, social_worker, centre, amina):
    member_erase(member=amina, by=social_worker)
    client.force_login(social_worker)
    assert (
        _register(client, centre, preferred_name="أمينة رحمن", phone="0795550101").status_code
        == 302
    )


def test_another_centres_member_is_never_a_candidate(client, social_worker, centre, other_centre):
    MemberFactory(centre=other_centre, preferred_name="Sita", phone="+9779801112222")
    client.force_login(social_worker)
    assert (
        _register(client, centre, preferred_name="Sita", phone="+9779801112222").status_code == 302
    )


# --- The import -------------------------------------------------------------------


def _csv(rows):
    headers = ["preferred_name", "phone", "nationality", "safe_to_contact"]
    # A phone comes with consent to be contacted.
    rows = [[*row, "yes" if row[1] else ""] for row in rows]
    content = tablib.Dataset(*rows, headers=headers).export("csv").encode()
    return SimpleUploadedFile("m.csv", content, content_type="text/csv")


def _dry_run(client, centre, rows):
    return client.post(reverse("member_import", args=[centre.pk]), {"file": _csv(rows)})


def test_the_dry_run_names_rows_that_repeat_a_person_in_the_file(client, manager, centre):
    rows = [
        ["Sita", "0795550101", "NP"],
        ["Rahim", "", "BD"],
        ["Sita T.", "+962 79 555 0101", ""],  # the same phone
        ["rahim", "", ""],  # the same name, nationality not given
    ]
    client.force_login(manager)
    found = [(i.row, i.message) for i in _dry_run(client, centre, rows).context["look_alikes"]]
    assert found == [
        (4, "Looks like the same person as row 2."),
        (5, "Looks like the same person as row 3."),
    ]


def test_a_file_uploaded_twice_says_so(client, manager, centre):
    rows = [["Sita", "0795550101", "NP"], ["Rahim", "", "BD"]]
    client.force_login(manager)
    first = _dry_run(client, centre, rows)
    assert first.context["look_alikes"] == []
    client.post(
        reverse("member_import", args=[centre.pk]), {"import_id": first.context["import_id"]}
    )
    again = _dry_run(client, centre, rows)
    page = again.content.decode()
    assert "was this file imported before?" in page
    codes = dict(Member.objects.values_list("preferred_name", "code"))
    assert f"Looks like a member already registered: {isolated(codes['Sita'])}." in page
    assert f"Looks like a member already registered: {isolated(codes['Rahim'])}." in page


@pytest.mark.parametrize(("stored", "typed"), [("Maya D.", "Maya D"), ("Maya D", "maya d.")])
def test_registering_a_name_that_differs_by_punctuation_warns(
    client, social_worker, centre, stored, typed
):
    maya = MemberFactory(centre=centre, preferred_name=stored)
    client.force_login(social_worker)
    response = _register(client, centre, preferred_name=typed)
    assert response.status_code == 200 and response.context["candidates"] == [maya]
    assert Member.objects.count() == 1


def test_the_dry_run_finds_names_that_differ_by_punctuation(client, manager, centre):
    maya = MemberFactory(centre=centre, preferred_name="Maya D.")
    rows = [["Maya D", "", ""], ["Al-Hassan", "", ""], ["Al Hassan", "", ""]]
    client.force_login(manager)
    found = [(i.row, i.message) for i in _dry_run(client, centre, rows).context["look_alikes"]]
    assert found == [
        (2, f"Looks like a member already registered: {isolated(maya.code)}."),
        (4, "Looks like the same person as row 3."),
    ]


def test_the_stored_name_keys_are_folded_again_by_the_migration(centre):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("members.migrations.0018_search_name_without_punctuation")
    maya = MemberFactory(centre=centre, preferred_name="Maya D.")
    Member.objects.filter(pk=maya.pk).update(search_name="maya d.")  # as stored before
    migration.refold_search_names(apps, None)
    maya.refresh_from_db()
    assert maya.search_name == "maya d"
