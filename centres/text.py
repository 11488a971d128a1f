"""Text keys for matching what people type in the scripts the centres serve.

Phones and codes are typed on Arabic, Persian, Devanagari and Bengali keyboards as
often as on Latin ones, and names arrive with or without vowel marks. The stored
search keys and every query go through the same functions here, so both sides meet.
"""

from __future__ import annotations

import re
import unicodedata

# In a str pattern, \d is every Unicode decimal digit (category Nd): ASCII,
# Arabic-Indic U+0660–0669, Extended Arabic-Indic/Persian U+06F0–06F9, Devanagari
# U+0966–096F, Bengali U+09E6–09EF and every other script's.
_DIGIT = re.compile(r"\d")

# Arabic marks that do not change which name is meant: harakat, superscript alef,
# Quranic annotation signs and the tatweel (kashida) used to stretch words.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Letter forms people type interchangeably: hamza-carrying alefs, alef maqsura/ya,
# ta marbuta/ha, Persian/Urdu kaf and yeh.
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> ya
        "\u06cc": "\u064a",  # Farsi yeh -> ya
        "\u0629": "\u0647",  # ta marbuta -> ha
        "\u06a9": "\u0643",  # keheh -> kaf
    }
)
# Joiners and direction marks are invisible and never part of what was meant.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
# Direction controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069)
# and the marks (U+200E, U+200F). Typed into a name they reverse or reorder it on every
# page that shows it ("U+202E Maya" reads "ayaM").
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# In a person's name, punctuation does not tell two people apart: "Maya D." is "Maya D",
# "Al-Hassan" is "Al Hassan". An apostrophe stands inside a word ("O'Brien", "Ma'moun"
# typed as "Mamoun") and is dropped; any other punctuation (Unicode category P: dots,
# hyphens and dashes, commas including the Arabic one, brackets, quotes) is a space.
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"
_NAME_PUNCTUATION = {
    code: " " for code in range(0x10000) if unicodedata.category(chr(code)).startswith("P")
} | {ord(ch): None for ch in _APOSTROPHES}


def ascii_digits(text: str) -> str:
    """`text` with every Unicode decimal digit replaced by its ASCII digit.

    "٠٧٩٥٥٥٠١٠١" (Arabic-Indic), "۰۷۹" (Persian), "०७९" (Devanagari) and "০৭৯"
    (Bengali) all become "079…"; every other character is kept as it is.
    """
    return _DIGIT.sub(lambda match: str(unicodedata.decimal(match.group())), text)


def digits_only(text: str) -> str:
    """The decimal digits of `text`, in ASCII, in order; everything else dropped."""
    return "".join(str(unicodedata.decimal(ch)) for ch in _DIGIT.findall(text))


def name_key(text: str) -> str:
    """A search key for a person's name: the same for the ways people type one name.

    NFKC, case-folded, ASCII digits, invisible joiners and direction marks removed,
    Arabic vowel marks and tatweel removed, interchangeable Arabic letter forms
    unified, runs of spaces collapsed. Devanagari and Bengali vowel signs are kept:
    they change the name.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_ARABIC_LETTERS)
    text = ascii_digits(text).casefold()
    return _SPACES.sub(" ", text).strip()


def person_name_key(text: str) -> str:
    """The key a member's name is stored, searched and compared for look-alikes by:
    `name_key`, with punctuation not telling names apart (`_NAME_PUNCTUATION`):
    "Maya D." and "Maya D" share "maya d", "O’Brien" and "OBrien" share "obrien"."""
    return _SPACES.sub(" ", name_key(text).translate(_NAME_PUNCTUATION)).strip()


def without_bidi_controls(text: str) -> str:
    """`text` without direction controls (`_BIDI_CONTROLS`): what a name or any short
    text a person types is stored as. Pages isolate each value themselves."""
    return _BIDI_CONTROLS.sub("", text)


# Characters that show nothing: spaces and separators (Z*), controls (Cc), format
# characters (Cf: zero-width spaces and joiners, direction marks, the byte-order mark),
# and the blank letters (Hangul fillers) some keyboards use to fake an empty name.
_BLANK_CATEGORIES = ("Z", "Cc", "Cf")
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def has_visible_character(text: str) -> bool:
    """Whether `text` shows anything: a character other than a space, a control, a
    format character (U+200B, U+200F, U+202E, U+FEFF…) or a blank letter."""
    return any(
        not unicodedata.category(ch).startswith(_BLANK_CATEGORIES) and ch not in _BLANK_LETTERS
        for ch in text
    )


def typed_text(text: str, *, strip: bool = True) -> str:
    """What a short text a person types (a name, a label, a ballot option) is stored as:
    without direction controls (`without_bidi_controls`), trimmed unless `strip` is
    False, and "" when it shows nothing (`has_visible_character`), so that an invisible
    value is a missing one rather than a blank name on every page."""
    text = without_bidi_controls(text)
    if not has_visible_character(text):
        return ""
    return text.strip() if strip else text
