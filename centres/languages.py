"""Languages a centre speaks and a service or a referral partner is offered in: a list
of codes (ISO 639-1, as BCP 47 writes them: "ar", "ne", "bn"), shown by name in the
reader's language.

A name is Django's own (`django.conf.global_settings.LANGUAGES`, translated in
Django's catalogues) or, for a language Django does not name, ours below (translated
in the project's catalogues). Codes are stored in the order of `CODES` whatever order
they were chosen in, so the same languages are always the same list. A language not
on the list is written in the record's "other languages" text, which the migration
from free text also fills with every word it could not read as a language.
"""

import re
import unicodedata
from collections.abc import Iterable

from django import forms
from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Languages of migrant workers in the programmes' countries of work, and of the
# countries they come from (South and South-East Asia, East Africa, the Middle East).
CODES: tuple[str, ...] = (
    "am", "ar", "bn", "en", "es", "fa", "fr", "hi", "id", "km", "ku", "ml", "ms", "my",
    "ne", "om", "pa", "ps", "pt", "ru", "si", "so", "sw", "ta", "te", "th", "ti", "tl",
    "ur", "uz", "vi",
)  # fmt: skip
_ORDER = {code: index for index, code in enumerate(CODES)}

_DJANGO_NAMES: dict[str, str] = dict(global_settings.LANGUAGES)

