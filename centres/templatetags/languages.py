"""`{% load languages %}`: what a centre, a service or a partner is spoken in."""

from django import template
from django.utils.html import format_html_join

from ..languages import languages_of
from .bidi import isolate, list_separator

register = template.Library()


@register.filter(name="languages_of")
def languages_of_filter(record) -> str:
    """`{{ centre|languages_of|default:"—" }}`: its languages by name in the reader's
    language, each isolated (a name not yet translated, or written in another script,
    keeps its own direction inside the sentence), joined with the reader's separator;
    "" when none is recorded."""
    return format_html_join(
        list_separator(), "{}", ((isolate(name),) for name in languages_of(record))
    )
