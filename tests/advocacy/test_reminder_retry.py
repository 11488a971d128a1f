"""The overdue reminder, retried after the mail server failed half-way, mails each
person once: what was sent is recorded, in the transaction that sends it."""

from collections import Counter
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from advocacy import actions
from advocacy.tasks import send_overdue_reminders, tell_managers_of_unassigned_cases
from centres.mail import SentMail

from ..factories import CentreRoleFactory, MemberFactory, UserFactory, centre_today
from ..mail_backends import DropsTheSecondMail


@pytest.fixture
def flaky_mail(settings):
    DropsTheSecondMail.attempts = 0
    settings.EMAIL_BACKEND = "tests.mail_backends.DropsTheSecondMail"
    return DropsTheSecondMail


def _overdue_case(centre, by, assignees):
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=by,
        member=MemberFactory(centre=centre),
        narrative="what happened",
        issue_types=["wage_theft"],
        assignees=assignees,
        follow_up_on=centre_today() - timedelta(days=2),
    )


def test_a_retry_after_a_mail_failure_mails_nobody_twice(
    flaky_mail, centre, social_worker, legal, manager
):
    _overdue_case(centre, social_worker, [social_worker, legal, manager])
    # The first run mails one person and fails on the second: the task asks Celery to
    # retry it (eager here: Retry is raised to the caller, who runs it again).
    with pytest.raises(Retry):
        send_overdue_reminders.delay().get()
    assert len(mail.outbox) == 1
    assert send_overdue_reminders.delay().get() == 2  # the retry: the two not yet mailed
    assert flaky_mail.attempts == 4  # 1 sent, 1 dropped, 2 sent on the retry
    assert Counter(m.to[0] for m in mail.outbox) == {
        social_worker.email: 1,
        legal.email: 1,
        manager.email: 1,
    }
    assert SentMail.objects.filter(kind="overdue_cases").count() == 3
    # The next run the same day (beat firing twice, a manual re-run) mails nobody.
    assert send_overdue_reminders.delay().get() == 0
    assert len(mail.outbox) == 3


def test_a_new_day_reminds_again(centre, social_worker):
    _overdue_case(centre, social_worker, [social_worker])
    assert send_overdue_reminders.delay().get() == 1
    SentMail.objects.update(key="2000-01-01")  # yesterday's record
    assert send_overdue_reminders.delay().get() == 1
    assert len(mail.outbox) == 2


def test_the_record_holds_no_case_text(centre, social_worker):
    _overdue_case(centre, social_worker, [social_worker])
    send_overdue_reminders.delay().get()
    record = SentMail.objects.get()
    assert record.recipient == social_worker
    assert record.key == f"{centre_today(centre).isoformat()}:centre-{centre.pk}"


def test_managers_are_told_of_unassigned_cases_once(flaky_mail, centre, manager):
    second = CentreRoleFactory(centre=centre, role="manager", user=UserFactory()).user
    third = CentreRoleFactory(centre=centre, role="manager", user=UserFactory()).user
    with pytest.raises(Retry):
        tell_managers_of_unassigned_cases.delay(centre.pk, [4, 2]).get()
    tell_managers_of_unassigned_cases.delay(centre.pk, [4, 2]).get()
    assert Counter(m.to[0] for m in mail.outbox) == {
        manager.email: 1,
        second.email: 1,
        third.email: 1,
    }
    assert "CASE-2" in mail.outbox[0].body


def test_the_record_of_mails_is_kept_thirty_days(centre, social_worker):
    from datetime import timedelta as days

    from centres.actions import purge_expired_access

    old = SentMail.objects.create(kind="overdue_cases", recipient=social_worker, key="old")
    SentMail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - days(days=31))
    recent = SentMail.objects.create(kind="overdue_cases", recipient=social_worker, key="new")
    assert purge_expired_access()["sent_mails"] == 1
    assert list(SentMail.objects.all()) == [recent]
