"""Finding an employer's name in text people typed, however they typed it.

A name is found in the forms people write it in:

- in any case and Unicode form: NFKC (full-width letters, ligatures, Arabic
  presentation forms) and case-folded ("ACME", "Ａｃｍｅ", "Straße"/"STRASSE");
- with or without Latin accents ("Nestle", "Nestlé"), Arabic vowel marks (harakat,
  tashkeel) and tatweel, in either of the Arabic letter forms people type
  interchangeably (أ/إ/آ/ا, ى/ي, ة/ه, ؤ/و, ئ/ي), invisible joiners and direction marks
  ignored (`centres.text.name_key`, the rule of the member search);
- its words separated by any run of white space or hyphens;
- as a whole word, with what follows a word: "Acme's", "Acme’s", "Acmes'", "Acmes"
  (a possessive typed without its apostrophe), "Acme," — and in
  Arabic with the letters written joined in front of a word: و ف ب ل ك, the article
  ال and their combinations (وبال، لل…), "وأكمي", "لشركة";
- by its distinctive part alone: "Acme" for "Acme Garments Ltd".

Distinctive words. A word of a name is distinctive unless it is a generic word
(`GENERIC_WORDS`: legal forms, sectors and trades, "international"-style adjectives
and joining words, in English, Arabic, Hindi and Bengali, compared after the Arabic
article and joined letters are taken off), a word of the centre's own name or area
(`ordinary`: "Amman" in "Amman Star Garments" would hide the centre itself), stands
in brackets (a qualifier such as the place of "Household (Jabal Amman)"), has fewer
than three letters, or holds no letter (a number such as "2000"). Any run of a
name's words that holds a distinctive word is matched, the longest first, so "Acme
Garments" is replaced whole and "Acme" on its own too. A name with no distinctive
word ("Construction Company", "Household (Jabal Amman)") is found only whole. An
Arabic distinctive word that starts with the article is found with or without it
("النور", "نور"). A distinctive word can also be an ordinary word ("Star" of "Star
Cleaning"): it is replaced wherever it stands, which is the price of never showing
the name.

Not found: a name written in another script than the one it is stored in (a
transliteration), or misspelt.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from centres.text import name_key

# A combining mark continues the letter before it (Devanagari and Bengali vowel signs,
# Latin accents typed apart): neither a boundary of a word nor a place a name ends.
# The scripts the centres write are all in the Basic Multilingual Plane.
_MARK_RANGES: list[list[int]] = []
for _code in range(0x10000):
    if unicodedata.category(chr(_code)).startswith("M"):
        if _MARK_RANGES and _MARK_RANGES[-1][1] == _code - 1:
            _MARK_RANGES[-1][1] = _code
        else:
            _MARK_RANGES.append([_code, _code])
_MARKS = "".join(
    re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
    for a, b in _MARK_RANGES
)
_WORDLIKE = rf"[^\W_]|[{_MARKS}]"
# Beyond `name_key`'s letter forms: a hamza on waw or yeh is often left off as typed
# (مؤمن, مومن), and Kurdish/Urdu forms of heh stand for heh.
_MORE_ARABIC_LETTERS = str.maketrans(
    {
        "\u0624": "\u0648",
        "\u0626": "\u064a",
        "\u06be": "\u0647",
        "\u06d5": "\u0647",
        "\u06c1": "\u0647",
    }
)
# Latin accents (é, ü, ç...) are left off or added as people type: "Nestle", "Nestlé".
_LATIN_ACCENTS = re.compile("[\u0300-\u036f]")
_SEPARATOR = r"[\s\-\u2010-\u2015]+"
# Between two words of a name as typed: spaces, hyphens, an opening bracket.
BETWEEN = r"[\s\-\u2010-\u2015(\[]+"
# Arabic letters written joined in front of a word: conjunctions (و ف), prepositions
# (ب ل ك), the article (ال), and "لل" (ل + ال).
_PROCLITICS = sorted(
    {f"{c}{p}" for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك", "ال", "بال", "كال", "لل")}
    - {""},
    key=len,
    reverse=True,
)
_ARTICLE = "ال"

GENERIC_WORDS_AS_TYPED = """
    and of the for de del la le et y & + co company companies corp corporation inc
    incorporated ltd limited llc llp plc pvt private public pte sa sarl gmbh bv wll
    spc fze fzc fzco est establishment group holding holdings international intl
    national global general united new royal trading traders trade services service
    solutions enterprise enterprises industries industry industrial factory factories
    manufacturing manufacturers manufacturer mill mills works garments garment apparel
    apparels textile textiles clothing clothes fashion fashions knitting knitwear
    construction constructions contracting contractor contractors builders building
    engineering cleaning hospitality hotel hotels restaurant restaurants catering
    cafe farm farms agriculture agricultural logistics transport transportation
    security manpower recruitment recruiting employment staffing agency agencies
    overseas travel travels tours supply supplies office bureau sons brothers bros
    household home house domestic al el
    شركة مؤسسة مصنع مصانع معمل مجموعة مكتب وكالة محدودة ذات مسؤولية ذ.م.م ش.م.م
    تجارة تجارية مقاولات إنشاءات بناء ملابس ألبسة نسيج منسوجات جاهزة خدمات تنظيف
    استقدام عمالة توظيف تشغيل فندق مطعم مزرعة صناعات صناعية تصنيع دولية عالمية عامة
    وطنية متحدة إخوان أولاد أولاده قابضة سفر نقل أمن حراسة منزل منزلية أل
    कंपनी कम्पनी लिमिटेड लि प्राइवेट प्रा प्रा.लि. गारमेंट्स गारमेंट कंस्ट्रक्शन निर्माण
    उद्योग इंडस्ट्रीज फैक्ट्री कारखाना समूह ग्रुप एजेंसी सर्विसेज सेवा सेवाएं ट्रेडिंग
    एंटरप्राइजेज इंटरनेशनल होटल और एंड प्लेसमेंट मैनपावर ठेकेदार कॉन्ट्रैक्टर भर्ती
    কোম্পানি লিমিটেড প্রাইভেট গার্মেন্টস গার্মেন্টস গ্রুপ শিল্প কারখানা এজেন্সি সার্ভিসেস এবং
