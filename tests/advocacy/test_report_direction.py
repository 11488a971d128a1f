"""Typed text in a report wraps and reads in its own direction; references and dates
stay whole and left to right, in the page and in the PDF (WeasyPrint lays `dir="auto"`
out in the page's direction, so the direction is stated)."""

from django.template.loader import render_to_string
from django.utils import translation

MOTION = "Ask the municipality to keep the crèche open on Fridays and Saturdays all year"
TEXT = "The crèche opens on Fridays from October."
QUESTION = "What should the centre ask the ministry of labour for first this year?"


def report_extra() -> dict:
    """The `extra` of a report: one ballot, one decision, one recommendation."""
    return {
        "ballots": [{"question": QUESTION, "rows": []}],
        "decisions": [
            {
                "held_on": "2026-09-03",
                "motion": MOTION,
                "text": TEXT,
                "carried": True,
                "votes": [5, 1, 0],
            }
        ],
        "recommendations": [
            {
                "reference": "REC-2026-0007",
                "title": "Written contracts in the workers' languages for every domestic worker",
                "addressee_label": "Ministry",
                "status_label": "Sent",
                "responses": 0,
            }
        ],
    }


def render_body(language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "advocacy/reports/_report_body.html",
            {"extra": report_extra(), "sections_html": "<p>–</p>", "threshold": 5},
        )


def test_an_english_decision_reads_left_to_right_in_an_arabic_report():
    body = render_body("ar")
    assert f'<p dir="ltr">{TEXT}</p>' in body
    assert 'dir="auto"' not in body


def test_an_arabic_decision_reads_right_to_left_in_an_english_report():
    extra = report_extra()
    extra["decisions"][0]["text"] = "تفتح الحضانة أيام الجمعة."
    html = render_to_string(
        "advocacy/reports/_report_body.html",
        {"extra": extra, "sections_html": "<p>–</p>", "threshold": 5},
    )
    assert '<p dir="rtl">تفتح الحضانة أيام الجمعة.</p>' in html


def test_typed_titles_wrap_and_references_and_dates_do_not():
    """Only the short codes carry the class that keeps them on one line."""
    body = render_body("ar")
    assert f'<h3><bdi dir="ltr">{QUESTION}</bdi></h3>' in body
    assert f'<h3><bdi dir="ltr">{MOTION}</bdi></h3>' in body
    assert '<bdi dir="ltr" class="code">REC-2026-0007</bdi>' in body
    assert '<bdi dir="ltr" class="code">2026-09-03</bdi>' in body
