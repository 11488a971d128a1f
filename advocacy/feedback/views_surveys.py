"""The manager's pages to define surveys and their questions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from centres.access import centre_view
from centres.models import Centre

from . import actions
from .access import get_own_survey, get_question, get_survey
from .forms import QuestionForm, SurveyForm, question_initial
from .models import Survey


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.manage_surveys")
def survey_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = SurveyForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            survey = actions.survey_create(
                centre=centre,
                by=request.user,
                titles=form.titles(),
                on_kiosk=form.cleaned_data["on_kiosk"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Survey created. Now add its questions."))
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
        if form.is_valid():
            try:
                actions.question_add(
                    survey=survey,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    texts=form.texts(),
                    options=form.options(),
                    required=form.cleaned_data["required"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Question added."))
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
    if request.method == "POST" and form.is_valid():
        try:
            new = actions.question_change(
                question=question,
                by=request.user,
                texts=form.texts(),
                options=form.options(),
                required=form.cleaned_data["required"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if new.pk != question.pk:
                messages.success(
                    request,
                    _("The question had answers: version %(n)d now replaces it.")
                    % {"n": new.version},
                )
            else:
                messages.success(request, _("Question changed."))
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
    # The form says which state it asks for: a double tap, or a page left open while a
    # colleague changed it, must not flip the survey back.
    wanted = request.POST.get("open")
    if wanted not in ("0", "1"):
        messages.error(request, _("Choose whether the survey is open or closed."))
    else:
        actions.survey_set_open(survey=survey, by=request.user, is_open=wanted == "1")
        messages.success(
            request, _("The survey is open.") if survey.is_open else _("The survey is closed.")
        )
    return redirect("survey_detail", centre_id=centre.pk, survey_id=survey.pk)
