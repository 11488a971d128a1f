"""Daily reminders of overdue follow-ups: case references and counts only, never contents."""

from collections import defaultdict
from functools import partial

from celery import shared_task
from django.utils.translation import ngettext

from centres import local_time
from centres.mail import counted, day_key, key_of, mail_once, send_references

from .models import Grievance, case_reference

# A mail server that refuses or drops the connection raises an OSError (ConnectionError,
# smtplib.SMTPException): the task is retried, and `mail_once` keeps the people already
# mailed from being mailed again.
MAIL_FAILURES = (OSError,)


@shared_task(
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
    autoretry_for=MAIL_FAILURES,
    retry_backoff=60,
    max_retries=5,
)
def send_overdue_reminders() -> int:
    """E-mail each assignee, once a day of each centre, the references of their open
    cases there past the follow-up date. Returns the number of mails sent by this run."""
    overdue = defaultdict(list)
    # Only assignees who still hold a case role in the centre: a person moved to the
    # committee is no longer told about the case.
    for case_id, user_id, centre_id in Grievance.objects.overdue().assigned_to_current_staff():
        overdue[user_id, centre_id].append(case_id)
    from centres.models import Centre, User

    users = User.objects.filter(pk__in={user for user, _centre in overdue}, is_active=True)
    users = users.in_bulk()
    centres = Centre.objects.in_bulk({centre for _user, centre in overdue})
    sent = 0
    for (user_id, centre_id), case_ids in sorted(overdue.items()):
        if (user := users.get(user_id)) is None:
            continue
        references = sorted(case_reference(case_id) for case_id in case_ids)
        sent += mail_once(
            kind="overdue_cases",
            recipient=user,
            key=day_key(centres[centre_id]),
            send=partial(
                send_references,
                user,
                about=centres[centre_id],
                subject=overdue_subject,
                template="advocacy/email/overdue.txt",
                references=references,
            ),
        )
    return sent


def overdue_subject(count: int) -> str:
    return counted(
        ngettext(
            "%(count)s case follow-up is overdue", "%(count)s case follow-ups are overdue", count
        ),
        count,
    )


@shared_task(
    time_limit=5 * 60,
    soft_time_limit=4 * 60,
    autoretry_for=MAIL_FAILURES,
    retry_backoff=60,
    max_retries=5,
)
def tell_managers_of_unassigned_cases(centre_id: int, case_ids: list[int]) -> int:
    """E-mail the centre's managers the references of cases left with no assignee."""
    from centres.models import Centre, Role, User

    managers = User.objects.filter(
        is_active=True, centre_roles__centre_id=centre_id, centre_roles__role=Role.MANAGER
    ).distinct()
    references = sorted(case_reference(case_id) for case_id in case_ids)
    centre = Centre.objects.get(pk=centre_id)
    key = key_of(case_ids, day=local_time.today(centre))
    sent = 0
    for manager in managers.order_by("pk"):
        sent += mail_once(
            kind="unassigned_cases",
            recipient=manager,
            key=key,
            send=partial(
                send_references,
                manager,
                about=centre,
                subject=unassigned_subject,
                template="advocacy/email/unassigned.txt",
                references=references,
            ),
        )
    return sent


def unassigned_subject(count: int) -> str:
    return counted(
        ngettext(
            "%(count)s case has nobody assigned", "%(count)s cases have nobody assigned", count
        ),
        count,
    )


# Celery finds an app's tasks in its `tasks` module only.
from .recommendations.tasks import send_follow_up_reminders  # noqa: E402, F401
from .reports.tasks import build_due_reports, build_feedback_report  # noqa: E402, F401
