"""Retention of the services app's data (registered with `centres.retention`).

- The words of a worker's request go after their period; its kind of service and
  status stay, as counted demand.
- A booking (made, or for a session) since the cutoff keeps a member active.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from centres.numbers import figure
from centres.retention import (
    REMOVED_TEXT,
    Step,
    register,
    register_account_release,
    register_erasure_notice,
    register_member_activity,
    register_member_erasure,
)

from .models import Booking, Child, RequestStatus, ServiceRequest


def requests_with_old_text(made_before: datetime) -> QuerySet:
    return ServiceRequest.objects.filter(text_removed_at__isnull=True, created_at__lt=made_before)


def remove_request_text(request: ServiceRequest) -> None:
    request.wish = REMOVED_TEXT
    # A declined request keeps a (blank) reason: the database insists on one.
    request.decline_reason = REMOVED_TEXT if request.status == RequestStatus.DECLINED else ""
    request.text_removed_at = timezone.now()
    request.save(update_fields=["wish", "decline_reason", "text_removed_at"])


def erase_member_data(member, now: datetime, by=None) -> None:
    """A member's erasure, in this app: children in childcare, and who may collect them,
    are the family's personal data and go; the member's requests keep only their kind
    and status, as a retention period would leave them."""
    Child.objects.filter(member=member).delete()
    requests = ServiceRequest.objects.filter(member=member)
    requests.exclude(status=RequestStatus.DECLINED).update(
        wish=REMOVED_TEXT, decline_reason="", text_removed_at=now
    )
    requests.filter(status=RequestStatus.DECLINED).update(
        wish=REMOVED_TEXT, decline_reason=REMOVED_TEXT, text_removed_at=now
    )


def release_account(member, account) -> None:
    """The erased member's bookings and requests that her own `account` made stop
    naming it (kept, counted)."""
    Booking.objects.filter(member=member, created_by=account).update(created_by=None)
    ServiceRequest.objects.filter(member=member, created_by=account).update(created_by=None)


def erasure_notice(member) -> list[str]:
    """What an erasure does to the member's bookings, requests and children, in counts,
    for the erase page."""
    lines = []
    bookings = Booking.objects.filter(member=member).count()
    if bookings:
        lines.append(
            ngettext(
                "%(count)s booking stays, for the sessions' counts.",
                "%(count)s bookings stay, for the sessions' counts.",
                bookings,
            )
            % {"count": figure(bookings)}
        )
    requests = ServiceRequest.objects.filter(member=member).count()
    if requests:
        lines.append(
            ngettext(
                "%(count)s request stays as counted demand (its kind and status); "
                "its words are removed.",
                "%(count)s requests stay as counted demand (their kind and status); "
                "their words are removed.",
                requests,
            )
            % {"count": figure(requests)}
        )
    children = Child.objects.filter(member=member).count()
    if children:
        lines.append(
            ngettext(
                "%(count)s child in childcare, and who may collect them, are removed.",
                "%(count)s children in childcare, and who may collect them, are removed.",
                children,
            )
            % {"count": figure(children)}
        )
    return lines


def recent_bookings(since: datetime) -> QuerySet:
    return Booking.objects.filter(
        Q(created_at__gte=since) | Q(session__starts_at__gte=since), member=OuterRef("pk")
    )


def register_steps() -> None:
    register(
        Step(
            key="request_texts",
            label=_("Texts of service requests removed"),
            period_field="request_text_months",
            due=requests_with_old_text,
            apply=remove_request_text,
        )
    )
    register_member_activity(recent_bookings)
    register_member_erasure(erase_member_data)
    register_account_release(release_account)
    register_erasure_notice(erasure_notice)
