"""Celery tasks of the members app: thin, idempotent, no personal data in arguments."""

from celery import shared_task

from centres.models import Centre

from .governance import actions as governance


@shared_task(time_limit=15 * 60, soft_time_limit=14 * 60)
def sync_committee_roles() -> dict[str, int]:
    """Daily: the committee-member role follows the seats (granted when a term starts,
    taken back when it ends, history kept). Each centre is its own transaction."""
    totals = {"granted": 0, "ended": 0}
    for centre in Centre.objects.filter(committees__isnull=False).distinct().order_by("pk"):
        for key, value in governance.committee_roles_sync(centre=centre).items():
            totals[key] += value
    return totals


@shared_task(time_limit=15 * 60, soft_time_limit=14 * 60)
def remind_decision_reviews() -> int:
    """Daily: tell each committee which of its decisions are due for review. The e-mail
    carries a link only, never the decision's text. Each decision is reminded once."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from centres.models import CentreRole, Role

    from .governance.models import Decision

    due = governance.decision_reviews_remind()
    decisions = Decision.objects.filter(pk__in=due).select_related("meeting__committee")
    for decision in decisions:
        centre_id = decision.meeting.committee.centre_id
        emails = CentreRole.objects.filter(
            centre_id=centre_id, role=Role.COMMITTEE_MEMBER
        ).values_list("user__email", flat=True)
        link = settings.SITE_URL.rstrip("/") + reverse(
            "meeting_detail", args=[centre_id, decision.meeting_id]
        )
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                subject=_("A committee decision is due for review"),
                message=_("A decision of your committee is due for review:") + f"\n{link}\n",
                from_email=None,
                recipient_list=list(emails),
            )
    return len(due)
