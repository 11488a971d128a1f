"""The demo as a new user meets it: the worker account is linked to a member with a
booking and a request, this week has sessions (one under way today), the Beirut centre
has its own data, and loading it again adds nothing."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from advocacy.models import Grievance
from centres.local_time import day_bounds, week_start, zone_of
from centres.local_time import today as local_today
from centres.models import Centre, User
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
        assert this_week.filter(starts_at__lte=now, ends_at__gt=now).exists(), centre.code
        assert centre.members.count() and centre.visits.count(), centre.code
        assert centre.services.count() and centre.grievances.count(), centre.code
        phones = [m.phone for m in centre.members.exclude(phone="")]
        assert phones and all(m.phone_digest for m in centre.members.exclude(phone="")), phones
    counts = _counts()
    call_command("load_demo")
    assert _counts() == counts
