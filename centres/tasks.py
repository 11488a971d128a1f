"""Celery tasks of the centres app: thin, idempotent, ids only in their arguments."""

from smtplib import SMTPException

from celery import shared_task

from . import actions
from .models import Invitation


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
    time_limit=60,
    soft_time_limit=50,
)
def send_invitation(invitation_id: int) -> None:
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is not None:
        actions.invitation_send(invitation=invitation)


@shared_task(time_limit=15 * 60, soft_time_limit=14 * 60)
def purge_expired_access() -> dict[str, int]:
    return actions.purge_expired_access()


@shared_task(acks_late=True, time_limit=60 * 60, soft_time_limit=55 * 60)
def apply_retention() -> dict[str, int]:
    """Daily: anonymise or remove what is past its retention period, in batches.

    Safe to deliver twice (acks_late: a worker killed mid-run leaves the message to be
    redelivered): each batch commits its changes with its counts, and rows already
    done are no longer due, so a second delivery only finishes the rest."""
    from .retention.runner import retention_apply

    return retention_apply()


@shared_task(acks_late=True, time_limit=5 * 60, soft_time_limit=4 * 60)
def send_pending_tasks() -> int:
    """Every minute: send the tasks a request asked for while the broker was down."""
    from .outbox import send_pending

    return send_pending()


@shared_task(acks_late=True, time_limit=60 * 60, soft_time_limit=55 * 60)
def export_run(job_id: int) -> None:
    """Write a big export's file. Safe to deliver twice: a job already done is left."""
    from .exports.jobs import export_job_run

    export_job_run(job_id=job_id)


@shared_task(acks_late=True, time_limit=15 * 60, soft_time_limit=14 * 60)
def purge_export_files() -> int:
    """Hourly: remove the files of exports past their keeping time."""
    from .exports.jobs import export_files_purge

    return export_files_purge()
