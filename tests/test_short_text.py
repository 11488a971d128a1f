"""Short texts people type (names, labels, titles, reasons) lose direction controls
(U+202A–U+202E, U+2066–U+2069, U+200E, U+200F), which would reverse or reorder them on
every page; a nationality is an assigned ISO 3166-1 code, in every way it arrives."""

import re
from pathlib import Path

import pytest
from django import forms

from centres.formfields import ShortTextField
from members.forms import HeadcountForm, MemberForm
from members.resources import CountryWidget

from .test_plausible_dates import APPS, _all_form_classes

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


def _multi_line_or_secret(field) -> bool:
    return isinstance(field.widget, forms.Textarea | forms.PasswordInput)


def test_every_single_line_text_field_is_a_short_text():
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _all_form_classes()
        for name, field in cls.base_fields.items()
        if type(field) is forms.CharField and not _multi_line_or_secret(field)
    ]
    assert not plain


def _calls(source: str, opening: str):
    """The text of each call starting with `opening`, up to its closing bracket."""
    for match in re.finditer(re.escape(opening), source):
        depth = 0
        for end in range(match.end() - 1, len(source)):
            depth += {"(": 1, ")": -1}.get(source[end], 0)
            if depth == 0:
                yield source[match.start() : end + 1]
                break


def test_no_module_builds_a_plain_single_line_text_field():
    """Fields added in a form's __init__ are not in base_fields: read the sources."""
    root = Path(__file__).resolve().parent.parent
    found = [
        f"{path.relative_to(root)}: {call.splitlines()[0]}"
        for app in APPS
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
        for call in _calls(path.read_text(), "forms.CharField(")
        if "Textarea" not in call and "PasswordInput" not in call
    ]
    assert not found


@pytest.mark.parametrize("control", list(CONTROLS))
def test_a_name_loses_its_direction_controls(control):
    field = ShortTextField(max_length=100)
    assert field.clean(f"{control}Maya {control}D.{control}") == "Maya D."


def test_a_member_registered_with_a_reversing_name_keeps_the_name_only(centre):
    form = MemberForm({"preferred_name": "\u202eMaya\u2069", "nationality": "np"}, centre=centre)
    form.is_valid()
    assert form.cleaned_data["preferred_name"] == "Maya"
    assert form.cleaned_data["nationality"] == "NP"


@pytest.mark.parametrize("code", ["ZZ", "XX", "zz", "UK", "EU"])
def test_a_nationality_is_an_assigned_country_code(centre, code):
    member = MemberForm({"preferred_name": "Maya", "nationality": code}, centre=centre)
    assert not member.is_valid() and "ISO 3166" in member.errors["nationality"][0]
    headcount = HeadcountForm({"count_woman": 2, "nationality": code}, centre=centre)
    assert not headcount.is_valid() and "ISO 3166" in headcount.errors["nationality"][0]
    with pytest.raises(ValueError):
        CountryWidget("nationality").clean(code)
    assert CountryWidget("nationality").clean("np") == "NP"
