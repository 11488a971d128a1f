"""Visits: the log, its export, and the two fast ways to record people coming in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from centres.access import centre_view
from centres.choices import choice_labels
from centres.exports import FORMATS
from centres.exports.jobs import export_job_start, in_background
from centres.exports.respond import respond
from centres.keyset import keyset_page, query_without_cursor
from centres.local_time import today
from centres.models import Centre
from centres.numbers import figure
from centres.templatetags.bidi import isolated

from . import actions
from .exports import FILTERS, visits_export
from .filters import VisitFilter
from .forms import HeadcountForm, VisitForm
from .models import MEMBER_CIPHERTEXTS, Gender, Visit, VisitQuerySet


def _filtered(request: HttpRequest, centre: Centre, visits: VisitQuerySet) -> VisitFilter:
    visits = visits.for_centre(centre).select_related("member").order_by("-arrived_at", "-pk")
    return VisitFilter(request.GET or None, queryset=visits, centre=centre)


@require_GET
@centre_view("members.view_visit_log")
def visit_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    # A row shows the member's code alone, and its purposes as a plain list: no
    # ciphertext to decrypt, no related manager made for each of the 50 rows.
    visits = Visit.objects.defer(*(f"member__{name}" for name in MEMBER_CIPHERTEXTS))
    visits = visits.prefetch_related(Prefetch("purposes", to_attr="purpose_list"))
    visit_filter = _filtered(request, centre, visits)
    page = keyset_page(visit_filter.qs, request.GET, key="arrived_at")
    return render(
        request,
        "members/visit_list.html",
        {
            "centre": centre,
            "filter": visit_filter,
            "page": page,
            "genders": choice_labels(Gender),
            "query": query_without_cursor(request.GET),
            "can_export": request.user.has_perm("members.export_visits", centre),
        },
    )


@require_GET
@centre_view("members.export_visits")
def visit_export(request: HttpRequest, centre: Centre, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    visit_filter = _filtered(request, centre, Visit.objects.prefetch_related("purposes"))
    if visit_filter.is_bound and not visit_filter.is_valid():
        problems = " ".join(e for errors in visit_filter.errors.values() for e in errors)
        messages.error(request, _("Check the filters: %(problems)s") % {"problems": problems})
        return redirect("visit_list", centre_id=centre.pk)
    table = visits_export(visit_filter.qs, centre=centre)
    if in_background(table):
        params = {name: request.GET[name] for name in FILTERS if request.GET.get(name)}
        job = export_job_start(
            centre=centre, by=request.user, kind="visits", fmt=fmt, params=params
        )
        return redirect("export_job", centre.pk, job.pk)
    return respond(
        table,
        fmt,
        audit_on=centre,
        filename=f"visits-{centre.code}-{today(centre).isoformat()}",
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.log_visit")
def visit_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    initial = {"member": request.GET.get("member", "")}
    form = VisitForm(
        request.POST if request.method == "POST" else None, centre=centre, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            visit = actions.visit_log(centre=centre, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Visit of %(code)s logged.") % {"code": isolated(visit.member.code)}
            )
            return redirect("visit_new", centre_id=centre.pk)
    return render(request, "members/visit_new.html", {"centre": centre, "form": form})


@require_http_methods(["GET", "POST"])
@centre_view("members.log_visit")
def headcount_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = HeadcountForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            visits = actions.headcount_log(
                centre=centre,
                by=request.user,
                groups=form.groups(),
                purposes=form.cleaned_data["purposes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            people = sum(v.people for v in visits)
            messages.success(
                request, _("%(people)s anonymous visitors logged.") % {"people": figure(people)}
            )
            return redirect("headcount_new", centre_id=centre.pk)
    return render(request, "members/headcount_new.html", {"centre": centre, "form": form})
