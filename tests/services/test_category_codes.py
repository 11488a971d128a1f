"""A category's code is made from its name in the name's own script, and a code a
spreadsheet would read as a number or a date starts with a letter."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from centres.categories import ServiceCategory, code_from_name
from services import actions


def _add(client, centre, name):
    response = client.post(
        reverse("category_add", args=[centre.pk]), {"name": name, "kind": "supplementary"}
    )
    assert response.status_code == 302
    return ServiceCategory.objects.filter(centre=centre, own_name=name).latest("pk")


def test_an_arabic_name_gives_an_arabic_code(client, manager, centre):
    client.force_login(manager)
    assert _add(client, centre, "دروس اللغة").code == "دروس-اللغة"


def test_a_devanagari_name_gives_a_devanagari_code(client, manager, centre):
    client.force_login(manager)
    category = _add(client, centre, "भाषा कक्षा")
    assert category.code == "भाषा-कक्षा"
    category.full_clean()  # the stored code passes the field's own check


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("0791234567", "c-0791234567"),
        ("079 123 4567", "c-079-123-4567"),
        ("1-2", "c-1-2"),  # a date to a spreadsheet
        ("٠٧٩١٢٣٤٥٦٧", "c-٠٧٩١٢٣٤٥٦٧"),  # Arabic-Indic digits
        ("3D printing", "3d-printing"),
        ("!!!", "category"),
        ("ভাষা ক্লাস", "ভাষা-ক্লাস"),  # Bengali vowel signs and virama are kept
        ("Cours d'été", "cours-dété"),
    ],
)
def test_a_code_with_no_letter_starts_with_one(name, code):
    assert code_from_name(name) == code


def test_a_phone_like_name_gets_a_code_with_a_letter(client, manager, centre):
    client.force_login(manager)
    assert _add(client, centre, "0791234567").code == "c-0791234567"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("دروس اللغة", "دروس-اللغة"),
        ("भाषा कक्षा", "भाषा-कक्षा"),
        ("0791234567", "c-0791234567"),
        ("Laundry", "laundry"),
    ],
)
def test_two_names_with_one_code_get_distinct_codes(client, manager, centre, name, code):
    client.force_login(manager)
    # The same name twice is refused (tests/centres/test_unique_names.py); a mark
    # that the code leaves out gives the same code.
    first, second = _add(client, centre, name), _add(client, centre, f"{name}!")
    assert (first.code, second.code) == (code, f"{code}-2")


def test_a_long_name_keeps_its_code_within_the_field(manager, centre):
    name = "ت" * 60
    first = actions.category_add(centre=centre, name=name, kind="basic", by=manager)
    second = actions.category_add(centre=centre, name=f"{name}!", kind="basic", by=manager)
    assert len(first.code) == 40 and len(second.code) <= 40 and first.code != second.code


def test_an_existing_code_is_left_as_it_is(manager, centre):
    old = ServiceCategory.objects.create(
        centre=centre, code="category", own_name="دروس", kind="basic"
    )
    actions.category_add(centre=centre, name="Sewing", kind="basic", by=manager)
    old.refresh_from_db()
    assert old.code == "category"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["", "a b", "a/b", "<b>", "1;2"])
def test_a_code_with_other_characters_is_refused(code):
    category = ServiceCategory(code=code, own_name="x", kind="basic")
    with pytest.raises(ValidationError):
        category.full_clean()
