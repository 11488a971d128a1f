"""The manager's pages to define surveys and their questions."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from centres.access import centre_view
from centres.models import Centre

from .access import get_own_survey, get_question, get_survey
from .editing import (
    question_add_from_form,
    question_change_from_form,
    survey_create_from_form,
    survey_open_from_post,
)
from .forms import QuestionForm, SurveyForm, question_initial
from .models import Survey


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.manage_surveys")
def survey_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = SurveyForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST":
        survey = survey_create_from_form(request, form, centre=centre)
        if survey is not None:
            return redirect("survey_detail", centre_id=centre.pk, survey_id=survey.pk)
    surveys = Survey.objects.for_centre(centre).select_related("programme")
    return render(
        request,
        "advocacy/feedback/survey_list.html",
        {"centre": centre, "form": form, "surveys": surveys},
    )


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.manage_surveys")
def survey_detail(request: HttpRequest, centre: Centre, survey_id: int) -> HttpResponse:
    survey = get_survey(centre, survey_id)
    own = survey.centre_id == centre.pk
    form = QuestionForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST":
        if not own:
            raise PermissionDenied
        if question_add_from_form(request, form, survey) is not None:
            return redirect("survey_detail", centre_id=centre.pk, survey_id=survey.pk)
    return render(
        request,
        "advocacy/feedback/survey_detail.html",
        {
            "centre": centre,
            "survey": survey,
            "own": own,
            "questions": survey.current_questions().prefetch_related("answers")[:100],
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.manage_surveys")
def question_edit(
    request: HttpRequest, centre: Centre, survey_id: int, question_id: int
) -> HttpResponse:
    survey = get_own_survey(centre, survey_id)
    question = get_question(survey, question_id)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        initial=question_initial(question),
        centre=centre,
        fixed_kind=question.kind,
    )
    if request.method == "POST" and question_change_from_form(request, form, question):
        return redirect("survey_detail", centre_id=centre.pk, survey_id=survey.pk)
    return render(
        request,
        "advocacy/feedback/question_edit.html",
        {"centre": centre, "survey": survey, "question": question, "form": form},
    )


@require_POST
@centre_view("advocacy.manage_surveys")
def survey_toggle(request: HttpRequest, centre: Centre, survey_id: int) -> HttpResponse:
    survey = get_own_survey(centre, survey_id)
    survey_open_from_post(request, survey)
    return redirect("survey_detail", centre_id=centre.pk, survey_id=survey.pk)
