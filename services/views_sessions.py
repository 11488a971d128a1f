"""The week calendar, a session's page, bookings and the waiting list, attendance and
walk-ins, fees and waivers, and childcare pick-ups.

Messages name members by their code only: they travel in a cookie, and a code is
pseudonymous where a name is not.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres import local_time
from centres.access import centre_view
from centres.local_time import week_start
from centres.models import Centre
from centres.notices import show_form_errors, show_refusal
from centres.numbers import figure
from centres.templatetags.bidi import isolated
from members.models import Member
from members.selectors import own_member

from . import actions
from .forms_sessions import (
    AttendanceForm,
    BookingForm,
    ChildForm,
    FeeForm,
    PickUpForm,
    SessionCancelForm,
    WalkInsForm,
    WeekForm,
)
from .models import Booking, BookingStatus, Session
from .selectors import (
    calendar_week,
    live_booking,
    places_left,
    session_bookings,
    sessions_with_counts,
)

# What the session page offers, by permission.
SESSION_PERMISSIONS = (
    "book_self",
    "view_bookings",
    "view_session_counts",
    "book",
    "mark_attendance",
    "manage_services",
    "childcare",
)


def _get_session(centre: Centre, session_id: int) -> Session:
    session = get_object_or_404(sessions_with_counts(centre), pk=session_id)
    session.places_left = places_left(session)
    return session


def _get_booking(session: Session, booking_id: int) -> Booking:
    booking = get_object_or_404(session.bookings.select_related("member"), pk=booking_id)
    booking.session = session
    return booking


def _to_session(session: Session) -> HttpResponse:
    return redirect("session_detail", centre_id=session.centre_id, session_id=session.pk)


@require_GET
@centre_view("services.view_calendar")
def calendar(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = WeekForm(request.GET)
    today = local_time.today(centre)
    day = today
    if form.is_valid():
        day = form.cleaned_data["week"] or today
    else:
        messages.warning(request, _("That date could not be shown: here is this week."))
    monday = week_start(day)
    return render(
        request,
        "services/calendar.html",
        {
            "centre": centre,
            "days": calendar_week(centre, monday),
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "today": today,
            "is_this_week": monday == week_start(today),
            # How many wait is the front desk's; others see only whether places are left.
            "can_view_bookings": request.user.has_perm("services.view_session_counts", centre),
            "now": timezone.now(),
        },
    )


def _render_session(
    request: HttpRequest, centre: Centre, session: Session, **forms
) -> HttpResponse:
    # A refused form shows its errors once, in its own error summary, which takes the
    # focus however far down the page it is: a banner too would say each one twice.
    can = {name: request.user.has_perm(f"services.{name}", centre) for name in SESSION_PERMISSIONS}
    booked, waiting = session_bookings(session) if can["view_bookings"] else ([], [])
    me = (
        own_member(request.user, centre)
        if request.user.has_perm("services.book_self", centre)
        else None
    )
    my_booking = live_booking(session, me)
    forms.setdefault("booking_form", BookingForm(centre=centre, session=session))
    forms.setdefault("walk_ins_form", WalkInsForm(initial={"walk_ins": session.walk_ins}))
    forms.setdefault("cancel_form", SessionCancelForm())
    return render(
        request,
        "services/session_detail.html",
        {
            "centre": centre,
            "session": session,
            "service": session.service,
            "is_over": session.ends_at <= timezone.now(),
            "has_started": session.starts_at <= timezone.now(),
            "week": timezone.localtime(session.starts_at).date().isoformat(),
            "can": can,
            "booked": booked,
            "waiting": waiting,
            "me": me,
            "my_booking": my_booking,
            **forms,
        },
    )


@require_GET
@centre_view("services.view_calendar")
def session_detail(request: HttpRequest, centre: Centre, session_id: int) -> HttpResponse:
    return _render_session(request, centre, _get_session(centre, session_id))


@require_POST
@centre_view("services.manage_services")
def session_cancel(request: HttpRequest, centre: Centre, session_id: int) -> HttpResponse:
    session = _get_session(centre, session_id)
    form = SessionCancelForm(request.POST)
    if not form.is_valid():
        return _render_session(request, centre, session, cancel_form=form)
    try:
        actions.session_cancel(session=session, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The session is cancelled."))
    return _to_session(session)


@require_POST
@centre_view("services.mark_attendance")
def walk_ins_set(request: HttpRequest, centre: Centre, session_id: int) -> HttpResponse:
    session = _get_session(centre, session_id)
    form = WalkInsForm(request.POST)
    if not form.is_valid():
        return _render_session(request, centre, session, walk_ins_form=form)
    count = form.cleaned_data["walk_ins"]
    try:
        actions.walk_ins_set(session=session, count=count, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Walk-ins: %(count)s.") % {"count": figure(count)})
    return _to_session(session)


@require_POST
@centre_view("services.book")
def booking_create(request: HttpRequest, centre: Centre, session_id: int) -> HttpResponse:
    session = _get_session(centre, session_id)
    form = BookingForm(request.POST, centre=centre, session=session)
    if form.is_valid():
        try:
            booking = actions.booking_create(
                session=session,
                member=form.cleaned_data["member"],
                by=request.user,
                waiver_reason=form.cleaned_data.get("waiver_reason", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if booking.status == BookingStatus.BOOKED:
                text = _("%(code)s is booked.")
            else:
                text = _("The session is full: %(code)s is on the waiting list.")
            messages.success(request, text % {"code": isolated(booking.member.code)})
            return _to_session(session)
    return _render_session(request, centre, session, booking_form=form)


@require_POST
@centre_view("services.book")
def booking_cancel(
    request: HttpRequest, centre: Centre, session_id: int, booking_id: int
) -> HttpResponse:
    session = _get_session(centre, session_id)
    booking = _get_booking(session, booking_id)
    try:
        promoted = actions.booking_cancel(booking=booking, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request,
            _("The booking of %(code)s is cancelled.") % {"code": isolated(booking.member.code)},
        )
        if promoted is not None:
            messages.success(
                request,
                _("%(code)s moves up from the waiting list and now has a place.")
                % {"code": isolated(promoted.member.code)},
            )
    return _to_session(session)


@require_POST
@centre_view("services.mark_attendance")
def attendance_mark(
    request: HttpRequest, centre: Centre, session_id: int, booking_id: int
) -> HttpResponse:
    session = _get_session(centre, session_id)
    booking = _get_booking(session, booking_id)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose attended or missed."))
        return _to_session(session)
    attended = form.cleaned_data["attended"]
    try:
        actions.attendance_mark(booking=booking, attended=attended, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        text = _("%(code)s attended.") if attended else _("%(code)s did not come.")
        messages.success(request, text % {"code": isolated(booking.member.code)})
    return _to_session(session)


@require_POST
@centre_view("services.book")
def fee_settle(
    request: HttpRequest, centre: Centre, session_id: int, booking_id: int
) -> HttpResponse:
    session = _get_session(centre, session_id)
    booking = _get_booking(session, booking_id)
    form = FeeForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return _to_session(session)
    try:
        actions.fee_settle(
            booking=booking,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request,
            _("Fee of %(code)s: %(status)s.")
            % {"code": isolated(booking.member.code), "status": booking.get_fee_status_display()},
        )
    return _to_session(session)


@require_http_methods(["GET", "POST"])
@centre_view("services.childcare")
def pick_up(request: HttpRequest, centre: Centre, session_id: int) -> HttpResponse:
    session = _get_session(centre, session_id)
    if not session.service.is_childcare:
        raise Http404
    form = PickUpForm(request.POST if request.method == "POST" else None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = actions.pick_up_check(
                child=form.cleaned_data["child"],
                session=session,
                collector=form.cleaned_data["collector"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The result is shown from the record, by its id: no name in the URL or a cookie.
            url = reverse("pick_up", args=[centre.pk, session.pk])
            return redirect(f"{url}?checked={attempt.pk}")
    attempts = list(session.pick_ups.select_related("child__member")[:50])
    checked_id = request.GET.get("checked", "")
    checked = next((a for a in attempts if str(a.pk) == checked_id), None)
    return render(
        request,
        "services/pick_up.html",
        {
            "centre": centre,
            "session": session,
            "form": form,
            "attempts": attempts,
            "checked": checked,
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("services.childcare")
def child_add(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.for_centre(centre).active(), pk=member_id)
    form = ChildForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.child_add(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The child of %(code)s is registered.") % {"code": isolated(member.code)}
            )
            return redirect("child_add", centre_id=centre.pk, member_id=member.pk)
    return render(
        request,
        "services/child_form.html",
        {"centre": centre, "member": member, "form": form, "children": member.children.all()},
    )


@require_POST
@centre_view("services.book_self")
def book_me(request: HttpRequest, centre: Centre, session_id: int) -> HttpResponse:
    """A member with an account books themselves (or joins the waiting list)."""
    session = _get_session(centre, session_id)
    member = own_member(request.user, centre)
    if member is None:
        messages.error(
            request, _("Your account is not linked to a member record: ask at the centre.")
        )
        return _to_session(session)
    try:
        booking = actions.booking_create(session=session, member=member, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        if booking.status == BookingStatus.BOOKED:
            messages.success(request, _("You are booked. See you there."))
        else:
            messages.success(request, _("The session is full: you are on the waiting list."))
    return _to_session(session)


@require_POST
@centre_view("services.book_self")
def unbook_me(request: HttpRequest, centre: Centre, session_id: int) -> HttpResponse:
    """A member cancels their own booking; the first person waiting gets the place."""
    session = _get_session(centre, session_id)
    member = own_member(request.user, centre)
    booking = live_booking(session, member)
    if booking is None:
        # A second tap, or a page left open after cancelling elsewhere: nothing to undo.
        messages.info(request, _("You have no booking for this session."))
        return _to_session(session)
    try:
        actions.booking_cancel(booking=booking, by=request.user)
    except ValidationError:  # the other tap of a double tap got there first
        messages.info(request, _("You have no booking for this session."))
    else:
        messages.success(request, _("Your booking is cancelled."))
    return _to_session(session)
