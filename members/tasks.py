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
