"""The catalogue: what the centre offers and when, the referral partners directory,
and the manager's export of sessions."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import centre_view
from centres.categories import CategoryKind
from centres.exports import FORMATS
from centres.exports.respond import respond
from centres.local_time import day_end, day_start, today, zone_of
from centres.models import Centre
from centres.notices import refusal_text
from centres.templatetags.bidi import isolated
from members.governance import selectors as governance

from . import actions
from .exports import sessions_export
from .filters import ServiceFilter
from .forms_catalogue import (
    CategoryForm,
    ExportRangeForm,
    PartnerForm,
    ServiceForm,
    SessionForm,
    SlotForm,
)
from .models import ReferralPartner, Service, Session

HEADINGS = {
    CategoryKind.BASIC: gettext_lazy("Basic activities"),
    CategoryKind.SUPPLEMENTARY: gettext_lazy("Supplementary services"),
}


def _service(centre: Centre, service_id: int) -> Service:
    return get_object_or_404(
        Service.objects.for_centre(centre).select_related("category"), pk=service_id
    )


def _partner(centre: Centre, partner_id: int) -> ReferralPartner:
    return get_object_or_404(ReferralPartner.objects.filter(centre=centre), pk=partner_id)


@require_GET
@centre_view("services.view_calendar")
def service_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    services = (
        Service.objects.for_centre(centre)
        .select_related("category", "provider_staff", "provider_partner")
        .prefetch_related("slots")
        .order_by("category__kind", "category__position", "category__code", "name")
    )
    can_manage = request.user.has_perm("services.manage_services", centre)
    service_filter = ServiceFilter(request.GET or None, queryset=services)
    # A language not on the list is shown as an error beside the filter, with no list.
    valid = not service_filter.is_bound or service_filter.is_valid()
    active = list(service_filter.qs.filter(active=True)) if valid else []
    if can_manage:
        for service in active:
            service.slot_form = SlotForm(auto_id=f"id_slot{service.pk}_%s")
    groups = [
        (HEADINGS[kind], list(items)) for kind, items in groupby(active, lambda s: s.category.kind)
    ]
    # The members' latest priorities are a binding input to planning: the manager
    # sees them here, beside the services, and answers each one.
    priorities = governance.latest_priorities(centre) if can_manage else None
    return render(
        request,
        "services/service_list.html",
        {
            "centre": centre,
            "groups": groups,
            "filter": service_filter,
            "can_manage": can_manage,
            "can_export": request.user.has_perm("services.export", centre),
            "inactive": services.filter(active=False) if can_manage else (),
            "export_form": ExportRangeForm(),
            "priorities": priorities,
            "priority_rows": governance.ballot_results(priorities) if priorities else (),
            "priorities_by_rounds": bool(priorities) and governance.counted_in_rounds(priorities),
        },
    )


def _service_form(request: HttpRequest, centre: Centre, service: Service) -> HttpResponse:
    title = service.name  # the form changes the instance as it validates
    form = ServiceForm(
        request.POST if request.method == "POST" else None, instance=service, centre=centre
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.service_save(service=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(name)s” was saved.") % {"name": isolated(saved.name)})
            return redirect("service_list", centre_id=centre.pk)
    return render(
        request,
        "services/service_form.html",
        {"centre": centre, "form": form, "service": service, "title": title},
    )


@require_http_methods(["GET", "POST"])
@centre_view("services.manage_services")
def service_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    return _service_form(request, centre, Service(centre=centre))


@require_http_methods(["GET", "POST"])
@centre_view("services.manage_services")
def service_edit(request: HttpRequest, centre: Centre, service_id: int) -> HttpResponse:
    return _service_form(request, centre, _service(centre, service_id))


@require_http_methods(["GET", "POST"])
@centre_view("services.manage_services")
def category_add(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = CategoryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            category = actions.category_add(centre=centre, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            # The model names the field `own_name`; the form calls it `name`.
            for field, problems in error.update_error_dict({}).items():
                form.add_error("name" if field == "own_name" else None, problems)
        else:
            messages.success(
                request,
                _("The category “%(name)s” was added. Choose it when you add a service.")
                % {"name": isolated(category.name)},
            )
            return redirect("service_list", centre_id=centre.pk)
    return render(request, "services/category_form.html", {"centre": centre, "form": form})


@require_POST
@centre_view("services.manage_services")
def slot_add(request: HttpRequest, centre: Centre, service_id: int) -> HttpResponse:
    service = _service(centre, service_id)
    form = SlotForm(request.POST, service=service)
    if not form.is_valid():
        problems = [
            f"{form[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
            for name, errs in form.errors.items()
        ]
        messages.error(
            request,
            _("The weekly time was not added. %(problems)s") % {"problems": " ".join(problems)},
        )
    else:
        try:
            slot = actions.slot_add(service=service, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(
                request,
                _("The weekly time was not added. %(problems)s")
                % {"problems": refusal_text(error)},
            )
        else:
            messages.success(
                request,
                _("“%(name)s” now runs every %(slot)s; the next four weeks are in the calendar.")
                % {"name": isolated(service.name), "slot": slot},
            )
    return redirect("service_list", centre_id=centre.pk)


@require_http_methods(["GET", "POST"])
@centre_view("services.manage_services")
def session_add(request: HttpRequest, centre: Centre, service_id: int) -> HttpResponse:
    service = _service(centre, service_id)
    form = SessionForm(request.POST if request.method == "POST" else None, service=service)
    if request.method == "POST" and not service.active:
        form.add_error(
            None, _("This service is not active: make it active before adding sessions.")
        )
    elif request.method == "POST" and form.is_valid():
        try:
            session = actions.session_add(service=service, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            when = timezone.localtime(session.starts_at)
            messages.success(
                request,
                _("A session of “%(name)s” was added on %(when)s.")
                % {"name": isolated(service.name), "when": f"{when:%Y-%m-%d %H:%M}"},
            )
            return redirect("service_list", centre_id=centre.pk)
    return render(
        request, "services/session_form.html", {"centre": centre, "form": form, "service": service}
    )


@require_GET
@centre_view("services.view_partners")
def partner_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    return render(
        request,
        "services/partner_list.html",
        {
            "centre": centre,
            "partners": ReferralPartner.objects.filter(centre=centre).order_by("-active", "name"),
            "can_manage": request.user.has_perm("services.manage_partners", centre),
        },
    )


def _partner_form(request: HttpRequest, centre: Centre, partner: ReferralPartner) -> HttpResponse:
    title = partner.name  # the form changes the instance as it validates
    form = PartnerForm(request.POST if request.method == "POST" else None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.partner_save(partner=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(name)s” was saved.") % {"name": isolated(saved.name)})
            return redirect("partner_list", centre_id=centre.pk)
    return render(
        request,
        "services/partner_form.html",
        {"centre": centre, "form": form, "partner": partner, "title": title},
    )


@require_http_methods(["GET", "POST"])
@centre_view("services.manage_partners")
def partner_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    return _partner_form(request, centre, ReferralPartner(centre=centre))


@require_http_methods(["GET", "POST"])
@centre_view("services.manage_partners")
def partner_edit(request: HttpRequest, centre: Centre, partner_id: int) -> HttpResponse:
    return _partner_form(request, centre, _partner(centre, partner_id))


@require_GET
@centre_view("services.export")
def session_export(request: HttpRequest, centre: Centre, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    form = ExportRangeForm(request.GET)
    if not form.is_valid():
        messages.error(
            request,
            _("Check the dates of the export: %(problems)s")
            % {"problems": " ".join(e for errs in form.errors.values() for e in errs)},
        )
        return redirect("service_list", centre_id=centre.pk)
    zone = zone_of(centre)
    sessions = Session.objects.for_centre(centre)
    if form.cleaned_data["since"]:
        sessions = sessions.filter(starts_at__gte=day_start(form.cleaned_data["since"], zone))
    if form.cleaned_data["until"]:
        sessions = sessions.filter(starts_at__lt=day_end(form.cleaned_data["until"], zone))
    return respond(
        sessions_export(sessions, centre=centre),
        fmt,
        audit_on=centre,
        filename=f"sessions-{centre.code}-{today(centre).isoformat()}",
    )
