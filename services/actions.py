"""Writes of the services app. Atomic, rule-checking, audited by django-auditlog."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.categories import CODE_LENGTH, ServiceCategory, code_from_name
from centres.dates import check_happened
from centres.local_time import day_start, wall_clock, zone_of
from centres.local_time import today as local_today
from centres.models import Centre, User
from centres.names import saving_named
from members.models import Member

from .models import (
    Booking,
    BookingStatus,
    Child,
    FeeStatus,
    PickUp,
    ReferralPartner,
    RequestChannel,
    RequestStatus,
    ScheduleSlot,
    Service,
    ServiceRequest,
    Session,
)

# --- Services and their sessions --------------------------------------------


@records_actor
@transaction.atomic
def service_save(*, service: Service, by: User) -> Service:
    """Create or update a service after checking that everything it points to is its centre's."""
    if service.category.centre_id not in (None, service.centre_id):
        raise ValidationError(_("This category belongs to another centre."))
    if service.provider_partner and service.provider_partner.centre_id != service.centre_id:
        raise ValidationError(_("This partner belongs to another centre."))
    if (
        service.provider_staff
        and not service.provider_staff.centre_roles.filter(centre_id=service.centre_id).exists()
    ):
        raise ValidationError(_("The provider must be a person of this centre."))
    service.full_clean()
    with saving_named(service):
        service.save()
    return service


@records_actor
@transaction.atomic
def category_add(*, centre: Centre, name: str, kind: str, by: User) -> ServiceCategory:
    code = base = code_from_name(name)
    n = 1
    while ServiceCategory.objects.filter(centre=centre, code=code).exists():
        n += 1
        code = f"{base[: CODE_LENGTH - 4].rstrip('-_')}-{n}"
    category = ServiceCategory(centre=centre, code=code, own_name=name, kind=kind, position=100)
    category.full_clean()
    with saving_named(category):
        category.save()
    return category


@transaction.atomic
def sessions_generate(*, service: Service, weeks: int = 4, today: date | None = None) -> int:
    """Create the sessions of the service's weekly times for the coming weeks.

    Weekly times are wall-clock times in the centre's IANA time zone: a Saturday 18:00
    class is at 18:00 local time before and after a DST change (so its UTC instant
    moves), whatever zone the server or the caller runs in. `today` is the centre's
    local date unless given. Idempotent: a session that exists (or was cancelled) is
    left as it is.
    """
    if not service.active:
        return 0
    zone = zone_of(service.centre)
    today = today or local_today(service.centre)
    created = 0
    for slot in service.slots.all():
        for offset in range(weeks * 7):
            day = today + timedelta(days=offset)
            if day.weekday() != slot.weekday:
                continue
            starts = wall_clock(day, slot.starts, zone).astimezone(UTC)
            _session, made = Session.objects.get_or_create(
                service=service,
                starts_at=starts,
                defaults={
                    "centre_id": service.centre_id,
                    "slot": slot,
                    "ends_at": starts + timedelta(minutes=slot.minutes),
                    "capacity": service.capacity,
                },
            )
            created += made
    return created


@records_actor
@transaction.atomic
def slot_add(*, service: Service, weekday: int, starts, minutes: int, by: User) -> ScheduleSlot:
    slot = ScheduleSlot(service=service, weekday=weekday, starts=starts, minutes=minutes)
    slot.full_clean()
    slot.save()
    sessions_generate(service=service)
    return slot


@records_actor
@transaction.atomic
def session_add(
    *, service: Service, starts_at: datetime, minutes: int, by: User, capacity: int | None = None
) -> Session:
    """A one-off session, outside the weekly schedule."""
    session = Session(
        centre_id=service.centre_id,
        service=service,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        capacity=capacity or service.capacity,
    )
    session.full_clean()
    session.save()
    return session


@records_actor
@transaction.atomic
def session_cancel(*, session: Session, reason: str, by: User) -> Session:
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    if not reason.strip():
        raise ValidationError(
            _("Say why the session is cancelled: the people booked will be told.")
        )
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason.strip()
    session.save(update_fields=["cancelled_at", "cancel_reason"])
    return session


def check_attendance_open(session: Session, now: datetime | None = None) -> None:
    """Attendance (named or head-count) is what happened: it can be recorded once the
    session has started, never before, and never for a cancelled session. The start
    is told in the centre's own time."""
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if session.starts_at > (now or timezone.now()):
        start = timezone.localtime(session.starts_at, zone_of(session.centre))
        raise ValidationError(
            _("Attendance can be marked once the session has started, at %(start)s.")
            % {"start": date_format(start, "SHORT_DATETIME_FORMAT")}
        )


