"""A figure in a message is formatted as the pages format figures (`centres.numbers.
figure`: Django's localisation), never written into the msgid, where a translation
turned "1 to 5" into Bengali or Devanagari digits beside figures shown in ASCII ones,
nor with `str()` or `f"{n:,}"`, which ignore the reader's language."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from advocacy.feedback.models import QuestionKind
from advocacy.recommendations.evidence import CITABLE_TABLES
from advocacy.statistics.periods import Period, PeriodRefused
from centres.numbers import figure
from members.governance.forms import NominationForm
from members.governance.pictures import too_large
from members.imports.sheet import _too_many_rows
from members.imports.upload_form import MemberImportForm

NATIVE_DIGITS = re.compile("[\u0966-\u096f\u09e6-\u09ef\u0660-\u0669]")


def _refusal(call) -> str:
    try:
        call()
    except (ValidationError, PeriodRefused) as error:
        return " ".join(getattr(error, "messages", [str(error)]))
    raise AssertionError("not refused")


def _messages() -> dict[str, str]:
    return {
        "quarter": _refusal(lambda: Period.quarter(2026, 5)),
        "month": _refusal(lambda: Period.month(2026, 13)),
        "picture": " ".join(too_large().messages),
        "picture help": str(NominationForm.base_fields["picture"].help_text),
        "import help": str(MemberImportForm.base_fields["file"].help_text),
        "rows": " ".join(_too_many_rows().messages),
        "ratings": str(CITABLE_TABLES["feedback.satisfaction"]),
        "rating question": str(QuestionKind.RATING.label),
    }


@pytest.mark.parametrize("language", ["bn", "ne", "hi", "ar"])
def test_no_message_writes_its_figures_in_other_digits_than_the_pages(language):
    with translation.override(language):
        found = {name: text for name, text in _messages().items() if NATIVE_DIGITS.search(text)}
    assert found == {}


def test_the_figures_come_from_the_one_formatter(monkeypatch):
    monkeypatch.setattr("centres.numbers.number_format", lambda value, **kw: f"<{value}>")
    texts = _messages()
    assert "<1> to <4>" in texts["quarter"] and "<1> to <12>" in texts["month"]
    assert "<2> MB" in texts["picture"] and "<2> MB" in texts["picture help"]
    assert "<1000>" in texts["import help"] and "<1000>" in texts["rows"]
    assert "<1> to <5>" in texts["ratings"] and "<1> to <5>" in texts["rating question"]


def test_a_large_figure_is_grouped_as_the_language_groups():
    with translation.override("en"):
        assert figure(1000) == "1,000" and "1,000" in _messages()["rows"]
    with translation.override("ar"):
        assert figure(1000) == "1000" and figure(2.5) == "2,5"


def test_a_rating_out_of_range_is_refused_with_figures_as_the_page_shows_them(monkeypatch):
    from advocacy.feedback.actions import _answer_for as answer_for
    from advocacy.feedback.models import QuestionKind

    class Rating:
        kind = QuestionKind.RATING

    with translation.override("bn"):
        message = _refusal(lambda: answer_for(Rating(), "9"))
    assert not NATIVE_DIGITS.search(message)
    monkeypatch.setattr("centres.numbers.number_format", lambda value, **kw: f"<{value}>")
    assert "<1>" in _refusal(lambda: answer_for(Rating(), "9"))
