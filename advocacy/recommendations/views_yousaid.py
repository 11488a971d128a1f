""" "You said, we did" for members: on their phone, on the kiosk, and as a poster."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language_info
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.models import Centre
from members.access import kiosk_view
from members.models import Kiosk

from .yousaid import you_said_we_did


def _page(request: HttpRequest, centre: Centre, **extra) -> HttpResponse:
    return render(
        request,
        "advocacy/recommendations/you_said_we_did.html",
        {
            "centre": centre,
            "page": you_said_we_did(centre),
            "posters": [
                (code, get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES
            ],
            **extra,
        },
    )


@require_GET
@centre_view("centres.view_centre")
def you_said(request: HttpRequest, centre: Centre) -> HttpResponse:
    return _page(request, centre)


@require_GET
@centre_view("centres.view_centre")
def you_said_poster(request: HttpRequest, centre: Centre, language: str) -> HttpResponse:
    """The page as a poster to print, in `language` whatever the reader's own."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    with translation.override(language):
        response = _page(request, centre, poster=True)
    response.headers["Content-Language"] = language
    return response


@require_GET
@kiosk_view
def kiosk_you_said(request: HttpRequest, kiosk: Kiosk) -> HttpResponse:
    """The same page on the entrance tablet: it reads only released figures."""
    return _page(request, kiosk.centre, on_kiosk=True)
