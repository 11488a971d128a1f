"""What makes the demo feel current whenever it is loaded or loaded again: sessions on
every weekly time of the current week (earlier days included, so attendance can be
marked), a drop-in session within the centre's opening hours (under way when it is
open), and the demo worker's own bookings, request and case. Every step finds what is
there and adds only what is missing."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from centres.categories import ServiceCategory
from centres.local_time import today as local_today
from centres.local_time import wall_clock, week_start, zone_of
from members.models import Member
from services import actions
from services.models import RequestChannel, Service, Session

from .services import booked_ahead

DROP_IN = "Drop-in advice desk"


def _session_at(service: Service, starts, minutes: int, *, by) -> Session:
    session = Session.objects.filter(service=service, starts_at=starts).first()
    if session is None:
        session = actions.session_add(service=service, starts_at=starts, minutes=minutes, by=by)
    return session


def drop_in_window(hours: dict, now: datetime) -> tuple[date, time, int]:
    """The drop-in session's day, start and length in minutes, on the centre's clock
    (`now` is local): while the centre is open, from an hour ago (or its opening) to its
    closing, so that it is under way; else the whole of its last opening day, so that
    its attendance can be marked. `hours`: weekday (Monday 0) to opening and closing hour."""
    for back in range(8):
        day = now.date() - timedelta(days=back)
        if day.weekday() not in hours:
            continue
        opens, closes = hours[day.weekday()]
        if back == 0 and now.hour < opens:
            continue  # not open yet today
        start = max(opens, now.hour - 1) if back == 0 and now.hour < closes else opens
        return day, time(start), (closes - start) * 60
    raise ValueError("a centre open on no day of the week")


def load_this_week(centre, *, manager, social, hours: dict) -> None:
    """Sessions of every weekly time on each day of this week, a few people booked on
    each, and a drop-in session within the centre's opening hours (`hours`, as
    `drop_in_window` takes them)."""
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
                    actions.booking_create(
                        session=session, member=member, by=social, at=booked_ahead(session, member)
                    )
    advice = ServiceCategory.objects.filter(centre=None, code="advice").first()
    drop_in = Service.objects.filter(centre=centre, name=DROP_IN).first()
    if drop_in is None:
        drop_in = actions.service_save(
            service=Service(
                centre=centre,
                category=advice,
                name=DROP_IN,
                capacity=10,
                languages=centre.languages,  # whoever is on duty: the centre's languages
            ),
            by=manager,
        )
    day, starts, minutes = drop_in_window(hours, timezone.localtime(timezone.now(), zone))
    session = _session_at(drop_in, wall_clock(day, starts, zone), minutes, by=manager)
    if not session.bookings.exists():
        for member in members[:3]:
            actions.booking_create(
                session=session, member=member, by=social, at=booked_ahead(session, member)
            )


def load_worker(centre, *, user, by, hours: dict) -> Member:
    """worker@example.org's member record, linked to the account, with a booking to
    come, a request and a case under their name (`hours` as `drop_in_window` takes
    them: the case was opened on the centre's last opening day before today)."""
    from demo.cases import own_case
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
    if not member.grievances.exists():
        yesterday = timezone.localtime(timezone.now(), zone_of(centre)).replace(
            hour=0, minute=0, second=0, microsecond=0
        ) - timedelta(minutes=1)
        day, starts, _minutes = drop_in_window(hours, yesterday)
        own_case(member, by=by, at=wall_clock(day, starts, zone_of(centre)))
    return member
