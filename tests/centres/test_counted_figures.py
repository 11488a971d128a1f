"""Every count in a sentence shown to people is formatted as the pages format figures
(`centres.numbers.figure`): in Python a placeholder filled with `figure(n)` (a `%d`
placeholder cannot take it, and gives "1000" where the page shows "1,000"), in a
template's `{% blocktranslate count %}` the counter only chooses the plural and the
sentence shows it through the `figure` filter."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

from advocacy.feedback.actions import COMMENT_MAX, comment_leave
from members.governance.models import Ballot, BallotMethod
from members.governance.models.ballot_rules import limits_errors
from members.imports.look_alikes import REGISTERED, REPEATED, LookAlike, skip_all_label, summary

ROOT = Path(settings.BASE_DIR)
APPS = ["centres", "members", "services", "advocacy", "workercentre", "demo"]
BLOCK = re.compile(
    r"\{% blocktrans(?:late)? ([^%]*\bcount\b[^%]*)%\}(.*?)\{% endblocktrans(?:late)? %\}", re.S
)


@pytest.fixture
def marked(monkeypatch):
    monkeypatch.setattr("centres.numbers.number_format", lambda value, **kw: f"<{value}>")


def test_no_message_has_a_placeholder_that_only_takes_an_integer():
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if re.search(r"%\(\w+\)[di]", line):
                    found.append(f"{path.relative_to(ROOT)}:{number}")
    assert found == []


def test_every_counted_sentence_in_a_template_shows_a_formatted_figure():
    """The counter of `{% blocktranslate count %}` is a raw number (Django needs one to
    choose the plural): a sentence that shows it must show a `|figure` copy instead."""
    found = []
    for path in (ROOT / "templates").rglob("*.*"):
        for match in BLOCK.finditer(path.read_text()):
            tag, sentence = match.groups()
            counter = re.search(r"\bcount (\w+)=", tag).group(1)
            if "{{ " + counter + " }}" in sentence:
                found.append(f"{path.relative_to(ROOT)}: {counter}")
    assert found == []


def test_a_counted_page_sentence_reads_its_figure_as_the_messages_do():
    with translation.override("en"):
        html = render_to_string(
            "services/_capacity.html", {"capacity": type("C", (), {"people": 9, "over": 1200})}
        )
    assert "1,200 more people than places" in html


def test_the_ballots_limits_give_their_figures_through_the_formatter(marked):
    errors = limits_errors(method=BallotMethod.APPROVAL, max_choices=5, seats=9, options=4)
    assert "<3>" in errors["max_choices"][0] and "<4>" in errors["seats"][0]
    errors = limits_errors(method=BallotMethod.PLURALITY, max_choices=None, seats=4, options=3)
    assert "<2> winners" in errors["seats"][0]
    assert "<3>" in Ballot(method=BallotMethod.APPROVAL, max_choices=3).method_label


def test_the_imports_look_alike_sentences_give_their_figures_through_the_formatter(marked):
    found = [LookAlike(2, REGISTERED, "x"), LookAlike(3, REPEATED, "y")]
    assert "<1> row looks like a member" in " ".join(summary(found, rows=5))
    assert "<2>" in skip_all_label(found)


def test_a_long_comment_is_refused_with_its_limit_as_a_figure(marked, centre):
    with pytest.raises(ValidationError) as refused:
        comment_leave(centre=centre, channel="web", text="x" * (COMMENT_MAX + 1), once="a")
    assert f"<{COMMENT_MAX}>" in refused.value.messages[0]


def test_a_figure_given_to_a_sentence_comes_from_the_one_formatter(marked):
    capacity = type("C", (), {"people": 9, "over": 0, "filled": 80})
    html = render_to_string("services/_capacity.html", {"capacity": capacity})
    assert "&lt;80&gt;%" in html  # escaped in the page
