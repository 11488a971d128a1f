"""`{% load choices %}`: a stored choice's label from a page's dict of labels."""

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def label_in(value, labels: Mapping):
    """`{{ case.status|label_in:statuses }}`: the label of `value` in `labels` (made by
    `centres.choices.choice_labels`); the value itself when it is not one of the
    choices, as `get_FOO_display()` does."""
    return labels.get(value, value)
