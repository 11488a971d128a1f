"""The Django admin: a second factor whenever case roles need one, every change it
makes audited with its actor, and a search of the trail that works."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from centres.models import AuditEntry, User

from ..factories import UserFactory


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def second_factor_required(settings):
    settings.WORKERCENTRE_REQUIRE_SECOND_FACTOR = True


def test_admin_without_a_second_factor_is_sent_to_set_one_up(
    client, admin_user, second_factor_required
):
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[1][0] == reverse("mfa_activate_totp")
    victim = UserFactory()
    page = client.get(reverse("admin:centres_user_change", args=[victim.pk]), follow=True)
    assert reverse("mfa_activate_totp") in [url for url, _ in page.redirect_chain]
    assert "auth_user_password" not in page.content.decode()


def test_admin_with_a_second_factor_reaches_the_admin(client, admin_user, second_factor_required):
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200


def _entries(model, action):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action=action
    )


def test_a_password_reset_in_the_admin_is_audited_without_the_hash(client, admin_user):
    victim = UserFactory()
    client.force_login(admin_user)
    url = reverse("admin:auth_user_password_change", args=[victim.pk])
    response = client.post(
        url,
        {
            "password1": "a-new-long-passw0rd",
            "password2": "a-new-long-passw0rd",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    entry = _entries(User, AuditEntry.Action.UPDATE).filter(object_pk=str(victim.pk)).latest("pk")
    assert entry.actor == admin_user
    assert entry.changes["password"][1] == "[redacted]"


def test_deleting_an_authenticator_in_the_admin_is_audited(client, admin_user):
    victim = UserFactory()
    TOTP.activate(victim, generate_totp_secret())
    authenticator = Authenticator.objects.get(user=victim)
    client.force_login(admin_user)
    url = reverse("admin:mfa_authenticator_delete", args=[authenticator.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    entry = _entries(Authenticator, AuditEntry.Action.DELETE).get()
    assert entry.actor == admin_user
    assert "secret" not in str(entry.changes)


def test_a_periodic_task_change_is_audited(client, admin_user):
    schedule = CrontabSchedule.objects.create(minute="5", hour="4")
    task = PeriodicTask.objects.create(name="reminders", task="x.y", crontab=schedule)
    client.force_login(admin_user)
    task.enabled = False
    client.post(
        reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]),
        {
            "name": "reminders",
            "regtask": "",
            "task": "x.y",
            "crontab": schedule.pk,
            "args": "[]",
            "kwargs": "{}",
            "enabled": "",
            "priority": "",
            "headers": "{}",
            "description": "",
            "expire_seconds": "",
            "queue": "",
            "exchange": "",
            "routing_key": "",
            "expires": "",
            "one_off": "",
            "start_time_0": "",
            "start_time_1": "",
            "interval": "",
            "solar": "",
            "clocked": "",
        },
    )
    task.refresh_from_db()
    assert not task.enabled
    entry = _entries(PeriodicTask, AuditEntry.Action.UPDATE).get()
    assert entry.actor == admin_user


def test_the_admin_search_of_the_audit_trail_works(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:centres_auditentry_changelist"), {"q": "admin"})
    assert response.status_code == 200
