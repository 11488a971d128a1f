"""The demo's dates hold together: members registered over the months before today
(so a ballot opened today has a full roll), nothing of a member dated before they
registered or after now, and no visit ending after now."""

from datetime import UTC, datetime, time, timedelta

from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from advocacy.models import Grievance
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
    # Loaded on a Friday evening, when the day's last visits are still under way.
    today = timezone.now().date()
    friday = today - timedelta(days=(today.weekday() - 4) % 7)
    now = datetime.combine(friday, time(19, 30), tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)
    load_members_and_visits(centre, by=social_worker)
    visits = Visit.objects.filter(centre=centre)
    evening = visits.filter(arrived_at__gte=now - timedelta(hours=2))
    assert evening.exists()
    assert not visits.filter(left_at__gt=now)
    assert evening.filter(left_at=None).exists()  # still in the centre
    assert not visits.filter(arrived_at__lt=F("member__registered_at"))
