"""Reads of the services app that span models: each is one or two queries, whatever
the number of sessions or bookings."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.local_time import day_bounds, zone_of

from .models import Booking, BookingStatus, Child, Service, ServiceRequest, Session


def sessions_with_counts(centre) -> QuerySet[Session]:
    """The centre's sessions, each with its booked, waiting, attended and missed counts."""
    return (
        Session.objects.for_centre(centre).select_related("service__category").with_booking_counts()
    )


def places_left(session: Session) -> int:
    return max(session.capacity - session.booked_count, 0)


def calendar_week(centre, monday: date) -> list[tuple[date, list[Session]]]:
    """The seven days from `monday`, each with its sessions in time order."""
    days = [monday + timedelta(days=n) for n in range(7)]
    zone = zone_of(centre)
    start, end = day_bounds(days[0], days[-1], zone)
    by_day: dict[date, list[Session]] = {day: [] for day in days}
    for session in sessions_with_counts(centre).between(start, end).order_by("starts_at", "pk"):
        session.places_left = places_left(session)
        by_day[timezone.localtime(session.starts_at, zone).date()].append(session)
    return list(by_day.items())


def session_bookings(session: Session) -> tuple[list[Booking], list[Booking]]:
    """The session's booked places and its waiting list (first to be promoted first)."""
    booked: list[Booking] = []
    waiting: list[Booking] = []
    live = session.bookings.live().select_related("member").order_by("created_at", "pk")
    for booking in live:
        (booked if booking.status == BookingStatus.BOOKED else waiting).append(booking)
    return booked, waiting


def live_booking(session: Session, member) -> Booking | None:
    """The member's booked or waiting place in the session, if any (None for no member)."""
    if member is None:
        return None
    return session.bookings.live().filter(member=member).first()


def children_in_session(session: Session) -> QuerySet[Child]:
    """Children of the members holding a booked place in the session."""
    members = Booking.objects.filter(session=session, status=BookingStatus.BOOKED).values(
        "member_id"
    )
    return (
        Child.objects.filter(member_id__in=members)
        .select_related("member")
        .order_by("member__number", "pk")
    )


def member_upcoming_bookings(member, limit: int = 20) -> QuerySet[Booking]:
    """The member's booked or waiting places in sessions that have not ended yet."""
    return (
        Booking.objects.live()
        .filter(member=member, session__ends_at__gt=timezone.now())
        .select_related("session__service")
        .order_by("session__starts_at", "pk")[:limit]
    )


def member_bookings(member, limit: int = 50) -> tuple[list[Booking], list[Booking]]:
    """A member's own bookings: those of sessions still to come or under way (booked,
    waiting or cancelled, soonest first), and those of sessions that have ended (most
    recent first). One query."""
    now = timezone.now()
    bookings = (
        Booking.objects.filter(member=member)
        .select_related("session__service")
        .order_by("-session__starts_at", "-pk")[:limit]
    )
    upcoming = [b for b in bookings if b.session.ends_at > now]
    past = [b for b in bookings if b.session.ends_at <= now]
    upcoming.reverse()
    return upcoming, past


def member_requests(member, limit: int = 50) -> QuerySet[ServiceRequest]:
    """The requests a member made under their name (anonymous ones lead back to nobody)."""
    return (
        ServiceRequest.objects.filter(member=member)
        .select_related("category")
        .order_by("-created_at", "-pk")[:limit]
    )


def catalogue_labels(centre) -> list[str]:
    """The centre's active services, as options for a priority ballot."""
    return list(
        Service.objects.for_centre(centre)
        .filter(active=True)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def requested_labels(centre) -> list[str]:
    """Kinds of service workers asked for and the centre has not yet planned or offered,
    as options for a priority ballot. Names only: no count, no wish, nobody."""
    from .models import RequestStatus

    open_requests = ServiceRequest.objects.for_centre(centre).filter(
        status__in=[RequestStatus.NEW, RequestStatus.UNDER_REVIEW], category__isnull=False
    )
    categories = ServiceCategory.objects.filter(pk__in=open_requests.values("category"))
    return sorted({str(category.name) for category in categories})
