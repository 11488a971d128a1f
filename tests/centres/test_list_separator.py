"""Lists shown to people are joined with their language's separator (Arabic "، "),
taken from the catalogue (msgctxt "list separator"), never with a Latin ", "."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils.translation import pgettext

from centres.categories import ServiceCategory
from centres.templatetags.bidi import _separator, joined

from ..factories import VisitFactory

ARABIC_COMMA = "، "


ARABIC_SEMICOLON = "؛ "


def _arabic_separator(context, message):
    return {
        "list separator": ARABIC_COMMA,
        "list separator between items holding commas": ARABIC_SEMICOLON,
    }.get(context) or pgettext(context, message)


@pytest.fixture
def arabic_separator():
    _separator.cache_clear()
    with mock.patch("centres.templatetags.bidi.pgettext", side_effect=_arabic_separator):
        yield
    _separator.cache_clear()


def test_joined_uses_the_catalogues_separator(arabic_separator):
    assert joined(["أ", "ب", "ج"]) == "أ، ب، ج"


def test_the_filter_and_the_tag_escape_and_use_the_separator(arabic_separator):
    rendered = Template(
        "{{ items|joined }}|{% for i in items %}{{ i }}{% if not forloop.last %}"
        "{% list_separator %}{% endif %}{% endfor %}"
    ).render(Context({"items": ["<b>", "ب"]}))
    assert rendered == "&lt;b&gt;، ب|&lt;b&gt;، ب"


def test_the_english_separator_is_a_comma():
    assert joined(["a", "b"]) == "a, b"
    assert joined(["a, b", "c"], holding_commas=True) == "a, b; c"


def test_an_imports_choices_are_joined_in_the_readers_language(arabic_separator):
    from members.models import Sector
    from members.resources import codes_and_names

    listed = codes_and_names(Sector)
    assert listed.count(ARABIC_SEMICOLON) == len(Sector) - 1 and "; " not in listed


def test_a_visits_purposes_are_joined_in_the_readers_language(
    client, social_worker, centre, arabic_separator
):
    advice = ServiceCategory.objects.get(code="advice", centre=None)
    health = ServiceCategory.objects.get(code="health", centre=None)
    VisitFactory(centre=centre).purposes.set([advice, health])
    client.force_login(social_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(reverse("visit_list", args=[centre.pk])).content.decode()
    [cell] = re.findall(r"<td>[^<]*نصائح[^<]*</td>", page)
    assert ARABIC_COMMA in cell and ", " not in cell


LATIN_JOINS = re.compile(r"""\|join:\s*["'], ["']|[^ ,], \{% endif %\}""")


def test_no_template_joins_a_list_with_a_latin_comma():
    templates = Path(settings.BASE_DIR) / "templates"
    found = [
        f"{path.relative_to(templates)}: {match.group()}"
        for path in templates.rglob("*.html")
        for match in LATIN_JOINS.finditer(path.read_text())
    ]
    assert found == []
