"""Isolate mixed-direction text (Unicode Bidirectional Algorithm, UAX #9) in templates.

In an Arabic page, "+962 79 555 0101" shows as "0101 555 79 962+" and a full stop
after a Latin name jumps to the wrong side unless the value is isolated from the text
around it. Loaded as a template builtin: every template can use the filters.

- `isolate`: names and free text, in whatever direction their own letters give
  (`<bdi dir="…">` with the direction `text_dir` finds: what dir="auto" does in a
  browser, stated, so that WeasyPrint's PDFs lay it out the same way).
- `ltr`: phone numbers, codes, e-mail addresses and hour ranges, always left to right
  and never broken across lines (`<bdi dir="ltr" class="code">`; the stylesheet keeps
  `.code` on one line). Free text given to `isolate` wraps like any other text; a
  value with no letter at all (an hour range, a date, a number: a table's row label)
  is kept on one line like a code, since "00:00–" and "01:00" on two lines reads as two.

- `when`: a date, or a date and time, formatted as the `date` filter formats it
  (`{{ ballot.closes_at|when:"DATETIME_FORMAT" }}`), isolated in the direction of its
  month name (`<bdi dir="…" class="when">`) and kept on one line like a code: a range
  "16 أكتوبر 2026 17:55 – 31 أكتوبر 2026 17:55" breaks at its dash, never between a
  date and its time, and neither date's figures run into the other's or into a name
  beside it.

All escape the value and give "" for an empty one, so `|ltr|default:"—"` works.

- `isolated()` (Python, not a filter): the same isolation in plain text, for a name, a
  title, a label or a code put into a sentence built in Python (a message after a form,
  an error): the value between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE
  (U+2068, U+2069), which the browser lays out as `<bdi>` and which survives escaping.
  "الاقتراع مفتوح في Booth 1." keeps its full stop at the end of the Arabic sentence.
  Also a filter, `|isolated`, for plain-text templates shown in a page. Never in an
  e-mail: a plain-text mail has no page direction to guard against, and some mail
  clients show the two characters as boxes (see `centres.mail`).

- `text_dir`: "rtl" or "ltr", from the first letter with a strong direction, "ltr"
  when there is none (UAX #9, rules P2 and P3, and HTML's dir="auto": "00:00–01:00"
  reads left to right), for documents rendered by WeasyPrint, which lays `<bdi>` and
  `dir="auto"` out in the direction of the page: `<h1 dir="{{ title|text_dir }}">`.

- `joined()` (Python) and `joined` (filter), `{% list_separator %}` (tag, between the
  items of a `{% for %}`): a list shown to people, with the separator of the reader's
  language ("، " in Arabic, ", " in English), never a Latin comma in an Arabic sentence.
"""

import functools
import unicodedata

from django import template
from django.template.defaultfilters import date as formatted_date
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext

register = template.Library()


@register.filter
def isolate(value) -> str:
    if value is None or value == "":
        return ""
    if not _has_letters(str(value)):
        return ltr(value)
    return format_html('<bdi dir="{}">{}</bdi>', text_dir(value), value)


def _has_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in text)


@register.filter(name="isolated")
def isolated(value) -> str:
    """`value` isolated from the sentence around it, in plain text (see above); as a
    filter, for plain-text templates such as an e-mail's body."""
    if value is None or value == "":
        return ""
    return f"\u2068{value}\u2069"


@register.filter
def ltr(value) -> str:
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr" class="code">{}</bdi>', value)


@register.filter(expects_localtime=True)
def when(value, format_name: str = "DATE_FORMAT") -> str:
    text = formatted_date(value, format_name)
    if not text:
        return ""
    return format_html('<bdi dir="{}" class="when">{}</bdi>', text_dir(text), text)


@register.filter
def text_dir(value) -> str:
    for character in str(value or ""):
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


@register.simple_tag(name="list_separator")
def list_separator(*, holding_commas: bool = False) -> str:
    """What separates the items of a list in the reader's language; for items that
    hold commas themselves ("Hotels, restaurants and cleaning"), a semicolon's."""
    return _separator(get_language(), holding_commas)


@functools.cache
def _separator(language: str | None, holding_commas: bool) -> str:
    # Looked up once per language, not once per row of a long list.
    if holding_commas:
        return pgettext("list separator between items holding commas", "; ")
    return pgettext("list separator", ", ")


def joined(values, *, holding_commas: bool = False) -> str:
    """`values` as a list in a sentence in the reader's language, in plain text."""
    return list_separator(holding_commas=holding_commas).join(str(value) for value in values)


@register.filter(name="joined", is_safe=True, needs_autoescape=True)
def joined_filter(values, autoescape=True) -> str:
    escape = conditional_escape if autoescape else str
    return mark_safe(escape(list_separator()).join(escape(value) for value in values))  # noqa: S308
