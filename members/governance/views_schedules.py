"""Rescheduling a ballot or an election: the committee changes its times before voting
opens (`Ballot.reschedule_refusal`), with the checks of its setting up. Closing a
ballot: counted once its window is over, or ended early by the committee with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from centres.access import centre_view
from centres.models import Centre
from centres.notices import show_refusal

from . import actions
from .access import get_ballot
from .forms_schedules import BallotCloseForm, BallotScheduleForm, ElectionScheduleForm
from .models import Election
from .views_elections import _get_election


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """An action's refusal beside the fields it names; the rest above the form."""
    for field, problems in error.update_error_dict({}).items():
        form.add_error(field if field in form.fields else None, problems)


def _page(request, centre, ballot, form, *, election=None) -> HttpResponse:
    return render(
        request,
        "members/governance/schedule.html",
        {
            "centre": centre,
            "ballot": ballot,
            "election": election,
            "form": form,
            "refusal": ballot.reschedule_refusal(),
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.run_ballots")
def ballot_reschedule(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    ballot = get_ballot(centre, ballot_id)
    election = Election.objects.filter(ballot=ballot).first()
    if election is not None:
        return redirect("election_reschedule", centre_id=centre.pk, election_id=election.pk)
    back = redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)
    form = BallotScheduleForm(request.POST if request.method == "POST" else None, ballot=ballot)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ballot_reschedule(ballot=ballot, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if ballot.reschedule_refusal():
                show_refusal(request, error)
                return back
            _add_errors(form, error)
        else:
            messages.success(request, _("The ballot's times are changed."))
            return back
    return _page(request, centre, ballot, form)


@require_http_methods(["GET", "POST"])
@centre_view("members.run_ballots")
def election_reschedule(request: HttpRequest, centre: Centre, election_id: int) -> HttpResponse:
    election = _get_election(centre, election_id)
    back = redirect("election_detail", centre_id=centre.pk, election_id=election.pk)
    form = ElectionScheduleForm(
        request.POST if request.method == "POST" else None, election=election
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.election_reschedule(election=election, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if election.ballot.reschedule_refusal():
                show_refusal(request, error)
                return back
            _add_errors(form, error)
        else:
            messages.success(request, _("The election's dates are changed."))
            return back
    return _page(request, centre, election.ballot, form, election=election)


@require_http_methods(["GET", "POST"])
@centre_view("members.administer_ballots")
def ballot_close(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    """Asks first (GET), then closes voting and counts (POST): once the window is over,
    for anyone who administers ballots; before, for the committee only, with a reason
    (`members.close_ballot`)."""
    ballot = get_ballot(centre, ballot_id)
    if not request.user.has_perm("members.close_ballot", ballot):
        raise PermissionDenied
    back = redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)
    early = ballot.closes_early()
    form = BallotCloseForm(request.POST if request.method == "POST" else None, early=early)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ballot_close(ballot=ballot, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if ballot.close_refusal() or not hasattr(error, "error_dict"):
                show_refusal(request, error)
                return back
            _add_errors(form, error)
        else:
            messages.success(request, _("Voting is closed and counted. The results are published."))
            return back
    return render(
        request,
        "members/governance/ballot_close.html",
        {
            "centre": centre,
            "ballot": ballot,
            "form": form,
            "early": early,
            "refusal": ballot.close_refusal(),
        },
    )
