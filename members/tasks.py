"""Celery tasks of the members app: thin, idempotent, no personal data in arguments."""

from datetime import timedelta

from celery import shared_task

from centres.local_time import today
from centres.models import Centre

from . import rollups
from .governance import actions as governance

# The days a night keeps rolled up: the dashboard's 90.
ROLLED_UP_DAYS = 90


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=30 * 60)
def roll_up_visits(days: int = ROLLED_UP_DAYS) -> int:
    """Hourly: for every centre, roll up the closed local days of the last `days` that
    are not rolled up yet (after the centre's midnight, yesterday; after a deploy that
    forgot them, all of them), so that no reader of the dashboard or of released
    figures pays for it. Idempotent: one query per centre when nothing is missing.
    Returns the number of centres rolled up."""
    rolled = 0
    for centre in Centre.objects.order_by("pk"):
        yesterday = today(centre) - timedelta(days=1)
        first = yesterday - timedelta(days=days - 1)
        rolled += rollups.roll_up_missing(centre, first, yesterday)
    return rolled


@shared_task(time_limit=15 * 60, soft_time_limit=14 * 60)
def sync_committee_roles() -> dict[str, int]:
    """Daily: the committee-member role follows the seats (granted when a term starts,
    taken back when it ends, history kept). Each centre is its own transaction."""
    totals = {"granted": 0, "ended": 0}
    for centre in Centre.objects.filter(committees__isnull=False).distinct().order_by("pk"):
        for key, value in governance.committee_roles_sync(centre=centre).items():
            totals[key] += value
    return totals


@shared_task(
    time_limit=15 * 60,
    soft_time_limit=14 * 60,
    autoretry_for=(OSError,),  # the mail server refused or dropped the connection
    retry_backoff=60,
    max_retries=5,
)
def remind_decision_reviews() -> int:
    """Daily: tell each committee member which decisions are due for review. The e-mail
    carries a link only, never the decision's text. A decision is marked reminded once
    its committee has been mailed; a retry after a mail failure mails only those not
    yet mailed (`centres.mail.mail_once`)."""
    from functools import partial

    from centres.mail import mail_once
    from centres.models import Role, User

    from .governance.models import Decision

    due = list(Decision.objects.review_due().select_related("meeting__committee__centre"))
    for decision in due:
        centre_id = decision.meeting.committee.centre_id
        members = User.objects.filter(
            is_active=True,
            centre_roles__centre_id=centre_id,
            centre_roles__role=Role.COMMITTEE_MEMBER,
        ).distinct()
        for user in members.order_by("pk"):
            mail_once(
                kind="decision_review",
                recipient=user,
                key=str(decision.pk),
                send=partial(_send_review_reminder, user, decision),
            )
    governance.decision_reviews_remind(only=[decision.pk for decision in due])
    return len(due)


def _send_review_reminder(user, decision) -> None:
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from centres.mail import mail_send

    centre = decision.meeting.committee.centre
    link = settings.SITE_URL.rstrip("/") + reverse(
        "meeting_detail", args=[centre.pk, decision.meeting_id]
    )
    mail_send(
        recipient=user,
        about=centre,
        subject=lambda: _("A committee decision is due for review"),
        body=lambda: _("A decision of your committee is due for review:") + f"\n{link}\n",
    )
