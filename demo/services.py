"""Demo services, sessions with bookings and attendance, and workers' requests."""

import random
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.local_time import today as local_today
from centres.local_time import wall_clock, week_start, zone_of
from services import actions
from services.models import ReferralPartner, RequestChannel, Service, ServiceRequest, Session


def booked_ahead(session: Session, member) -> datetime:
    """When the demo's front desk booked `member` onto `session`: the day before it (or
    when they registered, if later), never later than now. Bookings are made before a
    session starts, and a history is loaded as it was made."""
    return min(timezone.now(), max(session.starts_at - timedelta(days=1), member.registered_at))


SERVICES = [
    # name, category, capacity, fee, weekday, start, minutes
    ("Arabic for everyday life", "language", 12, 0, 4, time(11, 0), 90),
    ("Labour rights clinic", "advice", 8, 0, 5, time(14, 0), 120),
    ("Childcare on Fridays", "unpaid_work", 10, 0, 4, time(10, 0), 360),
    ("Sewing machine operator course", "vocational", 10, 2, 5, time(10, 0), 120),
    ("Women's support circle", "psychosocial", 15, 0, 4, time(16, 0), 90),
]
BEIRUT_SERVICES = [
    ("Sunday childcare", "unpaid_work", 12, 0, 6, time(9, 30), 480),
    ("French conversation", "language", 10, 0, 6, time(11, 0), 90),
    ("Union legal advice", "advice", 6, 0, 6, time(14, 0), 120),
    ("Phone and computer basics", "vocational", 8, 0, 6, time(16, 0), 90),  # open Sundays only
]
# Language codes (centres.languages); a service not named here is in Arabic, English, Hindi.
SERVICE_LANGUAGES = {
    "Labour rights clinic": ["ar", "bn", "en", "hi", "ne"],
    "Women's support circle": ["hi", "ne"],
    "Sunday childcare": ["am", "ar", "en"],
    "French conversation": ["fr"],
    "Union legal advice": ["am", "ar", "en", "fr"],
}
BEIRUT_REQUESTS = [
    ("advice", "Help to get my passport back from the agency."),
    ("language", "English lessons on Sunday mornings."),
    ("health", "A clinic that is open on Sundays."),
    ("transport", "A safe way home after the evening class."),
]
REQUESTS = [
    ("language", "An English class in the evening, after work."),
    ("language", "Computer and phone lessons to call home by video."),
    ("unpaid_work", "A washing machine we can use on Fridays."),
    ("health", "A doctor who speaks Nepali, once a month."),
    ("health", "Check-ups for women's health."),
    ("transport", "A bus from the Sahab dormitories on Fridays."),
    ("recreation", "Dance classes."),
]


def load_services(
    centre, *, manager, social, services=SERVICES, requests=REQUESTS, currency: str = "JOD"
) -> None:
    rng = random.Random(7)  # noqa: S311 - demo data
    partner, _ = ReferralPartner.objects.get_or_create(
        centre=centre,
        name="Sahab health clinic",
        defaults={"kind": "clinic", "languages": ["ar", "en"]},
    )
    categories = {c.code: c for c in ServiceCategory.objects.filter(centre=None)}
    members = list(centre.members.active().order_by("number"))
    today, zone = local_today(centre), zone_of(centre)
    for name, code, capacity, fee, weekday, starts, minutes in services:
        service = actions.service_save(
            service=Service(
                centre=centre,
                category=categories[code],
                name=name,
                capacity=capacity,
                fee=fee,
                fee_currency=currency if fee else "",
                is_childcare=code == "unpaid_work",
                provider_partner=partner if code == "health" else None,
                languages=SERVICE_LANGUAGES.get(name, ["ar", "en", "hi"]),
            ),
            by=manager,
        )
        actions.slot_add(
            service=service, weekday=weekday, starts=starts, minutes=minutes, by=manager
        )
        # Every closed week the demo's reports cover, with bookings and attendance.
        for day in past_days(today, weekday):
            session = actions.session_add(
                service=service,
                starts_at=wall_clock(day, starts, zone),
                minutes=minutes,
                by=manager,
            )
            # Only those registered by then come to a past session.
            members_then = [m for m in members if m.registered_at < session.starts_at]
            for member in rng.sample(members_then, min(len(members_then), capacity + 2)):
                booking = actions.booking_create(
                    session=session,
                    member=member,
                    by=social,
                    at=booked_ahead(session, member),
                    waiver_reason="Cannot pay this month" if fee and rng.random() < 0.3 else "",
                )
                if booking.status == "booked":
                    actions.attendance_mark(booking=booking, attended=rng.random() < 0.8, by=social)
            actions.walk_ins_set(
                session=Session.objects.get(pk=session.pk), count=rng.randint(0, 4), by=social
            )
        upcoming = service.sessions.filter(starts_at__gt=timezone.now()).first()
        if upcoming is not None:
            for member in rng.sample(members, min(len(members), capacity // 2)):
                actions.booking_create(session=upcoming, member=member, by=social)
    now = timezone.now()
    for n, (code, wish) in enumerate(requests):
        wish = actions.request_create(
            centre=centre,
            wish=wish,
            category=categories[code],
            by=social,
            channel=RequestChannel.STAFF,
        )
        # Asked over the last two months, one a fortnight or so, none before the
        # centre opened: each closed week and month has some demand to show.
        asked = max(
            now - timedelta(days=3 + 13 * n, hours=n), centre.created_at + timedelta(hours=1)
        )
        ServiceRequest.objects.filter(pk=wish.pk).update(created_at=asked)


def past_days(today: date, weekday: int) -> list[date]:
    """The days falling on `weekday` (Monday 0) in every closed ISO week from the first
    day of the month two months before `today`'s to the week before `today`'s, oldest
    first: the weeks and months the demo's reports cover (`demo.reports`)."""
    monday = week_start(today)
    first = today.replace(day=1) - relativedelta(months=2)
    weeks = -(-(monday - first).days // 7)
    return [monday + timedelta(days=weekday - 7 * n) for n in range(weeks, 0, -1)]
