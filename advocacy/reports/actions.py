"""Writes of reports: building a period (a new version when asked to rebuild) and
announcing a version to its readers, each reader once."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.mail import KEPT_FOR, mail_once, mail_send
from centres.models import Centre, Programme
from centres.numbers import figure

from ..statistics.labels import period_name
from ..statistics.periods import Period
from .contents import build_contents
from .models import FeedbackReport
from .scope import Scope


@records_actor
@transaction.atomic
def report_build(
    *,
    scope: Scope,
    period: Period | str,
    by=None,
    replacing: int | None = None,
    now: datetime | None = None,
) -> tuple[FeedbackReport, bool]:
    """The current report of `scope` for the closed `period`, and whether it was built
    now. Built when the period has none; with `replacing` (the version a person asked
    to rebuild) a new version is built only while that version is still current, so
    a double submit or a retried task builds once. Raises PeriodRefused for a period
    that may not be released."""
    now = now or timezone.now()
    period = scope.closed_period(period, now=now)
    # One build at a time per scope: the second waits, then finds the first's report.
    if scope.centre is not None:
        Centre.objects.select_for_update().filter(pk=scope.centre.pk).first()
    else:
        Programme.objects.select_for_update().filter(pk=scope.programme.pk).first()
    reports = scope.reports().of(period)
    current = reports.current().first()
    if current is not None and (replacing is None or current.version != replacing):
        return current, False
    contents = build_contents(scope, period, now=now)
    version = (reports.aggregate(v=Max("version"))["v"] or 0) + 1
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    report = FeedbackReport.objects.create(
        **scope.as_fields(),
        period_kind=period.kind,
        period_start=period.first,
        version=version,
        is_current=True,
        built_at=now,
        built_by=by if by is not None and by.is_authenticated else None,
        contents=contents,
    )
    # Read back as stored, so the first reader sees what every later one will.
    return FeedbackReport.objects.get(pk=report.pk), True


def report_link(report: FeedbackReport) -> str:
    if report.centre_id:
        path = reverse("report_detail", args=[report.centre_id, report.pk])
    else:
        path = reverse("programme_report_detail", args=[report.programme_id, report.pk])
    return settings.SITE_URL.rstrip("/") + path


def report_announce(*, report: FeedbackReport) -> int:
    """E-mail each reader of `report` not yet told of this version: a link, no figure.
    Each mail is recorded as it is sent (`centres.mail.mail_once`), so a retried task
    tells nobody twice. A version older than that record is kept is not announced
    again: its readers were told when it was built. Returns the number of mails sent."""
    if not report.is_current or report.built_at < timezone.now() - KEPT_FOR:
        return 0
    scope = Scope.of(report.scope_kind, report.scope_id)
    about = scope.centre or scope.programme
    sent = 0
    for user in scope.readers():
        sent += mail_once(
            kind="feedback_report",
            recipient=user,
            key=str(report.pk),
            send=lambda user=user: _send_announcement(report, user, about),
        )
    return sent


def _send_announcement(report: FeedbackReport, user, about) -> None:
    mail_send(
        recipient=user,
        about=about,
        subject=lambda: (
            _("The feedback report for %(period)s is ready")
            % {"period": period_name(report.period)}
        ),
        body=lambda: (
            _(
                "The feedback report of %(about)s for %(period)s is ready for you to read "
                "(version %(version)s):"
            )
            % {
                "about": about.name,
                "period": period_name(report.period),
                "version": figure(report.version),
            }
            + f"\n{report_link(report)}\n"
        ),
    )
