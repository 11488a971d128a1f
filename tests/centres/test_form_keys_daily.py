"""The forms of daily corrections, sent twice with the same key (a double click, a
resent page): one effect, and the repeat lands where the first went with a notice."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from advocacy import actions as case_actions
from advocacy.models import CaseEvent
from centres.models import AuditEntry
from centres.submissions import FIELD, new_key
from members.models import CONSENT_VERSION
from services.actions import booking_create
from services.models import Booking

from ..factories import MemberFactory, ServiceFactory, SessionFactory

NOTICE = "This form had already been sent"


def _twice(client, url, data):
    data = {**data, FIELD: new_key()}
    return client.post(url, data), client.post(url, data, follow=True)


def test_member_edit_sent_twice_saves_once(client, centre, social_worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    client.force_login(social_worker)
    first, again = _twice(
        client,
        reverse("member_edit", args=[centre.pk, member.pk]),
        {"preferred_name": "Sita Rai", "gender": "woman", "never_contact_via_employer": "on"},
    )
    assert first.status_code == 302 and NOTICE in again.content.decode()
    edits = AuditEntry.objects.filter(content_type__model="member", changes__has_key="edited")
    assert edits.count() == 1


def test_consent_given_and_withdrawn_twice_count_once(client, centre, social_worker):
    member = MemberFactory(centre=centre, consents=())
    client.force_login(social_worker)
    give = reverse("consent_give", args=[centre.pk, member.pk])
    _first, again = _twice(client, give, {"purpose": "referral", "version": CONSENT_VERSION})
    assert NOTICE in again.content.decode()
    assert member.consents.count() == 1
    withdraw = reverse("consent_withdraw", args=[centre.pk, member.pk, "referral"])
    _first, again = _twice(client, withdraw, {"confirm": "yes"})
    assert NOTICE in again.content.decode()
    assert member.consents.current().count() == 0
    assert member.consents.filter(withdrawn_at__isnull=False).count() == 1


def test_case_plan_sent_twice_writes_one_timeline_event(client, centre, social_worker):
    case = case_actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym="Someone",
        narrative="what happened",
        issue_types=["other"],
        assignees=[social_worker],
    )
    client.force_login(social_worker)
    _twice(client, reverse("case_plan", args=[centre.pk, case.pk]), {"risk": "high"})
    assert CaseEvent.objects.filter(grievance=case, kind="risk").count() == 1


def test_cancel_my_booking_sent_twice_gets_the_page(client, centre, worker):
    me = MemberFactory(centre=centre, account=worker)
    session = SessionFactory(
        service=ServiceFactory(centre=centre), starts_at=timezone.now() + timedelta(days=1)
    )
    booking_create(session=session, member=me, by=worker)
    client.force_login(worker)
    first, again = _twice(client, reverse("unbook_me", args=[centre.pk, session.pk]), {})
    assert first.status_code == 302 and again.status_code == 200
    assert Booking.objects.get(member=me).status == "cancelled"
