""" "You said, we did" for members: on their phone, on the kiosk, and as a poster."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.models import Centre
from members.models import Kiosk

from .yousaid import you_said_we_did


def _page(request: HttpRequest, centre: Centre, **extra) -> HttpResponse:
    return render(
        request,
        "advocacy/recommendations/you_said_we_did.html",
        {
            "centre": centre,
            "page": you_said_we_did(centre),
            "poster": request.GET.get("poster") == "1",
            **extra,
        },
    )


@require_GET
@centre_view("centres.view_centre")
def you_said(request: HttpRequest, centre: Centre) -> HttpResponse:
    return _page(request, centre)


@require_GET
def kiosk_you_said(request: HttpRequest, token: str) -> HttpResponse:
    """The same page on the entrance tablet: it reads only released figures."""
    kiosk = Kiosk.objects.for_token(token)
    if kiosk is None:
        return render(request, "members/kiosk_invalid.html", status=404)
    return _page(request, kiosk.centre, token=token)
