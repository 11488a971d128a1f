"""Meetings and the decisions log: recorded by the committee, read by the members."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from centres.access import centre_view
from centres.models import Centre

from . import actions
from .forms_meetings import DecisionForm, MeetingForm
from .models import Committee, Decision, Meeting


def _get_meeting(centre: Centre, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.for_centre(centre).select_related("committee"), pk=meeting_id
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.run_meetings")
def meeting_new(request: HttpRequest, centre: Centre, committee_id: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.for_centre(centre), pk=committee_id)
    form = MeetingForm(request.POST if request.method == "POST" else None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.meeting_record(
                committee=committee, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("meeting_detail", centre_id=centre.pk, meeting_id=meeting.pk)
    return render(
        request,
        "members/governance/meeting_new.html",
        {"centre": centre, "committee": committee, "form": form},
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.run_meetings")
def meeting_detail(request: HttpRequest, centre: Centre, meeting_id: int) -> HttpResponse:
    meeting = _get_meeting(centre, meeting_id)
    form = DecisionForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            actions.decision_record(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("meeting_detail", centre_id=centre.pk, meeting_id=meeting.pk)
    return render(
        request,
        "members/governance/meeting_detail.html",
        {
            "centre": centre,
            "meeting": meeting,
            "present": meeting.seats_present.all(),
            "holders_present": meeting.holders_present(),
            "has_quorum": meeting.has_quorum(),
            "decisions": meeting.decisions.all(),
            "form": form,
        },
    )


@require_POST
@centre_view("members.run_meetings")
def decision_publish(request: HttpRequest, centre: Centre, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.for_centre(centre), pk=decision_id)
    actions.decision_publish(decision=decision, by=request.user)
    messages.success(request, _("The decision is published to the members."))
    return redirect("meeting_detail", centre_id=centre.pk, meeting_id=decision.meeting_id)
