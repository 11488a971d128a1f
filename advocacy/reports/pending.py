"""Builds a person asked for and is waiting on: "being built" while the worker has time
to build, then "try again" if no new version came, never "being built" for ever.

A build is queued to Celery (`views.queue_build`); the message can still be lost on
the way (a broker that went away, a worker that died). What was asked is kept in the
asker's session, ids only: the scope, the period's key, the version it replaces and
when. Each page of the scope's reports then tells where each stands, from the reports
themselves: done once the period has a current report newer than the one replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ..statistics.labels import period_name
from ..statistics.periods import Period, PeriodRefused
from .scope import Scope

SESSION_KEY = "report_builds"
# Longer than a build may take (the task's time limit, 15 min) and its first retry.
GIVE_UP_AFTER = timedelta(minutes=20)


@dataclass(frozen=True)
class BuildNotice:
    """`waiting`: still being built; otherwise it was not built and may be asked again."""

    waiting: bool
    text: str


def _scope_key(scope: Scope) -> str:
    return f"{str(scope.kind)}:{scope.id}"


def build_asked(request: HttpRequest, scope: Scope, period: Period, replacing: int | None) -> None:
    """Remember that the person of `request` asked for `period` of `scope` (replacing
    that version, or None for a period with no report), now. Asking again replaces it."""
    asked = [
        entry
        for entry in request.session.get(SESSION_KEY, [])
        if (entry["scope"], entry["period"]) != (_scope_key(scope), period.key)
    ]
    asked.append(
        {
            "scope": _scope_key(scope),
            "period": period.key,
            "replacing": replacing or 0,
            "at": timezone.now().isoformat(),
        }
    )
    request.session[SESSION_KEY] = asked


def build_notices(request: HttpRequest, scope: Scope, now: datetime | None = None) -> list:
    """Where each build asked for in `scope` stands, as BuildNotices, oldest first: a
    build done is forgotten silently (its report is on the page), one that failed is
    said once and forgotten (the person asks again), one still within
    `GIVE_UP_AFTER` is said to be under way."""
    asked = request.session.get(SESSION_KEY, [])
    if not asked:
        return []
    now = now or timezone.now()
    notices, kept = [], []
    for entry in asked:
        if entry["scope"] != _scope_key(scope):
            kept.append(entry)
            continue
        try:
            period = Period.parse(entry["period"], kinds=scope.kinds)
        except PeriodRefused:
            continue
        current = scope.reports().of(period).current().values_list("version", flat=True).first()
        if current is not None and current > entry["replacing"]:
            continue
        words = {"period": period_name(period)}
        if now - datetime.fromisoformat(entry["at"]) > GIVE_UP_AFTER:
            text = _("The report of %(period)s was not built. Please ask for it again.")
            notices.append(BuildNotice(waiting=False, text=text % words))
            continue
        text = _(
            "The report of %(period)s is being built. It appears here when it is ready: "
            "reload this page in a minute."
        )
        notices.append(BuildNotice(waiting=True, text=text % words))
        kept.append(entry)
    if kept != asked:
        request.session[SESSION_KEY] = kept
    return notices
