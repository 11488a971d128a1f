"""Celery tasks of the services app: thin, idempotent, no personal data in arguments."""

from celery import shared_task

from . import actions
from .models import Service


@shared_task(time_limit=15 * 60, soft_time_limit=14 * 60)
def generate_sessions() -> int:
    """Keep four weeks of sessions ahead for every active service with weekly times.

    Idempotent: sessions that exist are left alone, so a re-run creates none. Each
    service is its own transaction: if the task stops half-way, what it made stays
    and the next run completes the rest.
    """
    services = Service.objects.filter(active=True, slots__isnull=False).distinct().order_by("pk")
    return sum(actions.sessions_generate(service=service) for service in services)
