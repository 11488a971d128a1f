"""`{% load svg %}` … `x="{{ bar.x|svg }}"`: numbers written into SVG markup.

SVG attributes (coordinates, sizes, the viewBox) take a number with a full stop and no
grouping, whatever the reader's language; Django localises numbers in templates, and in
Arabic a decimal comma or a grouping mark in `x="12,5"` breaks the drawing. Every
number a chart template writes into an attribute goes through this filter.
"""

from django import template

register = template.Library()


@register.filter
def svg(value) -> str:
    """The number with at most two decimals, "." as decimal mark, no grouping; "0" for
    nothing or something that is not a number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    if number != number or number in (float("inf"), float("-inf")):
        return "0"
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
