"""Reports read right to left: row charts keep names beside their bars, and every row
of a release is named in the reader's language."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from advocacy.charts import row_bar_chart
from advocacy.statistics.labels import Labeller


def test_a_row_chart_places_its_text_in_its_own_left_to_right_geometry():
    """The chart computes every x itself, mirrored for right to left, and anchors names
    and figures as seen from the left. An Arabic page's `direction: rtl`, inherited by
    the inline SVG, would turn "start" into the right edge and draw the names over the
    bars; the SVG states its own direction."""
    with translation.override("ar"):
        chart = row_bar_chart([("الأعضاء المسجلون", 127), ("حسبوا بدون اسم", 237)], rtl=True)
        svg = render_to_string(
            "advocacy/reports/_row_chart.svg.html",
            {"chart": chart, "table": {"id": "t", "title": "t"}},
        )
    opening = re.search(r"<svg[^>]*>", svg).group(0)
    assert 'direction="ltr"' in opening
    label, bar = chart.rows[0], chart.rows[0]
    # In left-to-right geometry the name starts right of its bar, the figure ends left of it.
    assert chart.label_anchor == "start" and label.label_x >= bar.bar_x + bar.width
    assert chart.value_anchor == "end" and bar.value_x <= bar.bar_x


@pytest.mark.parametrize(
    ("table", "label"),
    [
        ("visits.total", "people"),
        ("cases.total", "cases"),
        ("requests.total", "all"),
        ("feedback.responses", "responses"),
        ("feedback.comments", "comments"),
    ],
)
def test_the_row_of_a_total_is_named_in_the_readers_language(centre, table, label):
    """A total's one row is stored under a key ("people"); a reader sees a word."""
    with translation.override("ar"):
        name = Labeller(centre)(table, label)
        assert name == gettext("Total") != "Total"
