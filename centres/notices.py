"""How a page tells a person that an action was refused."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def refusal_text(error: ValidationError) -> str:
    """An action's refusal as one sentence or more, in the person's language: actions
    raise their reasons with translated texts."""
    return " ".join(error.messages)


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    """Show an action's refusal as one error message."""
    messages.error(request, refusal_text(error))


def show_form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show each field's errors of `form` as an error message: for a form far down a
    long page, or one whose page is not shown again (redirect after POST)."""
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
