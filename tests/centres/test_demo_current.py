"""The demo as a new user meets it: the worker account is linked to a member with a
booking and a request, this week has sessions (one under way when the centre is open),
every session within its centre's opening hours on its clock, the Beirut centre has its
own data, and loading it again adds nothing."""

from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone

from advocacy.models import Grievance
from centres.languages import validate_language_codes
from centres.local_time import day_bounds, week_start, zone_of
from centres.local_time import today as local_today
from centres.models import Centre, User
from demo.this_week import drop_in_window, load_this_week
from demo.visits import AMMAN_HOURS, BEIRUT_HOURS
from members.models import Member, Visit
from services.models import Booking, ServiceRequest, Session


def _counts():
    return tuple(
        model.objects.count()
        for model in (Member, Visit, Session, Booking, ServiceRequest, Grievance)
    )


def test_the_demo_is_current_for_both_centres_and_loads_again_unchanged(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    worker = User.objects.get(email="worker@example.org")
    member = Member.objects.get(account=worker)
    assert member.centre.code == "AMM"
    assert member.bookings.filter(session__starts_at__gt=timezone.now()).exists()
    assert member.requests.exists()
    now = timezone.now()
    for centre in Centre.objects.all():
        monday = week_start(local_today(centre))
        start, end = day_bounds(monday, monday + timedelta(days=6), zone_of(centre))
        this_week = Session.objects.filter(centre=centre, starts_at__gte=start, starts_at__lt=end)
        assert this_week.count() >= 3, centre.code
        hours = {"AMM": AMMAN_HOURS, "BEY": BEIRUT_HOURS}[centre.code]
        if _open_at(hours, timezone.localtime(now, zone_of(centre))):
            assert this_week.filter(starts_at__lte=now, ends_at__gt=now).exists(), centre.code
        for session in Session.objects.filter(centre=centre):
            assert _within(hours, session, zone_of(centre)), (centre.code, session.starts_at)
        assert centre.members.count() and centre.visits.count(), centre.code
        assert centre.services.count() and centre.grievances.count(), centre.code
        phones = [m.phone for m in centre.members.exclude(phone="")]
        assert phones and all(m.phone_digest for m in centre.members.exclude(phone="")), phones
        for spoken in [centre, *centre.services.all(), *centre.referral_partners.all()]:
            assert spoken.languages, spoken  # coded, as a manager ticks them
            validate_language_codes(spoken.languages)
    counts = _counts()
    call_command("load_demo")
    assert _counts() == counts


def _open_at(hours, local: datetime) -> bool:
    opens, closes = hours.get(local.weekday(), (0, 0))
    return opens <= local.hour < closes


def _within(hours, session, zone) -> bool:
    starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    if starts.weekday() not in hours or ends.date() != starts.date():
        return False
    opens, closes = hours[starts.weekday()]
    return time(opens) <= starts.time() and ends.time() <= time(closes)


def test_the_drop_in_is_under_way_while_the_centre_is_open_and_within_its_hours_else():
    sunday_noon = datetime(2026, 11, 29, 12, 30)  # Beirut opens 09:00–18:00 on Sundays
    assert drop_in_window(BEIRUT_HOURS, sunday_noon) == (sunday_noon.date(), time(11), 420)
    assert drop_in_window(BEIRUT_HOURS, sunday_noon.replace(hour=9)) == (
        sunday_noon.date(),
        time(9),
        540,
    )
    monday = datetime(2026, 11, 30, 12, 0)  # closed: the whole of last Sunday
    assert drop_in_window(BEIRUT_HOURS, monday) == (sunday_noon.date(), time(9), 540)
    late = datetime(2026, 11, 29, 23, 0)  # closed since 18:00: that day's hours
    assert drop_in_window(BEIRUT_HOURS, late) == (sunday_noon.date(), time(9), 540)
    early_friday = datetime(2026, 11, 27, 2, 0)  # Amman: Thursday evening's hours
    assert drop_in_window(AMMAN_HOURS, early_friday) == (
        early_friday.date() - timedelta(days=1),
        time(17),
        240,
    )


def test_a_centre_closed_today_gets_no_drop_in_session_out_of_its_hours(
    db, monkeypatch, manager, social_worker
):
    from tests.factories import CentreFactory

    beirut = CentreFactory(time_zone="Asia/Beirut")
    monday_noon = datetime(2026, 11, 30, 12, 0, tzinfo=zone_of(beirut))
    monkeypatch.setattr(timezone, "now", lambda: monday_noon)
    load_this_week(beirut, manager=manager, social=social_worker, hours=BEIRUT_HOURS)
    [session] = Session.objects.filter(centre=beirut)
    assert _within(BEIRUT_HOURS, session, zone_of(beirut))
    assert session.starts_at.astimezone(zone_of(beirut)).weekday() == 6