"""


def _stems(word: str) -> set[str]:
    """`word` and what is left once joined Arabic letters are taken off its front."""
    return {word} | {word[len(p) :] for p in _PROCLITICS if word.startswith(p)}


def is_distinctive(word: str, ordinary: frozenset[str] = frozenset()) -> bool:
    """Whether a word of a name (as `folded`) tells the name apart: not generic, not
    one of the `ordinary` words (folded), three letters or more (module docstring)."""
    letters = sum(ch.isalpha() for ch in word)
    return letters >= 3 and not (_stems(word) & (GENERIC_WORDS | ordinary))


def _unaccented(text: str) -> str:
    return unicodedata.normalize("NFC", _LATIN_ACCENTS.sub("", unicodedata.normalize("NFD", text)))


def _words(name: str) -> list[tuple[str, bool, bool]]:
    """The words of `name`, folded, each with whether it stands in brackets and
    whether a bracket closes after it."""
    words, bracketed = [], False
    for token in re.split(_SEPARATOR, folded(name)[0]):
        opens, closes = token[:1] in "([", token[-1:] in ")]"
        word = token.strip(".,;:()[]'\"’")
        if word:
            words.append((word, bracketed or opens, closes))
        bracketed = (bracketed or opens) and not closes
    return words


def ordinary_words(texts: Iterable[str]) -> frozenset[str]:
    """The folded words of `texts` (a centre's name and area), never distinctive."""
    return frozenset(word[0] for text in texts if text for word in _words(text))


def _word_pattern(word: str, alone: bool, ordinary: frozenset[str]) -> str:
    if alone and word.startswith(_ARTICLE) and is_distinctive(word[len(_ARTICLE) :], ordinary):
        return f"(?:{_ARTICLE})?{re.escape(word[len(_ARTICLE) :])}"
    return re.escape(word)


def name_patterns(name: str, ordinary: frozenset[str] = frozenset()) -> list[str]:
    """Regular expressions (over `folded` text) for `name`: the whole name and every
    run of its words that holds a distinctive word, longest first. Empty for a name
    shorter than three characters (it would match inside ordinary words)."""
    marked = _words(name)
    words = [word for word, _bracketed, _closes in marked]
    if len("".join(words)) < 3:
        return []
    runs = {(0, len(words))}
    for i, (word, bracketed, _closes) in enumerate(marked):
        if not bracketed and is_distinctive(word, ordinary):
            runs |= {(a, b) for a in range(i + 1) for b in range(i + 1, len(words) + 1)}
    ordered = sorted(runs, key=lambda r: (r[1] - r[0], len("".join(words[r[0] : r[1]]))))

    def pattern(a: int, b: int) -> str:
        joined = BETWEEN.join(_word_pattern(w, b - a == 1, ordinary) for w in words[a:b])
        # A run that ends where the name's bracket closes takes the bracket with it.
        return joined + (r"[)\]]?" if marked[b - 1][2] and b - a > 1 else "")

    return [pattern(a, b) for a, b in reversed(ordered)]


def folded(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` as `name_key` folds it, and for each folded character the span of
    `text` it comes from, so a match in the folded text is replaced in the text.

    Folded a letter with its combining marks at a time: NFKC composes within it, and
    a mark that is dropped is dropped with its letter's span kept."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.category(text[end]).startswith("M"):
            continue
        piece = text[start:end]
        key = (
            " " if piece.isspace() else _unaccented(name_key(piece)).translate(_MORE_ARABIC_LETTERS)
        )
        out.append(key)
        spans.extend([(start, end)] * len(key))
        start = end
    return "".join(out), spans


GENERIC_WORDS = frozenset(folded(word)[0] for word in GENERIC_WORDS_AS_TYPED.split())


class NameFinder:
    """Finds and replaces any of `names` in text (see the module docstring); no word
    of the `ordinary` texts (the centre's name and area) is distinctive."""

    def __init__(self, names: Iterable[str], ordinary: Iterable[str] = ()) -> None:
        own = {text for text in ordinary if text}
        self.pattern = _compiled(tuple(sorted(set(names))), tuple(sorted(own)))

    def replace(self, text: str, replacement: str) -> str:
        if self.pattern is None or not text:
            return text
        key, spans = folded(text)
        pieces, kept = [], 0
        for match in self.pattern.finditer(key):
            start, end = spans[match.start()][0], spans[match.end() - 1][1]
            pieces += [text[kept:start], replacement]
            kept = end
        return "".join(pieces) + text[kept:]


@functools.lru_cache(maxsize=64)
def _compiled(names: tuple[str, ...], ordinary: tuple[str, ...]) -> re.Pattern | None:
    """The pattern of a set of names, built once a process: for a centre with 400
    employers it takes about 0.7 s, then a page of text is searched in milliseconds."""
    common = ordinary_words(ordinary)
    alternatives = {p for name in names for p in name_patterns(name, common)}
    if not alternatives:
        return None
    # Longest first: at one place the whole name wins over its distinctive part.
    ordered = sorted(alternatives, key=lambda p: (-len(p), p))
    starts = "|".join([f"(?<!{_WORDLIKE})"] + [f"(?<=(?<!{_WORDLIKE}){p})" for p in _PROCLITICS])
    return re.compile(f"(?:{starts})(?:{'|'.join(ordered)})s?(?!{_WORDLIKE})")
