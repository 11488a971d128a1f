from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone

from centres.models import Centre, CentreRole, Invitation, RetentionCount, RetentionRun, User
from centres.tasks import purge_expired_access

from ..factories import InvitationFactory

DEMO_EMAILS = [
    "coordinator@example.org",
    "manager@example.org",
    "social@example.org",
    "legal@example.org",
    "committee@example.org",
    "worker@example.org",
    "manager2@example.org",
]


def test_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not Centre.objects.exists()


def test_demo_loads_once_and_again_without_duplicates(client, db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    counts = (User.objects.count(), Centre.objects.count(), CentreRole.objects.count())
    # The demo runs the nightly retention task once, on data left past its period
    # (within the centre's life: see test_demo_lifetime).
    retained = dict(
        RetentionCount.objects.filter(centre__code="AMM").values_list("data_class", "count")
    )
    assert retained == {"feedback_comments": 2, "request_texts": 1, "kiosk_tokens": 1}
    call_command("load_demo")
    assert RetentionRun.objects.count() == 1
    assert (User.objects.count(), Centre.objects.count(), CentreRole.objects.count()) == counts
    assert Centre.objects.count() == 2
    for email in DEMO_EMAILS:
        assert client.login(email=email, password="demo-pass-2026"), email
        client.logout()
    manager2 = User.objects.get(email="manager2@example.org")
    assert set(Centre.objects.visible_to(manager2).values_list("code", flat=True)) == {"BEY"}


def test_purge_removes_expired_invitations_and_sessions(centre):
    stale = InvitationFactory(centre=centre, expires_at=timezone.now() - timedelta(days=1))
    fresh = InvitationFactory(centre=centre)
    old_session = SessionStore()
    old_session.create()
    Session.objects.filter(session_key=old_session.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    live_session = SessionStore()
    live_session.create()

    result = purge_expired_access.delay().get()

    assert result == {"sessions": 1, "invitations": 1, "form_keys": 0, "sent_mails": 0}
    assert not Invitation.objects.filter(pk=stale.pk).exists()
    assert Invitation.objects.filter(pk=fresh.pk).exists()
    assert Session.objects.filter(session_key=live_session.session_key).exists()
