"""How a page tells a person that an action was refused."""

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
