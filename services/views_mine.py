"""A worker member's own pages: their bookings and their requests, with where each
stands. An account that is not linked to a member record is told what to do."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.models import Centre
from members.selectors import own_member

from .selectors import member_bookings, member_requests


@require_GET
@centre_view("services.book_self")
def my_bookings(request: HttpRequest, centre: Centre) -> HttpResponse:
    member = own_member(request.user, centre)
    upcoming, past = member_bookings(member) if member is not None else ([], [])
    return render(
        request,
        "services/my_bookings.html",
        {"centre": centre, "member": member, "upcoming": upcoming, "past": past},
    )


@require_GET
@centre_view("services.request_self")
def my_requests(request: HttpRequest, centre: Centre) -> HttpResponse:
    member = own_member(request.user, centre)
    requests = member_requests(member) if member is not None else []
    return render(
        request,
        "services/my_requests.html",
        {"centre": centre, "member": member, "requests": requests},
    )
