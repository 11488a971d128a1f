"""What a member's merge moves in the services app (registered with `members.merging`):
bookings, children in childcare and service requests go to the record kept."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from members.merging import MergeStep, register_merge_step

from .models import Booking, BookingStatus, Child, ServiceRequest

# The better of two live bookings of one session: a place before a waiting-list place.
_RANK = {BookingStatus.BOOKED: 0, BookingStatus.WAITING: 1}


def move_bookings(keep, absorb, now: datetime) -> None:
    """Every booking moves. Where both records hold a live booking of one session (one
    per member), the better one stays live (a place before a waiting-list place, then
    the earlier) and the other is cancelled; a place that frees goes to the first on
    the waiting list, as `services.actions.booking_cancel` would give it."""
    keep_live = {b.session_id: b for b in Booking.objects.live().filter(member=keep)}
    for booking in Booking.objects.live().filter(member=absorb, session_id__in=keep_live):
        pair = [booking, keep_live[booking.session_id]]
        pair.sort(key=lambda b: (_RANK[b.status], b.created_at, b.pk))
        kept, loser = pair
        Booking.objects.filter(pk=loser.pk).update(status=BookingStatus.CANCELLED)
        if loser.attended and not kept.attended:  # only a place is marked attended
            Booking.objects.filter(pk=kept.pk).update(attended=True)  # they came, once
        if loser.status == BookingStatus.BOOKED:
            first_waiting = (
                Booking.objects.filter(session_id=loser.session_id, status=BookingStatus.WAITING)
                .order_by("created_at", "pk")
                .values("pk")[:1]
            )
            Booking.objects.filter(pk__in=first_waiting).update(status=BookingStatus.BOOKED)
    Booking.objects.filter(member=absorb).update(member=keep)


def register_steps() -> None:
    register_merge_step(
        MergeStep(
            "bookings",
            _("Bookings"),
            lambda m: Booking.objects.filter(member=m).count(),
            move_bookings,
        )
    )
    register_merge_step(MergeStep.of_rows("children", _("Children in childcare"), Child))
    register_merge_step(MergeStep.of_rows("requests", _("Service requests"), ServiceRequest))
