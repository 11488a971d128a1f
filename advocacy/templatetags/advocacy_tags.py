"""Template tags of the advocacy app: `{% load advocacy_tags %}`. They let pages of
lower apps (a member's page) show cases without those apps importing this one."""

from django import template

from ..models import Grievance
from ..statistics import labels
from ..statistics.periods import isolated_keys

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


@register.filter
def citable(period) -> bool:
    """Whether evidence may cite the period key now: False for a week cited before
    weeks were refused (`recommendations.evidence.citable_period`)."""
    from ..recommendations.evidence import citable_period

    return citable_period(period)


@register.filter
def period_keys(text) -> str:
    """A translated sentence with its example period keys ("2026-W05") isolated left
    to right: `{% translate "…" as hint %}{{ hint|period_keys }}`."""
    return isolated_keys(text)
