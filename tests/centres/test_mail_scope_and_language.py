"""Every mail names the centre or programme it is about (a person may hold roles in
several), comes in its reader's language (the language they chose on the site; for an
invited address with no account, the centre's first language), and is plain text with
no isolate characters (U+2068, U+2069), which some mail clients show as boxes."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from advocacy.reports.actions import report_announce, report_build
from advocacy.reports.scope import Scope
from centres.models import Invitation, Role, User
from tests.factories import VisitFactory

ISOLATES = ("\u2068", "\u2069")
NOW = datetime(2025, 12, 10, 12, tzinfo=UTC)


def _plain(message) -> bool:
    text = message.subject + message.body
    return not any(character in text for character in ISOLATES)


def _announced(scope, period):
    report, _built = report_build(scope=scope, period=period, now=NOW)
    mail.outbox.clear()
    report.built_at = datetime.now(UTC)
    report.save(update_fields=["built_at"])
    report_announce(report=report)
    return report


@pytest.mark.django_db
def test_a_centres_report_mail_names_the_centre_in_each_readers_language(
    centre, manager, committee_member
):
    centre.created_at = datetime(2025, 1, 1, tzinfo=UTC)
    centre.save(update_fields=["created_at"])
    committee_member.preferred_language = "ar"
    committee_member.save(update_fields=["preferred_language"])
    VisitFactory(centre=centre, arrived_at=datetime(2025, 11, 20, 9, tzinfo=UTC))
    _announced(Scope.for_centre(centre), "2025-11")
    by_reader = {message.to[0]: message for message in mail.outbox}
    english, arabic = by_reader[manager.email], by_reader[committee_member.email]
    assert english.subject.startswith("Amman centre: ")
    assert "November 2025" in english.subject and "Amman centre" in english.body
    assert "Amman centre" in arabic.subject and "نوفمبر" in arabic.subject
    assert "November" not in arabic.subject + arabic.body
    assert _plain(english) and _plain(arabic)


@pytest.mark.django_db
def test_a_programmes_report_mail_names_the_programme(programme, centre, coordinator):
    centre.created_at = datetime(2025, 1, 1, tzinfo=UTC)
    centre.save(update_fields=["created_at"])
    _announced(Scope.for_programme(programme), "2025-11")
    [message] = mail.outbox
    assert message.subject.startswith("Levant programme: ")
    assert "Levant programme" in message.body
    assert _plain(message)


def _invite(client, manager, centre, email, capture):
    client.force_login(manager)
    with capture(execute=True):
        client.post(
            reverse("staff_invite", args=[centre.pk]),
            {"email": email, "role": Role.SOCIAL_WORKER},
        )
    assert Invitation.objects.filter(centre=centre, email=email).exists()
    [message] = mail.outbox
    return message


def test_an_invitation_to_a_new_address_is_in_the_centres_first_language(
    client, manager, centre, django_capture_on_commit_callbacks
):
    centre.name = "مركز إربد"
    centre.languages = ["ar", "en"]
    centre.save(update_fields=["name", "languages"])
    message = _invite(
        client, manager, centre, "new@example.org", django_capture_on_commit_callbacks
    )
    assert message.subject.startswith("مركز إربد: ")
    assert "مركز إربد" in message.body and "Social worker" not in message.body
    assert "Choose your password here:" not in message.body  # Arabic, not English
    assert _plain(message)


def test_an_invitation_to_a_known_address_is_in_that_persons_language(
    client, manager, centre, other_centre, django_capture_on_commit_callbacks
):
    User.objects.create_user(email="known@example.org", password="x", preferred_language="en")
    centre.languages = ["ar"]
    centre.save(update_fields=["languages"])
    message = _invite(
        client, manager, centre, "known@example.org", django_capture_on_commit_callbacks
    )
    assert "Choose your password here:" in message.body
    assert message.subject.startswith("Amman centre: ")
    assert _plain(message)


def test_choosing_a_language_keeps_it_for_the_persons_mails(client, manager):
    client.force_login(manager)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.preferred_language == "ar"
    # Twice: the same choice, one effect.
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    manager.refresh_from_db()
    assert manager.preferred_language == "ar"


def test_an_unknown_language_changes_nothing_and_a_get_is_refused(client, manager):
    client.force_login(manager)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.preferred_language == "en"
    assert client.get(reverse("set_language")).status_code == 405


@pytest.mark.django_db
def test_a_visitor_without_an_account_may_still_choose_a_language(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302
