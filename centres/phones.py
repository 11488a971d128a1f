"""Phone numbers in E.164 (`+962795550101`), read with Google's libphonenumber.

A number typed without its country code is read in the centre's country. Digits
typed on an Arabic, Persian, Devanagari or Bengali keyboard count as the same digits
(`centres.text.ascii_digits`). What a spreadsheet did to a number is refused rather
than guessed at: `9.62796E+11` has lost its last digits for good.

Stored numbers, their search digests and search queries all go through `to_e164`,
so the three always meet.
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .text import ascii_digits

MAX_LENGTH = 40
# 9.62796E+11, 9,62796e11, 1E+12: a spreadsheet's scientific notation.
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?\s*[eE]\s*[+-]?\d+")
# 962795550101.0: a number cell saved with a decimal part.
_DECIMAL = re.compile(r"\d+[.,]0+")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def to_e164(text: str, *, region: str = "") -> str:
    """`text` as an E.164 number ("" for an empty one), or a ValidationError that says
    what is wrong with it. `region` is the ISO country of the centre (e.g. "JO")."""
    typed = _INVISIBLE.sub("", ascii_digits(str(text or ""))).strip()
    if not typed:
        return ""
    shown = typed if len(typed) <= MAX_LENGTH else typed[: MAX_LENGTH - 1] + "…"
    if _SCIENTIFIC.fullmatch(typed) or _DECIMAL.fullmatch(typed):
        raise ValidationError(
            _(
                "“%(value)s” is a number a spreadsheet has changed, and its last digits may "
                "be lost. Format the phone column as text and type the whole number again."
            ),
            code="spreadsheet",
            params={"value": shown},
        )
    if len(typed) > MAX_LENGTH or re.search(r"[^\d\s()+./-]", typed):
        raise ValidationError(
            _("“%(value)s” is not a phone number."), code="invalid", params={"value": shown}
        )
    try:
        number = phonenumbers.parse(typed, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid phone number. A number from another country "
                "needs its country code, e.g. +977 for Nepal."
            ),
            code="invalid",
            params={"value": shown},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def e164_or_blank(text: str, *, region: str = "") -> str:
    """The E.164 form of `text`, or "" when it is not a usable number (search, digests)."""
    try:
        return to_e164(text, region=region)
    except ValidationError:
        return ""


def shown(e164: str, *, region: str = "") -> str:
    """A stored number as people read it (`+962 7 9555 0101`); `region` reads one stored
    before numbers were kept in E.164. Anything that is not a number is shown unchanged."""
    try:
        number = phonenumbers.parse(e164, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return e164
    if not phonenumbers.is_valid_number(number):
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