# The languages on our list that Django does not name.
_OUR_NAMES = {
    "am": _("Amharic"),
    "ku": _("Kurdish"),
    "om": _("Oromo"),
    "ps": _("Pashto"),
    "si": _("Sinhala"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "tl": _("Filipino (Tagalog)"),
}


def language_name(code: str) -> str:
    """The name of the language `code` in the active language; an unknown code itself."""
    if code in _OUR_NAMES:
        return str(_OUR_NAMES[code])
    if code in _DJANGO_NAMES:
        # Django's English name, looked up in Django's catalogues (and ours, which win).
        return gettext(_DJANGO_NAMES[code])
    return code


def language_choices() -> list[tuple[str, str]]:
    """(code, name) for every language on the list, by name in the active language."""
    return sorted(((code, language_name(code)) for code in CODES), key=lambda c: c[1].casefold())


def in_order(codes: Iterable[str]) -> list[str]:
    """`codes` once each, in the order of `CODES` (unknown ones last)."""
    return sorted(set(codes), key=lambda code: (_ORDER.get(code, len(CODES)), code))


def refuse_unknown(codes: Iterable[str]) -> None:
    """Raise ValidationError (code "invalid_choice") naming the first few of `codes`
    that are not on the list, each isolated (a typed value may be in any script)."""
    from .templatetags.bidi import isolated

    unknown = [code for code in codes if code not in _ORDER]
    if unknown:
        raise ValidationError(
            _("Not a language on the list: %(value)s. Choose languages from the list."),
            code="invalid_choice",
            params={"value": ", ".join(isolated(code[:20]) for code in unknown[:3])},
        )


def validate_language_codes(value) -> None:
    """Refuse anything but a list of codes from `CODES`. Raises ValidationError."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("A list of language codes."), code="invalid_languages")
    refuse_unknown(value)


class LanguageChoiceField(forms.MultipleChoiceField):
    """Languages ticked in a list of checkboxes (large targets on a phone, no
    scripting), by name in the reader's language; cleaned to codes in `CODES` order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", language_choices)  # named when shown, not at import
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        refuse_unknown(value)

    def clean(self, value) -> list[str]:
        return in_order(super().clean(value))


class LanguagesField(models.JSONField):
    """A list of language codes from `CODES` (a JSON array: the same on SQLite and
    PostgreSQL); empty when not said. Forms and the admin show `LanguageChoiceField`."""

    default_validators = [validate_language_codes]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        options = {
            "label": capfirst(self.verbose_name),
            "required": not self.blank,
            "help_text": self.help_text,
        }
        options.update({key: kwargs[key] for key in options if key in kwargs})
        return LanguageChoiceField(**options)


def other_languages_field() -> models.CharField:
    """The free text beside a `LanguagesField`: languages not on the list."""
    return models.CharField(
        _("other languages"),
        max_length=200,
        blank=True,
        help_text=_("Languages not on the list, as you would write them."),
    )


def language_names(codes: Iterable[str]) -> list[str]:
    """The names of `codes` in the active language, in the order given."""
    return [language_name(code) for code in codes]


# --- Reading the free text written before languages were coded -----------------------

# Other spellings met in centres' lists: endonyms Django does not give, older English
# names, a language named after its country.
_ALIASES = {
    "am": ["amharic", "አማርኛ"],
    "ar": ["العربية", "عربي", "عربى", "arabic"],
    "bn": ["bangla", "bengali", "বাংলা"],
    "en": ["english", "انجليزي", "الإنجليزية", "الانجليزية"],
    "fa": ["farsi", "persian", "dari"],
    "hi": ["hindi", "हिन्दी", "हिंदी"],
    "id": ["indonesian", "bahasa indonesia", "bahasa"],
    "ku": ["kurdish", "kurdî", "کوردی"],
    "my": ["burmese", "myanmar"],
    "ne": ["nepali", "nepalese", "नेपाली"],
    "om": ["oromo", "afaan oromoo", "oromiffa", "oromigna"],
    "ps": ["pashto", "pushto", "پښتو"],
    "si": ["sinhala", "sinhalese", "සිංහල"],
    "so": ["somali", "soomaali"],
    "sw": ["swahili", "kiswahili"],
    "ti": ["tigrinya", "ትግርኛ"],
    "tl": ["tagalog", "filipino", "pilipino", "filipino (tagalog)"],
    "ur": ["urdu", "اردو"],
}
_SEPARATORS = re.compile(r"\s*(?:[,،;؛/|+\n]|\s(?:and|&|و)\s)\s*", re.IGNORECASE)


def _key(text: str) -> str:
    """Case, accents' composition, Arabic diacritics and tatweel do not tell names apart."""
    text = unicodedata.normalize("NFC", text).casefold().strip(" .")
    return "".join(c for c in text if c != "\u0640" and not ("\u064b" <= c <= "\u0652"))


def _names_to_codes() -> dict[str, str]:
    known: dict[str, str] = {}
    for code in CODES:
        spellings = [code, *_ALIASES.get(code, [])]
        if code in _DJANGO_NAMES:
            spellings += [_DJANGO_NAMES[code], LANG_INFO[code]["name_local"]]
        for spelling in spellings:
            known[_key(spelling)] = code
    return known


def codes_from_text(text: str) -> tuple[list[str], str]:
    """Read a free-text list ("Arabic, العربية, english and Tagalog") as codes.

    Returns (codes in `CODES` order, the words not read as a language joined by ", " in
    the order written, "" when none). Names are matched whole, in English or in the
    language itself, in any case."""
    known = _names_to_codes()
    codes, rest = [], []
    for word in _SEPARATORS.split(text or ""):
        word = word.strip()
        if not word:
            continue
        if (code := known.get(_key(word))) is not None:
            codes.append(code)
        elif word not in rest:
            rest.append(word)
    return in_order(codes), ", ".join(rest)


def code_free_text(model) -> None:
    """Migration step: for every row of `model` (a historical model with the free text
    `languages` and the new `language_codes` and `other_languages`), store the codes
    read from the text, and keep every word not read as a language in
    `other_languages`, where the forms and pages show it to the manager."""
    for row in model.objects.exclude(languages="").only("pk", "languages").iterator():
        codes, rest = codes_from_text(row.languages)
        model.objects.filter(pk=row.pk).update(language_codes=codes, other_languages=rest)


def uncode_free_text(model) -> None:
    """The reverse step: the names of the codes in the active language (English when
    migrating), then the other languages."""
    for row in model.objects.only("pk", "language_codes", "other_languages").iterator():
        names = language_names(row.language_codes)
        text = ", ".join([*names, *([row.other_languages] if row.other_languages else [])])
        model.objects.filter(pk=row.pk).update(languages=text[:200])


def languages_of(record) -> list[str]:
    """What `record` (a centre, a service, a partner) is spoken in, for a reader: the
    names of its coded languages in the active language, then its other languages."""
    other = [record.other_languages] if record.other_languages else []
    return [*language_names(record.languages), *other]
