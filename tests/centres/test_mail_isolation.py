"""A name in an e-mail's subject or body (a centre's name, a role, a period) is isolated
from the sentence around it, as in a page's messages: an Arabic centre's name in an
English subject, or a period in an Arabic one, keeps its place and its punctuation."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from advocacy.reports.actions import report_announce, report_build
from advocacy.reports.scope import Scope
from centres.models import Invitation, Role
from tests.factories import VisitFactory

FSI, PDI = "\u2068", "\u2069"


def test_an_invitation_isolates_the_centres_name(
    client, manager, centre, django_capture_on_commit_callbacks
):
    centre.name = "مركز إربد"
    centre.save(update_fields=["name"])
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("staff_invite", args=[centre.pk]),
            {"email": "new@example.org", "role": Role.SOCIAL_WORKER},
        )
    assert Invitation.objects.filter(centre=centre).exists()
    [message] = mail.outbox
    assert f"{FSI}مركز إربد{PDI}" in message.subject
    assert f"{FSI}مركز إربد{PDI}" in message.body
    assert f"{FSI}Social worker{PDI}" in message.body


@pytest.mark.django_db
def test_a_report_announcement_isolates_the_period(centre, manager):
    centre.created_at = datetime(2025, 1, 1, tzinfo=UTC)
    centre.save(update_fields=["created_at"])
    manager.preferred_language = "ar"
    manager.save(update_fields=["preferred_language"])
    VisitFactory(centre=centre, arrived_at=datetime(2025, 11, 20, 9, tzinfo=UTC))
    now = datetime(2025, 12, 10, 12, tzinfo=UTC)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2025-W48", now=now)
    mail.outbox.clear()
    report.built_at = datetime.now(UTC)
    report.save(update_fields=["built_at"])
    assert report_announce(report=report) == 1
    [message] = mail.outbox
    subject = message.subject
    assert subject.count(FSI) == 1 and subject.endswith(PDI)
    assert "2025" in subject.split(FSI, 1)[1]
    assert f"{FSI}1{PDI}" in message.body  # the version
