"""Figures put into a sentence: formatted as the pages format them.

Templates show numbers through Django's localisation (the language's digits as the
project's formats give them, its decimal mark, and grouping where the language groups:
"1,000" in English, "1000" in Arabic, Hindi, Nepali and Bengali). A figure written
into a message's msgid ("from 1 to 5", "at most 2 MB") is instead translated by hand,
and came back in Bengali or Devanagari digits beside figures the page shows in ASCII
ones; `str()` or `f"{n:,}"` of a figure ignores the reader's language. Every figure
in a message goes through `figure()` and is a placeholder in its msgid.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.functional import lazy


def figure(value: int | float | Decimal) -> str:
    """`value` as the pages show figures, in the reader's language."""
    return number_format(value, force_grouping=True)


def megabytes(size: int) -> str:
    """A size in bytes as a figure of whole megabytes (MiB, as the limits are set)."""
    return figure(size // (1024 * 1024))


def lazy_text(build) -> str:
    """A sentence with figures, built when shown (a help text or a label defined at
    import, before the reader's language is known)."""
    return lazy(build, str)()
