"""The manager's actions on a recommendation: cite released figures, send (freezing the
evidence), move along the workflow, record responses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from centres.access import centre_view
from centres.models import Centre
from centres.notices import refusal_text, show_refusal

from ..statistics.periods import period_key
from . import actions
from .evidence import citable_cells, offered_periods, why_not_cited
from .forms import CiteForm, MoveForm, ResponseForm, SendForm
from .views import get_recommendation


def _detail(centre: Centre, recommendation) -> HttpResponse:
    return redirect(
        "recommendation_detail", centre_id=centre.pk, recommendation_id=recommendation.pk
    )


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.manage_recommendations")
def evidence_cite(request: HttpRequest, centre: Centre, recommendation_id: int) -> HttpResponse:
    """Choose a closed period, then tick figures of its release."""
    recommendation = get_recommendation(centre, recommendation_id)
    periods = offered_periods(centre)
    period = period_key(request.POST.get("period") or request.GET.get("period") or "")
    form, problem = cite_form(request, centre, period)
    if request.method == "POST" and cite_from_form(
        request, recommendation, centre=centre, period=period, form=form, problem=problem
    ):
        return _detail(centre, recommendation)
    return render(
        request,
        "advocacy/recommendations/evidence_cite.html",
        {
            "centre": centre,
            "recommendation": recommendation,
            "periods": periods,
            "period": period,
            "problem": problem,
            "form": form,
        },
        status=400 if problem else 200,
    )


@require_POST
@centre_view("advocacy.manage_recommendations")
def evidence_remove(
    request: HttpRequest, centre: Centre, recommendation_id: int, item_id: int
) -> HttpResponse:
    recommendation = get_recommendation(centre, recommendation_id)
    try:
        actions.evidence_remove(recommendation=recommendation, by=request.user, item_id=item_id)
    except ValidationError as error:
        show_refusal(request, error)
    return _detail(centre, recommendation)


@require_POST
@centre_view("advocacy.manage_recommendations")
def recommendation_send(
    request: HttpRequest, centre: Centre, recommendation_id: int
) -> HttpResponse:
    recommendation = get_recommendation(centre, recommendation_id)
    send_from_form(request, recommendation)
    return _detail(centre, recommendation)


def cite_form(request: HttpRequest, centre: Centre | None, period: str):
    """(form, problem): the figures of `centre`'s release of `period` to tick, bound to
    a POST; or, when that release cannot be cited, no form and the reason why. (None,
    None) until both a centre and a period are chosen."""
    if centre is None or not period:
        return None, None
    try:
        cells = citable_cells(centre, period)
    except ValidationError as error:
        return None, refusal_text(error)
    return CiteForm(request.POST if request.method == "POST" else None, cells=cells), None


def cite_from_form(
    request: HttpRequest, recommendation, *, centre: Centre, period: str, form, problem
) -> bool:
    """Cite the figures ticked in `form` as evidence of `recommendation`, telling the
    user how it went (a centre's or a programme's recommendation alike); True when
    they were cited."""
    if problem or form is None or not form.is_valid():
        chosen = request.POST.getlist("cells")
        reason = None if problem else why_not_cited(centre=centre, period=period, chosen=chosen)
        if problem:
            messages.error(request, problem)
        elif reason:
            messages.error(request, _("%(reason)s Nothing was cited.") % {"reason": reason})
        else:
            messages.error(request, _("Choose at least one figure. Nothing was cited."))
        return False
    try:
        actions.evidence_cite(
            recommendation=recommendation,
            by=request.user,
            centre=centre,
            period=period,
            cells=form.pairs(),
        )
    except ValidationError as error:
        show_refusal(request, error)
        return False
    messages.success(request, _("Figures cited."))
    return True


def send_from_form(request: HttpRequest, recommendation) -> None:
    """Mark `recommendation` sent with the posted follow-up date, telling the user how
    it went (a centre's or a programme's recommendation alike)."""
    form = SendForm(request.POST)
    if not form.is_valid():
        problems = " ".join(form.errors.get("follow_up_on", []))
        messages.error(
            request,
            _("Check the follow-up date: %(problems)s Nothing was sent.") % {"problems": problems},
        )
        return
    try:
        actions.recommendation_send(
            recommendation=recommendation,
            by=request.user,
            follow_up_on=form.cleaned_data["follow_up_on"],
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Marked as sent. Its evidence is now frozen."))


@require_POST
@centre_view("advocacy.manage_recommendations")
def recommendation_move(
    request: HttpRequest, centre: Centre, recommendation_id: int
) -> HttpResponse:
    recommendation = get_recommendation(centre, recommendation_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status. Nothing was changed."))
        return _detail(centre, recommendation)
    try:
        actions.recommendation_move(
            recommendation=recommendation,
            by=request.user,
            status=form.cleaned_data["status"],
            follow_up_on=form.cleaned_data["follow_up_on"],
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Status changed."))
    return _detail(centre, recommendation)


@require_POST
@centre_view("advocacy.manage_recommendations")
def response_record(request: HttpRequest, centre: Centre, recommendation_id: int) -> HttpResponse:
    recommendation = get_recommendation(centre, recommendation_id)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date and what they answered. Nothing was saved."))
        return _detail(centre, recommendation)
    try:
        actions.response_record(recommendation=recommendation, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Response recorded."))
    return _detail(centre, recommendation)
