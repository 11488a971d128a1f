"""How a page tells a person that an action was refused."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    """Show an action's refusal as one error message. Its reasons are already in the
    person's language: actions raise them with translated texts."""
    messages.error(request, " ".join(error.messages))
