"""Daily reminders of overdue follow-ups: case references and counts only, never contents."""

from collections import defaultdict

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from .models import Grievance, case_reference


@shared_task(
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
    autoretry_for=(ConnectionError,),
    retry_backoff=60,
    max_retries=5,
)
def send_overdue_reminders() -> int:
    """E-mail each assignee the references of their open cases past the follow-up date."""
    overdue = defaultdict(list)
    # Only assignees who still hold a case role in the centre: a person moved to the
    # committee is no longer told about the case.
    for case_id, user_id in Grievance.objects.overdue().assigned_to_current_staff():
        overdue[user_id].append(case_id)
    from centres.models import User

    users = User.objects.filter(pk__in=overdue, is_active=True)
    for user in users:
        references = sorted(case_reference(case_id) for case_id in overdue[user.pk])
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            send_mail(
                subject=ngettext(
                    "%(count)s case follow-up is overdue",
                    "%(count)s case follow-ups are overdue",
                    len(references),
                )
                % {"count": len(references)},
                message=render_to_string(
                    "advocacy/email/overdue.txt",
                    {"references": references, "count": len(references)},
                ),
                from_email=None,
                recipient_list=[user.email],
            )
    return len(users)


@shared_task(
    time_limit=5 * 60,
    soft_time_limit=4 * 60,
    autoretry_for=(ConnectionError,),
    retry_backoff=60,
    max_retries=5,
)
def tell_managers_of_unassigned_cases(centre_id: int, case_ids: list[int]) -> int:
    """E-mail the centre's managers the references of cases left with no assignee."""
    from centres.models import Role, User

    managers = User.objects.filter(
        is_active=True, centre_roles__centre_id=centre_id, centre_roles__role=Role.MANAGER
    ).distinct()
    references = sorted(f"CASE-{case_id}" for case_id in case_ids)
    for manager in managers:
        with translation.override(manager.preferred_language or settings.LANGUAGE_CODE):
            send_mail(
                subject=ngettext(
                    "%(count)s case has nobody assigned",
                    "%(count)s cases have nobody assigned",
                    len(references),
                )
                % {"count": len(references)},
                message=render_to_string(
                    "advocacy/email/unassigned.txt",
                    {"references": references, "count": len(references)},
                ),
                from_email=None,
                recipient_list=[manager.email],
            )
    return len(managers)


# Celery finds an app's tasks in its `tasks` module only.
from .recommendations.tasks import send_follow_up_reminders  # noqa: E402, F401
