"""A coordinator's programme recommendations: drafted for the programme, with evidence
cited from several of its centres' released figures (each cell from one centre's
release of a closed period), sent (freezing the evidence) and printed as a letter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import programme_view
from centres.models import Programme

from ..statistics.periods import period_key
from . import actions
from .evidence import offered_periods
from .forms import RecommendationForm, SendForm
from .letter import letter_html
from .models import Recommendation
from .views_workflow import cite_form, cite_from_form, send_from_form


def _get(programme: Programme, recommendation_id: int) -> Recommendation:
    return get_object_or_404(Recommendation.objects.for_programme(programme), pk=recommendation_id)


def _detail(programme: Programme, recommendation: Recommendation) -> HttpResponse:
    return redirect(
        "programme_recommendation_detail",
        programme_id=programme.pk,
        recommendation_id=recommendation.pk,
    )


@require_http_methods(["GET", "POST"])
@programme_view("advocacy.manage_programme_recommendations")
def programme_recommendation_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    """The programme's recommendations, and a new draft."""
    form = RecommendationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = actions.recommendation_draft(
                programme=programme, by=request.user, owner=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft saved. Now cite released figures as evidence."))
            return _detail(programme, recommendation)
    return render(
        request,
        "advocacy/recommendations/programme_recommendation_list.html",
        {
            "programme": programme,
            "recommendations": Recommendation.objects.for_programme(programme),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view("advocacy.manage_programme_recommendations")
def programme_recommendation_detail(
    request: HttpRequest, programme: Programme, recommendation_id: int
) -> HttpResponse:
    """The draft and its evidence; choose a centre and a closed period, then tick
    figures of that centre's release."""
    recommendation = _get(programme, recommendation_id)
    centres = list(programme.centres.order_by("name"))
    centre = None
    centre_id = request.POST.get("centre") or request.GET.get("centre") or ""
    if centre_id:
        centre = next((c for c in centres if str(c.pk) == centre_id), None)
        if centre is None:
            raise Http404
    period = period_key(request.POST.get("period") or request.GET.get("period") or "")
    form, problem = cite_form(request, centre, period)
    if request.method == "POST" and cite_from_form(
        request, recommendation, centre=centre, period=period, form=form, problem=problem
    ):
        return _detail(programme, recommendation)
    return render(
        request,
        "advocacy/recommendations/programme_recommendation_detail.html",
        {
            "programme": programme,
            "recommendation": recommendation,
            "items": recommendation.evidence_items.select_related("centre"),
            "snapshot": getattr(recommendation, "snapshot", None),
            "centres": centres,
            "centre": centre,
            "periods": offered_periods(centre) if centre else [],
            "period": period,
            "problem": problem,
            "form": form,
            "send_form": SendForm(initial={"follow_up_on": recommendation.follow_up_on}),
        },
        status=400 if problem else 200,
    )


@require_POST
@programme_view("advocacy.manage_programme_recommendations")
def programme_recommendation_send(
    request: HttpRequest, programme: Programme, recommendation_id: int
) -> HttpResponse:
    recommendation = _get(programme, recommendation_id)
    send_from_form(request, recommendation)
    return _detail(programme, recommendation)


@require_GET
@programme_view("advocacy.manage_programme_recommendations")
def programme_recommendation_letter(
    request: HttpRequest, programme: Programme, recommendation_id: int
) -> HttpResponse:
    recommendation = _get(programme, recommendation_id)
    if not hasattr(recommendation, "snapshot"):
        raise Http404  # a draft has no letter: its evidence is not frozen yet
    return HttpResponse(letter_html(recommendation, request=request))
