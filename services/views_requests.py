"""Workers' requests for services: told to the front desk or typed at the entrance
kiosk, answered by the manager, and summed up as demand against what is offered.

The words of a request are the worker's own and may identify them: only the manager
reads them (the request list). The demand page shows counts only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import centre_view
from centres.choices import choice_labels
from centres.keyset import keyset_page, query_without_cursor
from centres.models import Centre
from centres.notices import show_refusal
from centres.sent_marks import mark_sent, sent_here, sent_page
from members.access import kiosk_view, live_figures
from members.kiosk_limits import kiosk_may_write
from members.models import Kiosk
from members.selectors import own_member
from members.views_kiosk import kiosk_wait

from . import actions
from .demand import UPCOMING_DAYS, demand_figures
from .forms_requests import (
    KioskRequestForm,
    MyRequestForm,
    RequestFilter,
    RequestForm,
    RequestMoveForm,
)
from .models import RequestChannel, RequestStatus, ServiceRequest

PER_PAGE = 50
# The columns a row of the request list shows: no member's ciphertexts.
LIST_FIELDS = (
    *("centre", "category", "wish", "member", "channel", "status", "decline_reason"),
    *("created_at", "category__centre", "category__code", "category__own_name", "member__code"),
)
# What the request list keeps when it comes back after moving a request.
LIST_STATE = ("status", "older", "newer")


def _list_state(data: QueryDict) -> str:
    state = QueryDict(mutable=True)
    for key in LIST_STATE:
        if data.get(key):
            state[key] = data[key]
    return state.urlencode()


@require_GET
@centre_view("services.review_requests")
def request_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    requests = (
        ServiceRequest.objects.for_centre(centre)
        .select_related("category", "member")
        .only(*LIST_FIELDS)
        .order_by("-created_at", "-pk")
    )
    request_filter = RequestFilter(request.GET or None, queryset=requests)
    valid = not request_filter.is_bound or request_filter.is_valid()
    found = request_filter.qs if valid else requests.none()
    page = keyset_page(found, request.GET, key="created_at", size=PER_PAGE)
    # Every row's move form has the same fields: their labels and each status's next
    # statuses are made once for the page, not rendered as a form on every row.
    move_form = RequestMoveForm(auto_id=False)  # labels alone, with the site's suffix rule
    statuses = choice_labels(RequestStatus)
    moves = {
        status: [(value, label) for value, label in statuses.items() if value in following]
        for status, following in actions.NEXT_STATUSES.items()
    }
    return render(
        request,
        "services/request_list.html",
        {
            "centre": centre,
            "filter": request_filter,
            "page": page,
            "rows": [(item, moves[item.status]) for item in page],
            "move_form": move_form,
            "move_labels": {name: move_form[name].label_tag() for name in move_form.fields},
            "statuses": statuses,
            "channels": choice_labels(RequestChannel),
            "query": query_without_cursor(request.GET),
            "state": _list_state(request.GET),
        },
    )


@require_POST
@centre_view("services.review_requests")
def request_move(request: HttpRequest, centre: Centre, request_id: int) -> HttpResponse:
    service_request = get_object_or_404(ServiceRequest.objects.for_centre(centre), pk=request_id)
    form = RequestMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what the request becomes."))
    else:
        status = form.cleaned_data["status"]
        try:
            actions.request_move(
                request=service_request,
                status=status,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(
                request,
                _("The request is now “%(status)s”.") % {"status": RequestStatus(status).label},
            )
    back = reverse("request_list", args=[centre.pk])
    state = _list_state(QueryDict(request.POST.get("back", "")))
    return redirect(f"{back}?{state}" if state else back)


@require_http_methods(["GET", "POST"])
@centre_view("services.log_request")
def request_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = RequestForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_create(
                centre=centre,
                by=request.user,
                wish=form.cleaned_data["wish"],
                category=form.cleaned_data["category"],
                member=form.cleaned_data["member"],
                channel=RequestChannel.STAFF,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request is recorded. Thank you."))
            return redirect("request_new", centre_id=centre.pk)
    return render(request, "services/request_form.html", {"centre": centre, "form": form})


@require_http_methods(["GET", "POST"])
@centre_view("services.request_self")
def my_request_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    """A member with an account asks for a service, anonymously unless they choose not to."""
    if request.method == "GET" and sent_here(request, name="request"):
        return sent_page(
            request,
            centre=centre,
            title=_("Ask for a service"),
            said=_("Your request is sent to the centre. Thank you!"),
            back=reverse("my_requests", args=[centre.pk]),
            back_label=_("Your requests"),
            again_label=_("Ask for something else (or for someone else using this phone)"),
        )
    form = MyRequestForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.request_create(
                centre=centre,
                by=None if data["anonymous"] else request.user,
                wish=data["wish"],
                category=data["category"],
                member=None if data["anonymous"] else own_member(request.user, centre),
                channel=RequestChannel.MEMBER,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the centre will look at your request."))
            done = redirect("my_requests", centre_id=centre.pk)
            return mark_sent(request, done, name="request")
    return render(request, "services/my_request_form.html", {"centre": centre, "form": form})


@require_GET
@centre_view("services.view_demand")
@live_figures
def demand(request: HttpRequest, centre: Centre) -> HttpResponse:
    figures = demand_figures(centre=centre)
    return render(
        request,
        "services/demand.html",
        {
            "centre": centre,
            "figures": figures,
            "status_labels": RequestStatus.labels,
            "weeks": UPCOMING_DAYS // 7,
            "can_review": request.user.has_perm("services.review_requests", centre),
        },
    )


@require_http_methods(["GET", "POST"])
@kiosk_view
def kiosk_request(request: HttpRequest, kiosk: Kiosk) -> HttpResponse:
    """The entrance tablet: anyone may say what service they wish for, without a name.
    The page reads nothing back."""
    centre = kiosk.centre
    if request.method == "POST" and not kiosk_may_write(kiosk, "request"):
        return kiosk_wait(request, kiosk)
    form = KioskRequestForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_create(
                centre=centre,
                by=None,
                wish=form.cleaned_data["wish"],
                category=form.cleaned_data["category"],
                channel=RequestChannel.KIOSK,
            )
        except ValidationError:
            messages.error(request, _("Something went wrong. Please tell a member of staff."))
        else:
            messages.success(request, _("Thank you! The centre will think about your wish."))
        return redirect("kiosk_request")
    return render(request, "services/kiosk_request.html", {"centre": centre, "form": form})
