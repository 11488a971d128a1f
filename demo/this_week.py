"""What makes the demo feel current whenever it is loaded or loaded again: sessions on
every weekly time of the current week (earlier days included, so attendance can be
marked), a drop-in session under way today, and the demo worker's own bookings and
request. Every step finds what is there and adds only what is missing."""

from datetime import time, timedelta

from django.utils import timezone

from centres.categories import ServiceCategory
from centres.local_time import today as local_today
from centres.local_time import wall_clock, week_start, zone_of
from members.models import Member
from services import actions
from services.models import RequestChannel, Service, Session

DROP_IN = "Drop-in advice desk"


def _session_at(service: Service, starts, minutes: int, *, by) -> Session:
    session = Session.objects.filter(service=service, starts_at=starts).first()
    if session is None:
        session = actions.session_add(service=service, starts_at=starts, minutes=minutes, by=by)
    return session


def load_this_week(centre, *, manager, social) -> None:
    """Sessions of every weekly time on each day of this week, a few people booked on
    each, and a drop-in session that started an hour ago."""
    zone, today = zone_of(centre), local_today(centre)
    monday = week_start(today)
    members = list(centre.members.active().filter(account=None).order_by("number")[:6])
    for service in centre.services.filter(active=True).prefetch_related("slots"):
        for slot in service.slots.all():
            day = monday + timedelta(days=slot.weekday)
            session = _session_at(
                service, wall_clock(day, slot.starts, zone), slot.minutes, by=manager
            )
            if not session.bookings.exists():
                for member in members[: min(3, session.capacity)]:
                    actions.booking_create(session=session, member=member, by=social)
    advice = ServiceCategory.objects.filter(centre=None, code="advice").first()
    drop_in = Service.objects.filter(centre=centre, name=DROP_IN).first()
    if drop_in is None:
        drop_in = actions.service_save(
            service=Service(centre=centre, category=advice, name=DROP_IN, capacity=10),
            by=manager,
        )
    hour = timezone.localtime(timezone.now(), zone).hour
    starts = wall_clock(today, time(max(hour - 1, 0)), zone)
    session = _session_at(drop_in, starts, 180, by=manager)
    if not session.bookings.exists():
        for member in members[:3]:
            actions.booking_create(session=session, member=member, by=social)


def load_worker(centre, *, user, by) -> Member:
    """worker@example.org's member record, linked to the account, with a booking to
    come and a request under their name."""
    from demo.governance import linked_member

    since = centre.created_at + timedelta(hours=1)
    member = linked_member(centre, user, "Sita", by=by, since=since)
    upcoming = (
        Session.objects.for_centre(centre)
        .running()
        .filter(starts_at__gt=timezone.now(), service__slots__isnull=False)
        .order_by("starts_at")
        .first()
    )
    live = member.bookings.live()
    if upcoming is not None and not live.filter(session__starts_at__gt=timezone.now()).exists():
        actions.booking_create(session=upcoming, member=member, by=user)
    if not member.requests.exists():
        language = ServiceCategory.objects.filter(centre=None, code="language").first()
        actions.request_create(
            centre=centre,
            wish="An English class on Friday evenings, please.",
            category=language,
            member=member,
            by=user,
            channel=RequestChannel.MEMBER,
        )
    return member