@records_actor
@transaction.atomic
def walk_ins_set(*, session: Session, count: int, by: User) -> Session:
    session = _locked(session)
    check_attendance_open(session)
    if count < 0:
        raise ValidationError(_("The number of walk-ins cannot be negative."))
    session.walk_ins = count
    session.save(update_fields=["walk_ins"])
    return session


# --- Bookings ----------------------------------------------------------------


def _locked(session: Session) -> Session:
    """The session row, locked: bookings of one session are decided one at a time."""
    # Only the session row: locking the joined service and shared category too would
    # queue every booking of every centre that uses the same category.
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("service__category")
        .get(pk=session.pk)
    )


def check_booking_open(session: Session, now: datetime | None = None) -> None:
    """A place is booked ahead: once a session has started (or is over) nobody can
    book it, the worker nor staff; who came is attendance and walk-ins. The start is
    told in the centre's own time."""
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if session.starts_at <= (now or timezone.now()):
        start = timezone.localtime(session.starts_at, zone_of(session.centre))
        raise ValidationError(
            _(
                "This session started at %(start)s: it can no longer be booked. "
                "Record who came as attendance or walk-ins."
            )
            % {"start": date_format(start, "SHORT_DATETIME_FORMAT")}
        )


@records_actor
@transaction.atomic
def booking_create(
    *,
    session: Session,
    member: Member,
    by: User | None,
    waiver_reason: str = "",
    at: datetime | None = None,
) -> Booking:
    """Book a place, or a place on the waiting list when the session is full; only
    before the session starts (`at`, when the booking is made: now unless a history is
    being loaded).

    A fee never stops a booking: it is recorded as due, or as waived with a reason.
    """
    if at is not None:
        check_happened(session.centre, at=at)
    session = _locked(session)
    at = at or timezone.now()
    check_booking_open(session, at)
    if member.centre_id != session.centre_id or member.erased_at is not None:
        raise ValidationError(_("This member cannot be booked here."))
    if session.bookings.live().filter(member=member).exists():
        raise ValidationError(_("This member is already booked or waiting for this session."))
    booked = session.bookings.filter(status=BookingStatus.BOOKED).count()
    if session.service.fee > 0:
        fee_status = FeeStatus.WAIVED if waiver_reason.strip() else FeeStatus.DUE
    else:
        fee_status = FeeStatus.NONE
    return Booking.objects.create(
        session=session,
        member=member,
        status=BookingStatus.BOOKED if booked < session.capacity else BookingStatus.WAITING,
        fee_status=fee_status,
        waiver_reason=waiver_reason.strip() if fee_status == FeeStatus.WAIVED else "",
        created_at=at,
        created_by=by,
    )


@records_actor
@transaction.atomic
def booking_cancel(*, booking: Booking, by: User | None) -> Booking | None:
    """Cancel a booking; a freed place goes to the first on the waiting list.

    Returns the promoted booking, if any.
    """
    session = _locked(booking.session)
    booking = Booking.objects.get(pk=booking.pk)
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError(_("This booking is already cancelled."))
    freed = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    if not freed:
        return None
    waiting = (
        session.bookings.filter(status=BookingStatus.WAITING).order_by("created_at", "pk").first()
    )
    if waiting is not None:
        waiting.status = BookingStatus.BOOKED
        waiting.save(update_fields=["status"])
    return waiting


@records_actor
@transaction.atomic
def attendance_mark(*, booking: Booking, attended: bool, by: User) -> Booking:
    check_attendance_open(_locked(booking.session))
    booking = Booking.objects.select_related("session").get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("Only a booked place can be marked as attended or missed."))
    booking.attended = attended
    booking.save(update_fields=["attended"])
    return booking


@records_actor
@transaction.atomic
def fee_settle(*, booking: Booking, status: str, by: User, reason: str = "") -> Booking:
    """Record a fee as paid or waived. A waiver needs a reason; neither blocks anything."""
    if booking.fee_status == FeeStatus.NONE:
        raise ValidationError(_("This service has no fee."))
    if status == FeeStatus.WAIVED and not reason.strip():
        raise ValidationError(_("Give the reason for the waiver."))
    if status not in (FeeStatus.PAID, FeeStatus.WAIVED):
        raise ValidationError(_("A fee can only be marked paid or waived."))
    booking.fee_status = status
    booking.waiver_reason = reason.strip() if status == FeeStatus.WAIVED else ""
    booking.save(update_fields=["fee_status", "waiver_reason"])
    return booking


