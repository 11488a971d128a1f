"""Defining surveys from their pages, for a centre's manager and a programme's
coordinator alike. Each helper takes a bound form, runs the action with its values,
tells the person how it went and returns what was done; an invalid form or a refusal
(put on the form) returns None, so the view shows the form again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from centres.models import Centre, Programme
from centres.numbers import figure

from . import actions
from .forms import QuestionForm, SurveyForm
from .models import Question, Survey


def survey_create_from_form(
    request: HttpRequest,
    form: SurveyForm,
    *,
    centre: Centre | None = None,
    programme: Programme | None = None,
) -> Survey | None:
    """A new survey of `centre` or of `programme`, with the form's titles."""
    if not form.is_valid():
        return None
    try:
        survey = actions.survey_create(
            centre=centre,
            programme=programme,
            by=request.user,
            titles=form.titles(),
            on_kiosk=form.cleaned_data["on_kiosk"],
        )
    except ValidationError as error:
        form.add_error(None, _beside_its_title(error))
        return None
    messages.success(request, _("Survey created. Now add its questions."))
    return survey


def _beside_its_title(error: ValidationError) -> ValidationError:
    """A title the list already holds, beside that language's title field."""
    if not hasattr(error, "error_dict") or "titles" not in error.error_dict:
        return error
    taken = error.error_dict["titles"][0]
    return ValidationError({f"title_{taken.params['language']}": [taken]})


def question_add_from_form(
    request: HttpRequest, form: QuestionForm, survey: Survey
) -> Question | None:
    """The form's question, added at the end of `survey`."""
    if not form.is_valid():
        return None
    try:
        question = actions.question_add(
            survey=survey,
            by=request.user,
            kind=form.cleaned_data["kind"],
            texts=form.texts(),
            options=form.options(),
            required=form.cleaned_data["required"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Question added."))
    return question


def question_change_from_form(
    request: HttpRequest, form: QuestionForm, question: Question
) -> Question | None:
    """`question` with the form's wording: the same row, or its new version once it
    has answers."""
    if not form.is_valid():
        return None
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
        return None
    if new.pk != question.pk:
        messages.success(
            request,
            _("The question had answers: version %(n)s now replaces it.")
            % {"n": figure(new.version)},
        )
    else:
        messages.success(request, _("Question changed."))
    return new


def survey_open_from_post(request: HttpRequest, survey: Survey) -> None:
    """Open or close `survey` as the posted `open` ("1" or "0") asks. The form says
    which state it wants: a double tap, or a page left open while a colleague changed
    it, must not flip the survey back."""
    wanted = request.POST.get("open")
    if wanted not in ("0", "1"):
        messages.error(request, _("Choose whether the survey is open or closed."))
        return
    actions.survey_set_open(survey=survey, by=request.user, is_open=wanted == "1")
    messages.success(
        request, _("The survey is open.") if survey.is_open else _("The survey is closed.")
    )
