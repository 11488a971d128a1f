"""Reads that cross models: the centre's grievance figures for reports and advocacy.

These figures are meant to leave the centre's staff (reports, recommendations' evidence),
so they count only the cases of members who consent to anonymised statistics and hide
every small cell, including those a total would give away (`members.selectors.suppress`).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.models import Centre
from members.models import Consent, ConsentPurpose, Sector
from members.selectors import suppress, suppress_one

from .models import (
    EmployerKind,
    Grievance,
    IssueType,
    Outcome,
    Remedy,
    RemedyKind,
    Status,
)

Breakdown = dict[str, int | None]


@dataclass(frozen=True)
class CaseAggregates:
    """Counts of cases (not of issues or remedies), each breakdown already suppressed:
    a None is a hidden cell. Every figure describes cases opened in the period."""

    threshold: int
    since: date | None
    until: date | None
    total: int | None
    by_issue_type: Breakdown  # a case with two issue types counts once in each
    by_status: Breakdown
    by_outcome: Breakdown  # resolved and closed cases with an outcome recorded
    by_sector: Breakdown
    by_employer: Breakdown  # named only with `threshold` cases or more
    median_days_to_resolution: float | None
    mean_days_to_resolution: float | None
    remedies_by_kind: Breakdown  # cases that obtained each kind of remedy
    wages_cases: Breakdown  # by currency: cases whose recovered wages make up the total
    wages_recovered: dict[str, Decimal | None]  # by currency: None below `threshold` cases

    @property
    def wages(self) -> list[tuple[str, int | None, Decimal | None]]:
        """(currency, cases, total recovered) rows, for tables."""
        return [
            (currency, count, self.wages_recovered[currency])
            for currency, count in self.wages_cases.items()
        ]

    @property
    def has_hidden(self) -> bool:
        breakdowns = (
            self.by_issue_type,
            self.by_status,
            self.by_outcome,
            self.by_sector,
            self.by_employer,
            self.remedies_by_kind,
            self.wages_cases,
        )
        return self.total is None or any(None in b.values() for b in breakdowns)


def consenting_cases(
    *, centre: Centre, since: date | None = None, until: date | None = None
) -> QuerySet[Grievance]:
    """The centre's cases opened from `since` to `until` (local days, both included) whose
    member consents to anonymised statistics now. Pseudonymous cases are never counted:
    nobody can have agreed for them."""
    consent = Consent.objects.current().filter(
        member=OuterRef("member"), purpose=ConsentPurpose.STATISTICS
    )
    cases = Grievance.objects.for_centre(centre).filter(Exists(consent), member__isnull=False)
    if since is not None:
        cases = cases.filter(opened_at__gte=_start_of(since))
    if until is not None:
        cases = cases.filter(opened_at__lt=_start_of(until + timedelta(days=1)))
    return cases.order_by()


def case_aggregates(
    *, centre: Centre, threshold: int, since: date | None = None, until: date | None = None
) -> CaseAggregates:
    """The figures of `consenting_cases`, small cells hidden. Eight queries, whatever the
    number of cases."""
    cases = consenting_cases(centre=centre, since=since, until=until)
    by_status = _counts(cases, "status")
    total = sum(by_status.values())
    median, mean = _days_to_resolution(cases, threshold)
    wages_cases, wages_recovered = _wages(cases, threshold)
    return CaseAggregates(
        threshold=threshold,
        since=since,
        until=until,
        total=suppress_one(total, threshold),
        by_issue_type=_shown(IssueType, _counts(cases, "issues__issue_type"), threshold),
        by_status=_shown(Status, by_status, threshold),
        by_outcome=_shown(
            Outcome,
            _counts(cases.filter(status__in=[Status.RESOLVED, Status.CLOSED]), "outcome"),
            threshold,
        ),
        by_sector=_shown(Sector, _counts(cases, "sector"), threshold, blank=_("Not recorded")),
        by_employer=suppress(_employers(cases, threshold), threshold),
        median_days_to_resolution=median,
        mean_days_to_resolution=mean,
        remedies_by_kind=_shown(RemedyKind, _remedies_by_kind(cases), threshold),
        wages_cases=wages_cases,
        wages_recovered=wages_recovered,
    )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _counts(cases: QuerySet, field: str) -> dict[str, int]:
    rows = cases.values(field).annotate(cases=Count("pk", distinct=True))
    return {row[field]: row["cases"] for row in rows if row[field] is not None}


def _shown(choices, counts: Mapping[str, int], threshold: int, blank: str = "") -> Breakdown:
    """Every choice by its label (zeros included: they describe nobody), then any code
    no longer among the choices, then the cases where nothing was recorded."""
    labelled = {str(label): counts.get(code, 0) for code, label in choices.choices}
    for code, count in counts.items():
        if code and code not in choices.values:
            labelled[code] = labelled.get(code, 0) + count
    if blank and counts.get(""):
        labelled[blank] = counts[""]
    return suppress(labelled, threshold)


def _employers(cases: QuerySet, threshold: int) -> dict[str, int]:
    """Employers with `threshold` cases or more by name; everyone else pooled, so that a
    small employer is not even named."""
    rows = (
        cases.values("employer", "employer__name", "employer__kind")
        .annotate(cases=Count("pk", distinct=True))
        .order_by("-cases", "employer__name")
    )
    pooled = {_("Other employers"): 0, _("Not recorded"): 0}
    other, unrecorded = pooled
    named: dict[str, int] = {}
    for row in rows:
        if row["employer"] is None:
            pooled[unrecorded] += row["cases"]
        elif row["cases"] >= threshold:
            label = row["employer__name"]
            if label in named or label in pooled:  # e.g. one name as employer and recruiter
                label = f"{label} ({EmployerKind(row['employer__kind']).label})"
            named[label] = row["cases"]
        else:
            pooled[other] += row["cases"]
    return {**named, **pooled}


def _days_to_resolution(cases: QuerySet, threshold: int) -> tuple[float | None, float | None]:
    took = ExpressionWrapper(F("finished_at") - F("opened_at"), output_field=DurationField())
    durations = list(
        cases.filter(status=Status.RESOLVED, finished_at__isnull=False)
        .annotate(took=took)
        .values_list("took", flat=True)
    )
    if len(durations) < threshold:
        return None, None
    days = [duration.total_seconds() / 86400 for duration in durations]
    return round(statistics.median(days), 1), round(statistics.fmean(days), 1)


def _remedies_by_kind(cases: QuerySet) -> dict[str, int]:
    rows = (
        Remedy.objects.filter(grievance__in=cases)
        .values("kind")
        .annotate(cases=Count("grievance", distinct=True))
        .order_by()
    )
    return {row["kind"]: row["cases"] for row in rows}


def _wages(cases: QuerySet, threshold: int) -> tuple[Breakdown, dict[str, Decimal | None]]:
    """Wages recovered per currency, never added across currencies. The counts of cases
    are suppressed like any breakdown; a currency's total is shown only when at least
    `threshold` cases make it up (cases, not remedies: one worker's several payments
    are still one worker's money)."""
    rows = (
        Remedy.objects.filter(grievance__in=cases, kind=RemedyKind.WAGES, amount__isnull=False)
        .values("currency")
        .annotate(cases=Count("grievance", distinct=True), total=Sum("amount"))
        .order_by("currency")
    )
    counts = suppress({row["currency"]: row["cases"] for row in rows}, threshold)
    totals = {row["currency"]: row["total"] if row["cases"] >= threshold else None for row in rows}
    return counts, totals