# --- Childcare ---------------------------------------------------------------


@records_actor
@transaction.atomic
def child_add(*, member: Member, name: str, collectors: str, by: User) -> Child:
    member.check_not_erased()
    if not [line for line in collectors.splitlines() if line.strip()]:
        raise ValidationError(_("Name at least one person who may collect the child."))
    child = Child(member=member, name=name.strip(), collectors=collectors.strip())
    child.full_clean()
    child.save()
    return child


@records_actor
@transaction.atomic
def pick_up_check(*, child: Child, session: Session, collector: str, by: User) -> PickUp:
    """Record a pick-up attempt. Someone not on the child's list is refused, and the
    refusal is recorded too."""
    if child.member.centre_id != session.centre_id:
        raise ValidationError(_("This child is not registered at this centre."))
    if not session.service.is_childcare:
        raise ValidationError(_("This session is not childcare."))
    return PickUp.objects.create(
        child=child,
        session=session,
        collector=" ".join(collector.split()),
        allowed=child.may_be_collected_by(collector),
        recorded_by=by,
    )


# --- Workers' requests -------------------------------------------------------

NEXT_STATUSES = {
    RequestStatus.NEW: {RequestStatus.UNDER_REVIEW, RequestStatus.DECLINED},
    RequestStatus.UNDER_REVIEW: {
        RequestStatus.PLANNED,
        RequestStatus.OFFERED,
        RequestStatus.DECLINED,
    },
    RequestStatus.PLANNED: {RequestStatus.OFFERED, RequestStatus.DECLINED},
    RequestStatus.OFFERED: set(),
    RequestStatus.DECLINED: {RequestStatus.UNDER_REVIEW},
}


@records_actor
@transaction.atomic
def request_create(
    *,
    centre: Centre,
    wish: str,
    by: User | None,
    category: ServiceCategory | None = None,
    member: Member | None = None,
    channel: str = RequestChannel.STAFF,
) -> ServiceRequest:
    if category is not None and category.centre_id not in (None, centre.pk):
        raise ValidationError(_("This category belongs to another centre."))
    if member is not None and member.centre_id != centre.pk:
        raise ValidationError(_("This member belongs to another centre."))
    if member is not None:
        member.check_not_erased()
    request = ServiceRequest(
        centre=centre,
        wish=wish.strip(),
        category=category,
        member=member,
        channel=channel,
        created_by=by,
    )
    if member is None:
        # An anonymous request keeps only its local day and a coarse channel, and
        # leaves no trail row of its own: an exact time (or the trail's next row) would
        # link it to the visit or kiosk check-in just before it, and "by the member" to
        # the few accounts that can use that page. Later changes are audited as usual.
        if channel in (RequestChannel.MEMBER, RequestChannel.KIOSK):
            request.channel = RequestChannel.SELF
        zone = zone_of(centre)
        request.created_at = day_start(local_today(centre), zone)
        request.full_clean()
        with disable_auditlog():
            request.save()
        return request
    request.full_clean()
    request.save()
    return request


@records_actor
@transaction.atomic
def request_move(
    *, request: ServiceRequest, status: str, by: User, reason: str = ""
) -> ServiceRequest:
    if status not in RequestStatus.values:
        raise ValidationError(_("Unknown status."))
    if status not in NEXT_STATUSES[request.status]:
        raise ValidationError(
            _("A request that is “%(now)s” cannot become “%(next)s”.")
            % {"now": request.get_status_display(), "next": RequestStatus(status).label}
        )
    if status == RequestStatus.DECLINED and not reason.strip():
        raise ValidationError(_("Say why the request is declined: the worker will be told."))
    request.status = status
    request.decline_reason = reason.strip() if status == RequestStatus.DECLINED else ""
    request.save(update_fields=["status", "decline_reason"])
    return request


# --- Referral partners -------------------------------------------------------


@records_actor
@transaction.atomic
def partner_save(*, partner: ReferralPartner, by: User) -> ReferralPartner:
    """Create or update an entry of the centre's referral directory (audited by auditlog)."""
    if partner.centre_id is None:
        raise ValidationError(_("A partner belongs to a centre."))
    partner.name = partner.name.strip()
    partner.full_clean()
    with saving_named(partner):
        partner.save()
    return partner
