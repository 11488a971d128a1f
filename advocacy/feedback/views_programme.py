"""A coordinator's programme surveys: defined once for all the programme's centres, in
the union of their languages. Each centre's members answer them on their phone and at
the kiosk like the centre's own surveys, and each answer is counted for its centre."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from centres.access import programme_view
from centres.models import Programme

from .access import get_question
from .editing import (
    question_add_from_form,
    question_change_from_form,
    survey_create_from_form,
    survey_open_from_post,
)
from .forms import QuestionForm, SurveyForm, programme_languages, question_initial
from .models import Survey

PERMISSION = "advocacy.manage_programme_surveys"


def _get(programme: Programme, survey_id: int) -> Survey:
    return get_object_or_404(Survey.objects.filter(programme=programme), pk=survey_id)


def _detail(programme: Programme, survey: Survey) -> HttpResponse:
    return redirect("programme_survey_detail", programme_id=programme.pk, survey_id=survey.pk)


@require_http_methods(["GET", "POST"])
@programme_view(PERMISSION)
def programme_survey_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        languages=programme_languages(programme),
    )
    if request.method == "POST":
        survey = survey_create_from_form(request, form, programme=programme)
        if survey is not None:
            return _detail(programme, survey)
    return render(
        request,
        "advocacy/feedback/programme_survey_list.html",
        {
            "programme": programme,
            "form": form,
            "surveys": Survey.objects.filter(programme=programme).order_by("-created_at"),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view(PERMISSION)
def programme_survey_detail(
    request: HttpRequest, programme: Programme, survey_id: int
) -> HttpResponse:
    survey = _get(programme, survey_id)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        languages=programme_languages(programme),
    )
    if request.method == "POST" and question_add_from_form(request, form, survey):
        return _detail(programme, survey)
    return render(
        request,
        "advocacy/feedback/programme_survey_detail.html",
        {
            "programme": programme,
            "survey": survey,
            "questions": survey.current_questions()[:100],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@programme_view(PERMISSION)
def programme_survey_toggle(
    request: HttpRequest, programme: Programme, survey_id: int
) -> HttpResponse:
    survey = _get(programme, survey_id)
    survey_open_from_post(request, survey)
    return _detail(programme, survey)


@require_http_methods(["GET", "POST"])
@programme_view(PERMISSION)
def programme_question_edit(
    request: HttpRequest, programme: Programme, survey_id: int, question_id: int
) -> HttpResponse:
    """Change a question's wording; once it has answers, in any centre, a new version."""
    survey = _get(programme, survey_id)
    question = get_question(survey, question_id)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        initial=question_initial(question),
        languages=programme_languages(programme),
        fixed_kind=question.kind,
    )
    if request.method == "POST" and question_change_from_form(request, form, question):
        return _detail(programme, survey)
    return render(
        request,
        "advocacy/feedback/question_edit.html",
        {"programme": programme, "survey": survey, "question": question, "form": form},
        status=400 if form.errors else 200,
    )
