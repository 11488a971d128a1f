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

from centres.retention import Step, register, register_member_activity

from .models import Booking, RequestStatus, ServiceRequest

REMOVED_TEXT = "—"


def requests_with_old_text(made_before: datetime) -> QuerySet:
    return ServiceRequest.objects.filter(text_removed_at__isnull=True, created_at__lt=made_before)


def remove_request_text(request: ServiceRequest) -> None:
    request.wish = REMOVED_TEXT
    # A declined request keeps a (blank) reason: the database insists on one.
    request.decline_reason = REMOVED_TEXT if request.status == RequestStatus.DECLINED else ""
    request.text_removed_at = timezone.now()
    request.save(update_fields=["wish", "decline_reason", "text_removed_at"])


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
