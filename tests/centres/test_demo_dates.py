"""The demo's dates hold together: members registered over the months before today
(so a ballot opened today has a full roll), nothing of a member dated before they
registered or after now, and no visit ending after now."""

from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from advocacy.models import Grievance
from centres.local_time import zone_of
from centres.models import Centre
from demo.visits import load_members_and_visits
from members.governance.selectors import eligible_members
from members.models import Ballot, Consent, Member, RollEntry, Visit
from services.models import Booking


def test_a_ballot_opened_today_has_the_demo_members_on_its_roll(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    now = timezone.now()
    amman = Centre.objects.get(code="AMM")
    active = amman.members.active()
    today = Ballot(committee=amman.committees.get(), roll_date=now)
    assert eligible_members(today).count() == active.count() >= 60
    # A roll drawn a week back, as a manager announcing a ballot would, is not empty.
    last_week = Ballot(committee=amman.committees.get(), roll_date=now - timedelta(days=7))
    assert eligible_members(last_week).count() >= 50
    # Spread over the months before today, not all on the day of loading.
    assert active.filter(registered_at__lt=now - timedelta(days=90)).count() >= 20
    assert active.filter(registered_at__gt=now - timedelta(days=30)).exists()
    # The past ballots' frozen rolls hold people registered before their roll date.
    assert RollEntry.objects.exists()
    assert not Ballot.objects.filter(roll_date__gt=F("opens_at"))
    assert not RollEntry.objects.filter(member__registered_at__gte=F("ballot__roll_date"))
    # Nothing of a member dated before they registered, or after now.
    assert not Member.objects.filter(registered_at__gt=now)
    assert not Visit.objects.filter(arrived_at__lt=F("member__registered_at"))
    assert not Visit.objects.filter(left_at__gt=now)
    assert not Consent.objects.filter(given_at__lt=F("member__registered_at"))
    assert not Consent.objects.filter(given_at__gt=now)
    # The consents given at registration carry its date.
    at_registration = F("member__registered_at") + timedelta(minutes=1)
    assert not Consent.objects.filter(purpose="services", given_at__gt=at_registration)
    assert not Grievance.objects.filter(opened_at__lt=F("member__registered_at"))
    assert not Booking.objects.filter(session__starts_at__lt=F("member__registered_at"))
    for centre in Centre.objects.all():  # nobody registered before the centre opened
        assert not centre.members.active().filter(registered_at__lt=centre.created_at)


def test_no_demo_visit_ends_after_now(db, monkeypatch, centre, social_worker):
    # Loaded on a Friday evening at the centre (open until 20:00), when the day's last
    # visits are still under way.
    today = timezone.now().date()
    friday = today - timedelta(days=(today.weekday() - 4) % 7)
    now = datetime.combine(friday, time(19, 30), tzinfo=zone_of(centre))
    monkeypatch.setattr(timezone, "now", lambda: now)
    load_members_and_visits(centre, by=social_worker)
    visits = Visit.objects.filter(centre=centre)
    evening = visits.filter(arrived_at__gte=now - timedelta(hours=2))
    assert evening.exists()
    assert not visits.filter(left_at__gt=now)
    assert evening.filter(left_at=None).exists()  # still in the centre
    assert not visits.filter(arrived_at__lt=F("member__registered_at"))


def test_demo_visits_fall_within_each_centres_opening_hours_on_its_clock(db, settings):
    """Amman opens Friday and Saturday 10:00–20:00, Sunday to Thursday 17:00–21:00, and
    Beirut on Sunday 09:00–18:00, each on its own clock: the demo's "Hours of arrival"
    show its mornings on Fridays and Saturdays, and no arrival after closing."""
    from collections import Counter

    # Weekday (Monday 0): opening and closing hour, as load_demo's opening hours say.
    amman = {4: (10, 20), 5: (10, 20)} | {day: (17, 21) for day in (6, 0, 1, 2, 3)}
    beirut = {6: (9, 18)}
    settings.DEBUG = True
    call_command("load_demo")
    for code, hours in (("AMM", amman), ("BEY", beirut)):
        centre = Centre.objects.get(code=code)
        zone, arrivals = zone_of(centre), Counter()
        visits = Visit.objects.filter(centre=centre, arrived_at__gte=centre.created_at)
        assert visits.count() > 20
        for visit in visits:
            arrived = visit.arrived_at.astimezone(zone)
            assert arrived.weekday() in hours, (code, arrived)
            opens, closes = hours[arrived.weekday()]
            assert opens <= arrived.hour < closes, (code, arrived)
            if visit.left_at is not None:
                left = visit.left_at.astimezone(zone)
                assert left.date() == arrived.date() and (left.hour, left.minute) <= (closes, 0)
            arrivals[arrived.hour] += 1
        if code == "AMM":
            assert arrivals[10] + arrivals[11] + arrivals[12] > 0
            assert not any(arrivals[hour] for hour in (21, 22, 23, 0))
