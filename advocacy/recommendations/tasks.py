"""Daily reminders to owners of recommendations whose follow-up date has come:
references only, never the addressee or the text."""

from collections import defaultdict
from functools import partial

from celery import shared_task
from django.utils import timezone
from django.utils.translation import ngettext

from centres.mail import counted, mail_once, send_references

from .models import Recommendation


@shared_task(
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
    autoretry_for=(OSError,),  # the mail server refused or dropped the connection
    retry_backoff=60,
    max_retries=5,
)
def send_follow_up_reminders() -> int:
    """E-mail each owner the references of their sent recommendations due a follow-up.
    Returns the number of owners reminded."""
    due = defaultdict(list)
    for recommendation in Recommendation.objects.follow_up_due().select_related("centre"):
        due[recommendation.owner_id].append(recommendation.reference)
    from centres.models import User

    day = timezone.now().date()
    sent = 0
    # Once a day per owner: a retry after a mail failure skips those already mailed.
    for owner in User.objects.filter(pk__in=due, is_active=True).order_by("pk"):
        sent += mail_once(
            kind="recommendation_follow_up",
            recipient=owner,
            key=day.isoformat(),
            send=partial(
                send_references,
                owner,
                subject=follow_up_subject,
                template="advocacy/email/recommendation_follow_up.txt",
                references=sorted(due[owner.pk]),
            ),
        )
    return sent


def follow_up_subject(count: int) -> str:
    return counted(
        ngettext(
            "%(count)s recommendation is due a follow-up",
            "%(count)s recommendations are due a follow-up",
            count,
        ),
        count,
    )
