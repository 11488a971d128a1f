"""worker@example.org (Sita) has a case of her own in the demo, opened with her consent
to case handling on one of the centre's opening days; "My cases" shows her its status
and next step, never its narrative, notes or employer."""

import html

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Grievance, Status
from centres.local_time import day_start, zone_of
from centres.local_time import today as local_today
from centres.models import User
from demo.cases import OWN_CASE_NARRATIVE, OWN_CASE_NOTE
from demo.visits import AMMAN_HOURS
from members.models import Member


def test_the_demo_worker_follows_her_own_case_by_its_status(client, db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    sita = User.objects.get(email="worker@example.org")
    member = Member.objects.get(account=sita)
    centre, zone = member.centre, zone_of(member.centre)
    case = Grievance.objects.get(member=member)
    assert case.status == Status.ADVICE and case.consent_given
    consent = member.consents.current().get(purpose="case_handling")
    assert member.registered_at < consent.given_at == case.opened_at
    opened = case.opened_at.astimezone(zone)
    opens, closes = AMMAN_HOURS[opened.weekday()]
    assert opens <= opened.hour < closes
    assert case.opened_at < day_start(local_today(centre), zone)  # a visit before today
    assert not case.events.filter(at__lt=case.opened_at)
    assert not case.events.filter(at__gt=timezone.now())
    assert not case.notes.filter(written_at__lt=case.opened_at)

    client.force_login(sita)
    page = client.get(reverse("my_cases", args=[centre.pk]))
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    assert case.reference in text and str(Status.ADVICE.label) in text
    for secret in (OWN_CASE_NARRATIVE, OWN_CASE_NOTE, case.employer.name):
        assert secret not in text

    call_command("load_demo")  # again: still one case
    assert Grievance.objects.filter(member=member).count() == 1
