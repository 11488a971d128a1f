"""A centre's feedback reports: the list, one report, and building a period again.
Read by the manager and the committee; built again by the manager."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from centres.access import centre_view
from centres.models import Centre
from centres.outbox import enqueue_on_commit
from centres.templatetags.bidi import isolate

from ..statistics.labels import period_name
from ..statistics.periods import BeforeRecords, after_records_begin, existed
from .forms import BuildForm
from .models import FeedbackReport
from .pending import build_asked, build_notices
from .present import Namer, not_released, page_sections, use_rows
from .scope import Scope
from .tasks import build_feedback_report


def get_report(centre: Centre, report_id: int) -> FeedbackReport:
    return get_object_or_404(FeedbackReport.objects.for_centre(centre), pk=report_id)


@require_GET
@centre_view("advocacy.view_reports")
def report_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    return render_list(request, Scope.for_centre(centre))


def render_list(request: HttpRequest, scope: Scope, form: BuildForm | None = None, status=200):
    """A centre's or a programme's reports, and the form to build one (as typed, with
    its errors beside the field, when it was refused)."""
    if scope.centre is not None:
        can_build = request.user.has_perm("advocacy.rebuild_reports", scope.centre)
    else:
        can_build = request.user.has_perm("advocacy.rebuild_programme_reports", scope.programme)
    return render(
        request,
        "advocacy/reports/report_list.html",
        {
            "centre": scope.centre,
            "programme": scope.programme,
            "reports": [
                report
                for report in scope.reports()
                .only("pk", "period_kind", "period_start", "version", "is_current", "built_at")
                .newest_first()
                if existed(report.period, scope.first_day)  # see `before_records_page`
            ],
            "can_build": can_build,
            "build_notices": build_notices(request, scope),
            "form": form or BuildForm(scope=scope),
        },
        status=status,
    )


@require_GET
@centre_view("advocacy.view_reports")
def report_detail(request: HttpRequest, centre: Centre, report_id: int) -> HttpResponse:
    report = get_report(centre, report_id)
    if (refused := before_records_page(request, report)) is not None:
        return refused
    return render(request, "advocacy/reports/report_detail.html", report_context(request, report))


def before_records_page(request: HttpRequest, report: FeedbackReport) -> HttpResponse | None:
    """For a report of a period that ended before the records begin (built before such
    builds were refused, and its figures zeros that never were), the reason and the
    first period with figures, with 410 Gone, instead of its page or a download of it.
    None for any other report."""
    scope = Scope.of(report.scope_kind, report.scope_id)
    try:
        after_records_begin(report.period, scope.first_day)
    except BeforeRecords as refusal:
        context = {
            "centre": scope.centre,
            "programme": scope.programme,
            "report": report,
            "period_key": report.period.key,
            "refusal": str(refusal),
        }
        return render(request, "advocacy/reports/report_before_records.html", context, status=410)
    return None


def report_context(request: HttpRequest | None, report: FeedbackReport) -> dict:
    scope = Scope.of(report.scope_kind, report.scope_id)
    context = contents_context(scope, report.contents)
    context["report"] = report
    if request is not None:
        context["build_notices"] = build_notices(request, scope)
        context["can_build"] = (
            request.user.has_perm("advocacy.rebuild_reports", scope.centre)
            if scope.centre is not None
            else request.user.has_perm("advocacy.rebuild_programme_reports", scope.programme)
        )
    return context


def contents_context(scope: Scope, contents: dict) -> dict:
    """What the page and the PDF show of a report's (or a programme view's) contents."""
    centres = scope.centres()
    namer = Namer(centres)
    use = use_rows(contents, namer) if "facts" in contents else []  # older programme reports
    return {
        "scope": scope,
        "centre": scope.centre,
        "programme": scope.programme,
        "period_key": contents.get("period", ""),
        "compared": contents.get("compared", []),
        "not_released": not_released(contents),
        "threshold": contents.get("threshold"),
        "sections": page_sections(contents, namer),
        "use": use,
        "use_over": any(row["capacity"].over for row in use),
        "extra": labelled(contents.get("sections", {})),
        "centres": centres if scope.centre is None else [],
    }


def labelled(sections: dict) -> dict:
    from ..recommendations.models import AddresseeKind, RecommendationStatus

    kinds, statuses = dict(AddresseeKind.choices), dict(RecommendationStatus.choices)
    recommendations = [
        {**r, "addressee_label": kinds.get(r["addressee_kind"], ""),
         "status_label": statuses.get(r["status"], r["status"])}
        for r in sections.get("recommendations", [])
    ]  # fmt: skip
    return {**sections, "recommendations": recommendations}


@require_POST
@centre_view("advocacy.rebuild_reports")
def report_build(request: HttpRequest, centre: Centre) -> HttpResponse:
    return queue_build(request, Scope.for_centre(centre), "report_list", centre.pk)


def queue_build(request: HttpRequest, scope: Scope, back: str, back_id: int) -> HttpResponse:
    """Queue the build asked for after this request commits; the task (and its
    replacing rule) makes a double submit build once."""
    form = BuildForm(request.POST, scope=scope)
    if not form.is_valid():
        # The form again, the period as typed and the reason beside it; nothing queued.
        return render_list(request, scope, form, status=400)
    period = form.cleaned_data["period"]
    replacing = form.cleaned_data["replacing"]
    current = scope.reports().of(period).current().first()
    if current is not None and replacing is None:
        messages.info(request, exists_message(current, period))
        return redirect(back, back_id)
    args = (scope.kind, scope.id, period.kind.value, period.first.isoformat())
    enqueue_on_commit(build_feedback_report, *args, replacing=replacing, by_id=request.user.pk)
    # The page it goes back to says it is being built, then that it was not if no new
    # version comes in time (`pending`).
    build_asked(request, scope, period, replacing)
    return redirect(back, back_id)


def exists_message(report: FeedbackReport, period) -> str:
    """Asked to build a period that has a current report: say so, with a link to it
    (the form builds only a period with none; a new version is asked for on its page,
    which sends the version it replaces)."""
    if report.centre_id:
        path = reverse("report_detail", args=[report.centre_id, report.pk])
    else:
        path = reverse("programme_report_detail", args=[report.programme_id, report.pk])
    sentence = escape(_("The report of %(period)s exists already: %(link)s.")) % {
        "period": isolate(period_name(period)),
        "link": format_html('<a href="{}">{}</a>', path, _("open it")),
    }
    rebuild = escape(_("“Rebuild this period” on its page builds a new version."))
    return mark_safe(f"{sentence} {rebuild}")  # noqa: S308 (escaped above)
