"""Numbers written into SVG markup are the same in every language: in Arabic, Django
writes 12.5 as "12,5" and 1234 as "1.234", which would break a chart's geometry."""

import re
from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation

from advocacy.charts import daily_bar_chart

NUMERIC = re.compile(r"^-?\d+(\.\d{1,2})?$")
ATTRIBUTES = re.compile(r'\b(x|y|x1|x2|y1|y2|width|height|dy)="([^"]*)"')


@pytest.mark.parametrize("language", ["ar", "en", "hi", "ne", "bn"])
@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_every_chart_coordinate_is_a_plain_number(language):
    days = [(date(2026, 1, 1) + timedelta(days=n), [3, None, 1234, 0, 7][n % 5]) for n in range(37)]
    with translation.override(language):
        chart = daily_bar_chart(days, rtl=translation.get_language_bidi())
        svg = render_to_string("members/_bar_chart.svg.html", {"chart": chart, "days": 37})
    values = [value for _name, value in ATTRIBUTES.findall(svg) if value != "100%"]
    assert values and all(NUMERIC.match(value) for value in values), values
    view_box = re.search(r'viewBox="([^"]*)"', svg).group(1)
    assert all(NUMERIC.match(part) for part in view_box.split()), view_box
    assert any("." in value for value in values)  # fractional coordinates are kept


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_the_svg_filter_ignores_the_language():
    template = Template("{% load svg %}{{ a|svg }} {{ b|svg }} {{ c|svg }} {{ d|svg }} {{ a }}")
    with translation.override("ar"):
        text = template.render(Context({"a": 1234.5, "b": 0.004, "c": None, "d": "x"}))
    assert text.split()[:4] == ["1234.5", "0", "0", "0"]
    assert text.split()[4] != "1234.5"  # what a plain, localised number would have given
