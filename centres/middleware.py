"""Request middleware of the centres app."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

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


class NoStoreMiddleware:
    """No response of the application is kept by a browser or a proxy
    (`Cache-Control: no-store`): the phones and tablets of a centre are shared, and its
    pages, downloads and letters name members and cases. Static files are answered
    by WhiteNoise before this, cached as usual; a view that sets its own
    Cache-Control keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


REFRESHED = "_refreshed_at"


class IdleSessionMiddleware(SessionMiddleware):
    """Django's session middleware, keeping a session alive while it is used without
    writing it on every request: an unchanged session is saved (and so its expiry put
    `SESSION_COOKIE_AGE` seconds on) when its last save is `SESSION_REFRESH_SECONDS`
    old or more. A session idle for `SESSION_COOKIE_AGE` still ends, give or take that
    refresh interval; a changed session is saved at once, as always."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.modified:
            now = int(time.time())
            last = session.get(REFRESHED)
            if not isinstance(last, int) or now - last >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED] = now
        return super().process_response(request, response)


class MethodNotAllowedPage:
    """A 405 without a body (a button's address opened as a link, e.g. after signing in
    again) is answered with a page in the site's layout and the person's language, which
    links to the page holding the button; the status and the `Allow` header stay."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.method == "HEAD":
            return response
        from django.shortcuts import render

        from .methods import page_of

        allowed = [method.strip() for method in response["Allow"].split(",")]
        if "GET" in allowed:  # a page sent a form it does not take: the page itself
            context = {"by_button": False, "back": request.path}
        else:
            context = {"by_button": True, "back": page_of(request.path)}
        page = render(request, "405.html", context, status=405)
        page["Allow"] = response["Allow"]
        return page
