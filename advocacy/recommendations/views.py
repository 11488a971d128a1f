"""Recommendation pages: the list, a new draft or a committee's proposal, the detail."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from centres.access import centre_view
from centres.models import Centre, CentreRole, Role

from . import actions
from .forms import MoveForm, RecommendationForm, ResponseForm, SendForm
from .models import TRANSITIONS, Recommendation, RecommendationStatus
from .redaction import cited_figures, prepare_for_reader


def get_recommendation(centre: Centre, recommendation_id: int) -> Recommendation:
    return get_object_or_404(Recommendation.objects.for_centre(centre), pk=recommendation_id)


@require_GET
@centre_view("advocacy.view_recommendations")
def recommendation_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    recommendations = list(Recommendation.objects.for_centre(centre).select_related("centre"))
    names_employers = request.user.has_perm("advocacy.name_employers", centre)
    prepare_for_reader(recommendations, centre=centre, names_employers=names_employers)
    return render(
        request,
        "advocacy/recommendations/recommendation_list.html",
        {
            "centre": centre,
            "recommendations": recommendations,
            "can_manage": request.user.has_perm("advocacy.manage_recommendations", centre),
            "can_propose": request.user.has_perm("advocacy.propose_recommendation", centre),
        },
    )


def _centre_manager(centre: Centre):
    role = CentreRole.objects.filter(centre=centre, role=Role.MANAGER).select_related("user")
    return role.first().user if role.exists() else None


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.view_recommendations")
def recommendation_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    """The manager drafts; a committee member proposes a draft the manager will own."""
    manages = request.user.has_perm("advocacy.manage_recommendations", centre)
    if not manages and not request.user.has_perm("advocacy.propose_recommendation", centre):
        raise PermissionDenied
    form = RecommendationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        owner = request.user if manages else _centre_manager(centre)
        try:
            if owner is None:
                raise ValidationError(_("The centre has no manager to own the recommendation."))
            recommendation = actions.recommendation_draft(
                centre=centre, by=request.user, owner=owner, proposed=not manages,
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Draft saved. Now cite released figures as evidence.")
                if manages
                else _("Thank you: the manager will consider your proposal."),
            )
            return redirect(
                "recommendation_detail", centre_id=centre.pk, recommendation_id=recommendation.pk
            )
    return render(
        request,
        "advocacy/recommendations/recommendation_form.html",
        {"centre": centre, "form": form, "proposing": not manages},
    )


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.manage_recommendations")
def recommendation_edit(
    request: HttpRequest, centre: Centre, recommendation_id: int
) -> HttpResponse:
    recommendation = get_recommendation(centre, recommendation_id)
    if recommendation.status != RecommendationStatus.DRAFT:
        messages.error(request, _("A sent recommendation cannot be changed."))
        return redirect(
            "recommendation_detail", centre_id=centre.pk, recommendation_id=recommendation.pk
        )
    initial = {
        field: getattr(recommendation, field)
        for field in (
            "title",
            "addressee_kind",
            "addressee_name",
            "deficits",
            "text",
            "follow_up_on",
        )
    }
    form = RecommendationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.recommendation_edit(
                recommendation=recommendation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect(
                "recommendation_detail", centre_id=centre.pk, recommendation_id=recommendation.pk
            )
    return render(
        request,
        "advocacy/recommendations/recommendation_form.html",
        {"centre": centre, "form": form, "recommendation": recommendation},
    )


@require_GET
@centre_view("advocacy.view_recommendations")
def recommendation_detail(
    request: HttpRequest, centre: Centre, recommendation_id: int
) -> HttpResponse:
    recommendation = get_recommendation(centre, recommendation_id)
    snapshot = getattr(recommendation, "snapshot", None)
    moves = [
        (status, RecommendationStatus(status).label)
        for status in TRANSITIONS[recommendation.status]
        if status != RecommendationStatus.SENT
    ]
    move_form = MoveForm()
    move_form.fields["status"].choices = moves
    names_employers = request.user.has_perm("advocacy.name_employers", centre)
    responses = list(recommendation.responses.all())
    prepare_for_reader(
        [recommendation], centre=centre, names_employers=names_employers, responses=responses
    )
    return render(
        request,
        "advocacy/recommendations/recommendation_detail.html",
        {
            "centre": centre,
            "recommendation": recommendation,
            "figures": cited_figures(
                recommendation, centre=centre, names_employers=names_employers
            ),
            "snapshot": snapshot,
            "verified": snapshot.verify() if snapshot else None,
            "responses": responses,
            "names_employers": names_employers,
            "can_manage": request.user.has_perm("advocacy.manage_recommendations", centre),
            "send_form": SendForm(initial={"follow_up_on": recommendation.follow_up_on}),
            "move_form": move_form if moves else None,
            "response_form": ResponseForm(),
        },
    )
