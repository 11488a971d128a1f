"""Daily reminders to owners of recommendations whose follow-up date has come:
references only, never the addressee or the text."""

from collections import defaultdict
from functools import partial

from celery import shared_task
from django.utils.translation import ngettext

from centres.mail import counted, day_key, mail_once, send_references

from .models import Recommendation


@shared_task(
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
    autoretry_for=(OSError,),  # the mail server refused or dropped the connection
    retry_backoff=60,
    max_retries=5,
)
def send_follow_up_reminders() -> int:
    """E-mail each owner the references of their sent recommendations due a follow-up,
    once a day of each centre (or programme) they concern. Returns the number of mails
    sent."""
    due = defaultdict(list)
    for recommendation in Recommendation.objects.follow_up_due().select_related(
        "centre", "programme"
    ):
        concerns = recommendation.centre or recommendation.programme
        due[recommendation.owner_id, concerns].append(recommendation.reference)
    from centres.models import User

    owners = User.objects.filter(pk__in={user for user, _of in due}, is_active=True).in_bulk()
    sent = 0
    # Once a day per owner and centre: a retry after a mail failure skips those mailed.
    for (user_id, concerns), references in sorted(due.items(), key=lambda item: item[0][0]):
        if (owner := owners.get(user_id)) is None:
            continue
        sent += mail_once(
            kind="recommendation_follow_up",
            recipient=owner,
            key=day_key(concerns),
            send=partial(
                send_references,
                owner,
                about=concerns,
                subject=follow_up_subject,
                template="advocacy/email/recommendation_follow_up.txt",
                references=sorted(references),
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
