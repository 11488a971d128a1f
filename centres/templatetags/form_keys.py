"""`{% form_key %}`: the hidden one-use key of a state-changing form (see
`centres.submissions`). Loaded as a template builtin; put it next to `{% csrf_token %}`."""

from django import template
from django.utils.html import format_html

from centres import submissions

register = template.Library()


@register.simple_tag
def form_key() -> str:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', submissions.FIELD, submissions.new_key()
    )
