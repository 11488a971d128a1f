"""The tasks that build reports. They take ids, are idempotent (a period has one
current report, each version is announced once per reader) and acknowledge late, so a
worker killed mid-task leaves the message to be delivered again and finished.

A centre's reports are due on Monday at 06:00 in its own time zone: the ISO week that
ended, and the month, quarter and year last closed by then (each once). Beat calls
`build_due_reports` every hour, so every centre gets them on its own Monday morning.
Programme reports are monthly (and quarterly, yearly when asked).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from centres.models import Centre, Programme

from ..statistics.periods import Period, PeriodKind, PeriodRefused, closed_periods
from .actions import report_announce, report_build
from .models import ScopeKind
from .scope import Scope

RETRIED = (ConnectionError, SMTPException)
# Centre reports are due each Monday at this local time.
WEEKLY_AT = time(6)


@shared_task(
    name="advocacy.tasks.build_feedback_report",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=15 * 60,
    soft_time_limit=14 * 60,
    autoretry_for=RETRIED,
    retry_backoff=60,
    max_retries=5,
)
def build_feedback_report(
    scope_kind: str,
    scope_id: int,
    period_kind: str,
    period_start: str,
    replacing: int | None = None,
    by_id: int | None = None,
) -> int:
    """Build (or find) the current report of one scope and closed period, then announce
    it to readers not yet told. Returns the report's id. Raises PeriodRefused for a
    period that is not closed (never retried: it would be refused again)."""
    from centres.models import User

    scope = Scope.of(scope_kind, scope_id)
    period = Period.containing(PeriodKind(period_kind), date.fromisoformat(period_start))
    if period.first.isoformat() != period_start:
        raise ValueError(f"{period_start} does not start a {period_kind}.")
    by = User.objects.filter(pk=by_id).first() if by_id else None
    report, _built = report_build(scope=scope, period=period, by=by, replacing=replacing)
    report_announce(report=report)
    return report.pk


def last_weekly_run(zone: tzinfo, now: datetime) -> datetime:
    """The latest Monday 06:00 (`WEEKLY_AT`) in `zone` that is not after `now`: the
    moment a centre's reports last fell due. An aware datetime."""
    local = now.astimezone(zone)
    monday = local.date() - timedelta(days=local.weekday())
    due = datetime.combine(monday, WEEKLY_AT, tzinfo=zone)
    if due > now:
        due = datetime.combine(monday - timedelta(days=7), WEEKLY_AT, tzinfo=zone)
    return due


def due_periods(scope: Scope, now) -> list[Period]:
    """The closed periods of `scope` that should have a report: a centre's last closed
    week, month, quarter and year; a programme's last closed month."""
    if scope.kind == ScopeKind.PROGRAMME:
        kinds = [PeriodKind.MONTH]
    else:
        kinds = [PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR]
    return [
        period
        for kind in kinds
        for period in closed_periods(kind, zone=scope.zone, now=now, count=1, since=scope.first_day)
    ]


@shared_task(
    name="advocacy.tasks.build_due_reports",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=10 * 60,
)
def build_due_reports(scope_kind: str | None = None) -> int:
    """Queue a build for every due period of every centre (and programme) that has no
    report yet. A centre's periods are those closed by its last Monday 06:00 local
    (`last_weekly_run`), so the hourly beat entry builds each centre's reports on its
    own Monday morning, once; a programme's, those closed now (beat: monthly). Safe to
    call at any time. Returns the number of builds queued."""
    now = timezone.now()
    scopes: list[Scope] = []
    if scope_kind in (None, ScopeKind.CENTRE):
        scopes += [Scope.for_centre(c) for c in Centre.objects.select_related("programme")]
    if scope_kind in (None, ScopeKind.PROGRAMME):
        scopes += [Scope.for_programme(p) for p in Programme.objects.all()]
    queued = 0
    for scope in scopes:
        as_of = last_weekly_run(scope.zone, now) if scope.kind == ScopeKind.CENTRE else now
        for period in due_periods(scope, as_of):
            try:
                scope.closed_period(period, now=as_of)
            except PeriodRefused:
                continue  # a week across the new year, or a centre west of its programme's zone
            if scope.reports().current().of(period).exists():
                continue
            build_feedback_report.delay(
                scope.kind, scope.id, period.kind.value, period.first.isoformat()
            )
            queued += 1
    return queued
