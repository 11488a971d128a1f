"""The demo's closed weeks and months have something in every section of their
reports: sessions with attendance in each week for every weekly service, requests and
cases (opened, moved, resolved with a remedy) spread over the last months, each dated
after its member registered and its consent, and none later than loading."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from advocacy.models import CaseEvent, Grievance, Remedy
from advocacy.statistics.periods import PeriodKind, closed_periods
from centres.local_time import wall_clock, zone_of
from centres.models import Centre
from members.models import Consent
from services.models import ServiceRequest, Session


def _bounds(period, zone):
    midnight = datetime.min.time()
    return wall_clock(period.first, midnight, zone), wall_clock(period.end, midnight, zone)


@pytest.mark.django_db
def test_every_closed_week_and_month_of_the_demo_has_sessions_requests_and_cases(settings):
    settings.DEBUG = True
    call_command("load_demo")
    now = timezone.now()
    for centre in Centre.objects.all():
        zone = zone_of(centre)
        weekly = centre.services.filter(slots__isnull=False).distinct()
        assert weekly.exists()
        for period in closed_periods(PeriodKind.WEEK, zone=zone, now=now, count=4):
            first, end = _bounds(period, zone)
            for service in weekly:
                held = Session.objects.filter(
                    service=service, starts_at__gte=first, starts_at__lt=end
                )
                assert held.filter(bookings__attended=True).exists(), (centre, period, service)
        for period in closed_periods(PeriodKind.MONTH, zone=zone, now=now, count=2):
            first, end = _bounds(period, zone)
            span = {"centre": centre}
            requests = ServiceRequest.objects.filter(
                **span, created_at__gte=first, created_at__lt=end
            )
            assert requests.exists(), (centre, period)
            assert Grievance.objects.filter(**span, opened_at__gte=first, opened_at__lt=end)
            assert CaseEvent.objects.filter(
                grievance__centre=centre, at__gte=first, at__lt=end
            ).exists()
        resolved = Grievance.objects.filter(
            centre=centre, status="resolved", member__isnull=False
        ).get()
        assert resolved.finished_at < now - timedelta(days=7)
        assert resolved.finished_at - resolved.opened_at >= timedelta(days=14)
        remedy = Remedy.objects.get(grievance=resolved)
        assert remedy.currency == ("JOD" if centre.code == "AMM" else "USD")
        assert remedy.recorded_at <= now
    for case in Grievance.objects.exclude(member=None):
        assert case.member.registered_at < case.opened_at < now, case
        consent = Consent.objects.filter(member=case.member, purpose="case_handling").get()
        assert consent.given_at <= case.opened_at, case
        assert case.events.filter(at__gt=now).count() == 0
        assert case.events.filter(at__lt=case.opened_at).count() == 0
