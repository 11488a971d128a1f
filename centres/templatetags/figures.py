"""`figure`: a number put into a sentence in a template, formatted as
`centres.numbers.figure` formats it, so that a count in a `{% blocktranslate %}`
reads like the same count in a message built in Python ("1,000" in English, "1000" in
Arabic). Loaded as a template builtin.

In a `{% blocktranslate count %}` the counter chooses the plural and must stay a number;
the sentence shows the figure: `{% blocktranslate count counter=n with shown=n|figure %}`.
"""

from django import template

from ..numbers import figure as formatted

register = template.Library()


@register.filter
def figure(value) -> str:
    if value is None or value == "":
        return ""
    return formatted(value)
