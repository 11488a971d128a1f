"""How a page tells a person that an action was refused."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe


def refusal_text(error: ValidationError) -> str:
    """An action's refusal as one sentence or more, in the person's language: actions
    raise their reasons with translated texts. A reason that is already markup (a
    `PeriodRefused` isolating its codes in `<bdi>`) stays markup: the sentences are
    joined as safe HTML, the others escaped once, so none is escaped twice."""
    if not any(isinstance(message, SafeData) for message in error.messages):
        return " ".join(error.messages)
    return mark_safe(" ".join(conditional_escape(message) for message in error.messages))  # noqa: S308


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    """Show an action's refusal as one error message."""
    messages.error(request, refusal_text(error))


def show_form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show each field's errors of `form` as an error message: for a form far down a
    long page, or one whose page is not shown again (redirect after POST)."""
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
