"""Daily reminders of overdue follow-ups: case references and counts only, never contents;
and the hourly release of every centre's closed periods."""

import logging
from collections import defaultdict
from functools import partial

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
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


logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True, reject_on_worker_lost=True, time_limit=60 * 60, soft_time_limit=55 * 60
)
def release_closed_periods() -> int:
    """Hourly, a few minutes after `members.tasks.roll_up_visits`: release, for every
    centre, each closed period the figures pages offer that is not released yet
    (`statistics.schedule.releases_make`). Pages never release; a period closed at a
    centre's midnight is released within the hour. Idempotent: a centre with every
    period stored costs two queries. A centre that fails is logged by its id and left
    for the next run; the others go on. Returns the number of releases made."""
    from centres.models import Centre

    from .statistics.schedule import releases_make

    made = 0
    for centre in Centre.objects.select_related("programme").order_by("pk"):
        try:
            made += len(releases_make(centre=centre))
        except SoftTimeLimitExceeded:
            raise
        except Exception:
            logger.exception("Releasing the closed periods of centre %s failed", centre.pk)
    return made


# Celery finds an app's tasks in its `tasks` module only.
from .recommendations.tasks import send_follow_up_reminders  # noqa: E402, F401
from .reports.tasks import build_due_reports, build_feedback_report  # noqa: E402, F401
