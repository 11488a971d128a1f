"""The coordinator's programme pages: its centres' released figures side by side with
safe totals, for any closed month, quarter or year; exports of them; and the
programme's stored reports. Nothing here reads a record: only stored releases."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from centres.access import programme_view
from centres.exports import FORMATS
from centres.models import Programme

from ..statistics.periods import (
    BeforeRecords,
    PeriodKind,
    PeriodRefused,
    closed_periods,
    existed,
)
from .contents import (
    COMPARED,
    build_contents,
    compared_periods,
    programme_sections,
    stored_release_ids,
)
from .downloads import download, serve
from .models import FeedbackReport
from .present import not_released
from .scope import Scope
from .views import (
    before_records_page,
    contents_context,
    labelled,
    queue_build,
    render_list,
    report_context,
)

CHOICES = ((PeriodKind.MONTH, 12), (PeriodKind.QUARTER, 4), (PeriodKind.YEAR, 2))
SECTIONS_CACHED_FOR = 24 * 60 * 60
EXPORT_FORMATS = (*FORMATS, "pdf")


def _periods(scope: Scope) -> list:
    now = timezone.now()
    return [
        period
        for kind, count in CHOICES
        for period in closed_periods(
            kind, zone=scope.zone, now=now, count=count, since=scope.first_day
        )
    ]


def _chosen(request: HttpRequest, scope: Scope):
    """The closed period asked for (or the last closed month, saying why), and the
    periods to choose from, the chosen one among them so that the list shows what the
    heading names. None while no period has ended since the programme's first centre
    began."""
    periods = _periods(scope)
    if not periods:
        return None, periods
    key = request.GET.get("period") or periods[0].key
    try:
        period = scope.closed_period(key)
    except PeriodRefused as refusal:
        messages.error(request, str(refusal))
        period = scope.closed_period(periods[0])
    if period not in periods:
        periods = sorted(
            [*periods, period], key=lambda p: (p.kind != period.kind, -p.first.toordinal())
        )
    return period, periods


@require_GET
@programme_view("advocacy.view_programme_figures")
def programme_figures(request: HttpRequest, programme: Programme) -> HttpResponse:
    scope = Scope.for_programme(programme)
    period, periods = _chosen(request, scope)
    if period is None:
        return render(request, "advocacy/no_figures_yet.html", {"programme": programme})
    return render(
        request,
        "advocacy/reports/programme_figures.html",
        {
            **figures_context(scope, period),
            "period": period,
            "periods": periods,
            "reports": FeedbackReport.objects.for_programme(programme)
            .current()
            .newest_first()[:12],
        },
    )


def figures_context(scope: Scope, period) -> dict:
    """The programme's figures for `period`, their tables rendered once per language
    and set of releases (`SECTIONS_CACHED_FOR`): a stored release never changes (one
    built again is a new row), and rendering every centre's column of every table was
    most of the page's time. Recommendations, which move on, are read each time."""
    centres = scope.centres()
    periods = compared_periods(period)
    before_records = [c for c in COMPARED if not existed(periods[c], scope.first_day)]
    releases = stored_release_ids(centres, periods)
    if len(releases) < len(centres) * len(periods):
        releases = None  # some are not released yet (or never are): not cached
    key = releases and _sections_key(scope, period, releases, centres)
    sections_html = cache.get(key) if key else None
    if sections_html is None:
        contents = build_contents(scope, period, release_missing=False)
        context = contents_context(scope, contents)
        sections_html = render_to_string("advocacy/reports/_report_sections.html", context)
        ids = sorted(
            pk for row in contents["releases"] for c, pk in row.items() if c != "centre" and pk
        )
        key = _sections_key(scope, period, ids, centres)
        cache.set(key, sections_html, SECTIONS_CACHED_FOR)
        return {**context, "sections_html": mark_safe(sections_html)}  # noqa: S308
    return {
        "scope": scope,
        "centre": None,
        "programme": scope.programme,
        "period_key": period.key,
        "compared": [periods[c].key for c in COMPARED],
        "not_released": not_released(
            {
                "compared": [periods[c].key for c in COMPARED],
                "not_released": [
                    c for c in COMPARED if periods[c].crosses_year or c in before_records
                ],
                "before_records": before_records,
            }
        ),
        "threshold": scope.programme.suppression_threshold,
        "extra": labelled(programme_sections(scope, period)),
        "centres": centres,
        # Rendered by this application from released figures only; escaped then.
        "sections_html": mark_safe(sections_html),  # noqa: S308
    }


def _sections_key(scope: Scope, period, release_ids, centres) -> str:
    """Which releases, and the centres' names heading the columns."""
    named = [str(pk) for pk in release_ids] + [f"{c.pk}:{c.name}" for c in centres]
    digest = hashlib.sha256("\n".join(named).encode()).hexdigest()[:32]
    return f"programme-sections:{scope.programme.pk}:{period.key}:{get_language()}:{digest}"


@require_GET
@programme_view("advocacy.view_programme_figures")
def programme_figures_export(request: HttpRequest, programme: Programme, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    scope = Scope.for_programme(programme)
    try:
        period = scope.closed_period(request.GET["period"])
    except (KeyError, PeriodRefused) as refusal:
        return export_refused(request, programme, refusal)
    contents = build_contents(scope, period, release_missing=False)
    return serve(
        fmt,
        scope=scope,
        context=contents_context(scope, contents) if fmt == "pdf" else {},
        contents=contents,
        audit_on=programme,
        what="programme_figures",
        name=f"programme-figures-P{programme.pk}-{period.key}.{fmt}",
    )


def export_refused(request: HttpRequest, programme: Programme, refusal: Exception):
    """A page saying why no file was made, never the figures page in its place: 410 for
    a period that ended before the records begin (as a report of one answers), 400 for
    any other refused period, or none."""
    gone = isinstance(refusal, BeforeRecords)
    reason = _("Choose a period to export.") if isinstance(refusal, KeyError) else refusal.args[0]
    return render(
        request,
        "advocacy/reports/export_refused.html",
        {"programme": programme, "refusal": reason},
        status=410 if gone else 400,
    )


def get_programme_report(programme: Programme, report_id: int) -> FeedbackReport:
    return get_object_or_404(FeedbackReport.objects.for_programme(programme), pk=report_id)


@require_GET
@programme_view("advocacy.view_programme_figures")
def programme_report_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render_list(request, Scope.for_programme(programme))


@require_GET
@programme_view("advocacy.view_programme_figures")
def programme_report_detail(request: HttpRequest, programme: Programme, report_id: int):
    report = get_programme_report(programme, report_id)
    if (refused := before_records_page(request, report)) is not None:
        return refused
    return render(request, "advocacy/reports/report_detail.html", report_context(request, report))


@require_POST
@programme_view("advocacy.rebuild_programme_reports")
def programme_report_build(request: HttpRequest, programme: Programme) -> HttpResponse:
    return queue_build(request, Scope.for_programme(programme), "programme_reports", programme.pk)


@require_GET
@programme_view("advocacy.view_programme_figures")
def programme_report_download(request: HttpRequest, programme: Programme, report_id, fmt: str):
    report = get_programme_report(programme, report_id)
    if (refused := before_records_page(request, report)) is not None:
        return refused
    return download(report, fmt)
