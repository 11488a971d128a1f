"""Template tags of the advocacy app: `{% load advocacy_tags %}`. They let pages of
lower apps (a member's page) show cases without those apps importing this one."""

from django import template

from ..models import Grievance
from ..statistics import labels

register = template.Library()


@register.inclusion_tag("advocacy/_member_cases.html", takes_context=True)
def member_cases(context, member) -> dict:
    """The member's cases that the page's reader may open: their own assignments,
    or all of them for the manager."""
    reader = context["request"].user
    return {
        "centre": context["centre"],
        "cases": Grievance.objects.visible_to(reader).filter(member=member),
    }


@register.filter
def period_name(period) -> str:
    """A period key ("2026-10") in words in the reader's language ("October 2026")."""
    return labels.period_name(period)
