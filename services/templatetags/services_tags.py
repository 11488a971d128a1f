"""Template tags of the services app: `{% load services_tags %}`."""

from django import template

from ..selectors import member_upcoming_bookings

register = template.Library()


@register.inclusion_tag("services/_member_bookings.html")
def member_bookings(member) -> dict:
    """The member's coming booked or waiting sessions, for the member's page."""
    return {"member": member, "bookings": list(member_upcoming_bookings(member))}
