"""Request middleware of the centres app."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .audit import acting_as


class AuditActorMiddleware:
    """The signed-in person is the actor of changes made outside our actions: Django's
    admin and allauth's account pages. Every action names its own actor (`by=`), which
    takes precedence, so an anonymous request is recorded with none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)
