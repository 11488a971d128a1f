"""Committees and elections: seats and their holders, nominations, voting, certification."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import centre_view
from centres.models import CASE_ROLES, Centre, User
from centres.notices import show_refusal
from centres.templatetags.bidi import isolated
from members.selectors import own_member

from . import actions, selectors
from .forms import CandidacyForm, ElectionForm, NominationForm
from .models import Candidate, Committee, Election
from .models.draws import undecided_tie


def _get_committee(centre: Centre, committee_id: int) -> Committee:
    return get_object_or_404(Committee.objects.for_centre(centre), pk=committee_id)


def _get_election(centre: Centre, election_id: int) -> Election:
    return get_object_or_404(
        Election.objects.filter(ballot__committee__centre=centre).select_related(
            "ballot__committee", "returning_officer"
        ),
        pk=election_id,
    )


@require_GET
@centre_view("members.view_governance")
def committee_detail(request: HttpRequest, centre: Centre, committee_id: int) -> HttpResponse:
    committee = _get_committee(centre, committee_id)
    return render(
        request,
        "members/governance/committee_detail.html",
        {
            "centre": centre,
            "committee": committee,
            "seats": selectors.seats_with_holders(committee),
            "history": selectors.past_terms(committee),
            "elections": Election.objects.filter(ballot__committee=committee).select_related(
                "ballot"
            ),
            "can_run": request.user.has_perm("members.run_ballots", centre),
            "meetings": committee.meetings.all()[:20],
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.run_ballots")
def election_new(request: HttpRequest, centre: Centre, committee_id: int) -> HttpResponse:
    committee = _get_committee(centre, committee_id)
    officers = User.objects.filter(
        centre_roles__centre=centre, centre_roles__role__in=CASE_ROLES
    ).distinct()
    form = ElectionForm(
        request.POST if request.method == "POST" else None, committee=committee, officers=officers
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            election = actions.election_create(committee=committee, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The election is set up."))
            return redirect("election_detail", centre_id=centre.pk, election_id=election.pk)
    return render(
        request,
        "members/governance/election_new.html",
        {"centre": centre, "committee": committee, "form": form},
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.view_governance")
def election_detail(request: HttpRequest, centre: Centre, election_id: int) -> HttpResponse:
    election = _get_election(centre, election_id)
    member = own_member(request.user, centre)
    form = NominationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST":
        if member is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["code"]:
                    # The same answer whether or not the code names anyone.
                    actions.nominee_by_code(
                        election=election, code=data["code"], nominated_by=member
                    )
                    notice = _(
                        "Thank you. If this code belongs to a member on the election's roll "
                        "who is not yet nominated, she is asked privately whether she accepts "
                        "to stand."
                    )
                else:
                    actions.candidate_nominate(
                        election=election,
                        member=member,
                        nominated_by=member,
                        display_name=data["display_name"],
                        statement=data["statement"],
                        picture=data["picture"],
                    )
                    notice = _("You stand in this election.")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, notice)
                return redirect("election_detail", centre_id=centre.pk, election_id=election.pk)
    is_officer = request.user.pk == election.returning_officer_id
    return render(
        request,
        "members/governance/election_detail.html",
        {
            "centre": centre,
            "election": election,
            "ballot": election.ballot,
            "seats": list(election.seats.order_by("position", "pk")),
            "candidates": selectors.candidates_of(election),
            "my_nominations": election.candidates.filter(
                member=member, accepted_at__isnull=True, withdrawn_at__isnull=True
            )
            if member
            else (),
            "waiting": selectors.waiting_nominations(election) if is_officer else (),
            "form": form if member else None,
            "can_administer": request.user.has_perm("members.administer_ballots", centre),
            "open_voting_refusal": election.open_voting_refusal()
            or (
                election.ballot.late_opening_refusal()
                if election.ballot.opens_late()
                and not request.user.has_perm("members.open_ballot", election.ballot)
                else None
            ),
            "can_withdraw": request.user.has_perm("members.run_ballots", centre)
            and election.ballot.withdrawal_refusal() is None,
            "can_reschedule": request.user.has_perm("members.run_ballots", centre)
            and election.ballot.reschedule_refusal() is None,
            "is_officer": is_officer,
            "unopposed_refusal": election.unopposed_refusal(),
            "undecided_tie": undecided_tie(election.ballot),
        },
    )


def _acceptance_page(request, centre, election, candidate, accept, *, own: bool):
    form = CandidacyForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            accept(**form.cleaned_data)
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(
                request,
                _("You are standing in this election.")
                if own
                else _("%(name)s's acceptance is recorded: they stand in this election.")
                % {"name": isolated(form.cleaned_data["display_name"])},
            )
        return redirect("election_detail", centre_id=centre.pk, election_id=election.pk)
    return render(
        request,
        "members/governance/candidate_accept.html",
        {"centre": centre, "election": election, "candidate": candidate, "form": form, "own": own},
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.vote")
def candidate_accept(
    request: HttpRequest, centre: Centre, election_id: int, candidate_id: int
) -> HttpResponse:
    """The nominee accepts to stand, choosing her own ballot name, statement and picture.
    Another member's nomination is a 404: it is private to her."""
    election = _get_election(centre, election_id)
    member = own_member(request.user, centre)
    if member is None:
        raise PermissionDenied
    candidate = get_object_or_404(
        Candidate.objects.filter(election=election, member=member).defer("picture"),
        pk=candidate_id,
    )

    def accept(**fields):
        actions.candidate_accept(candidate=candidate, member=member, **fields)

    return _acceptance_page(request, centre, election, candidate, accept, own=True)


@require_POST
@centre_view("members.administer_ballots")
def election_open_voting(request: HttpRequest, centre: Centre, election_id: int) -> HttpResponse:
    election = _get_election(centre, election_id)
    if election.open_voting_refusal() is None and not request.user.has_perm(
        "members.open_ballot", election.ballot
    ):
        raise PermissionDenied  # late: the committee's (`opens_ballot`)
    try:
        actions.election_open_voting(election=election, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Voting is open."))
    return redirect("election_detail", centre_id=centre.pk, election_id=election.pk)


@require_POST
@centre_view("members.view_governance")
def election_certify(request: HttpRequest, centre: Centre, election_id: int) -> HttpResponse:
    election = _get_election(centre, election_id)
    if request.user.pk != election.returning_officer_id:
        raise PermissionDenied
    if actions.election_recount(election=election, by=request.user):
        # The result changed under the officer's eyes: she checks it before certifying.
        messages.warning(
            request,
            _(
                "A candidate withdrew after the count: the votes were counted again "
                "without that candidate. Check the new result, then certify it."
            ),
        )
        return redirect("election_detail", centre_id=centre.pk, election_id=election.pk)
    try:
        actions.election_certify(election=election, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The result is certified and the seats are filled."))
    return redirect("election_detail", centre_id=centre.pk, election_id=election.pk)


@require_http_methods(["GET", "POST"])
@centre_view("members.view_governance")
def election_declare_unopposed(
    request: HttpRequest, centre: Centre, election_id: int
) -> HttpResponse:
    """The returning officer confirms that the candidates, no more than the seats, are
    elected unopposed: the page says why and what follows; the POST declares it."""
    election = _get_election(centre, election_id)
    if request.user.pk != election.returning_officer_id:
        raise PermissionDenied
    back = redirect("election_detail", centre_id=centre.pk, election_id=election.pk)
    if request.method == "POST":
        try:
            actions.election_declare_unopposed(election=election, by=request.user)
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(
                request, _("The candidates are declared elected unopposed and the seats filled.")
            )
        return back
    return render(
        request,
        "members/governance/election_unopposed.html",
        {
            "centre": centre,
            "election": election,
            "ballot": election.ballot,
            "standing": election.standing(),
            "refusal": election.unopposed_refusal(),
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.administer_ballots")
def candidate_record_acceptance(
    request: HttpRequest, centre: Centre, election_id: int, candidate_id: int
) -> HttpResponse:
    """The returning officer records an acceptance given in person, with the ballot
    name, statement and picture the nominee chose."""
    election = _get_election(centre, election_id)
    if request.user.pk != election.returning_officer_id:
        raise PermissionDenied
    candidate = get_object_or_404(
        Candidate.objects.filter(election=election).select_related("member").defer("picture"),
        pk=candidate_id,
    )

    def accept(**fields):
        actions.candidate_record_acceptance(candidate=candidate, by=request.user, **fields)

    return _acceptance_page(request, centre, election, candidate, accept, own=False)


@require_GET
@centre_view("members.view_governance")
def candidate_picture(
    request: HttpRequest, centre: Centre, election_id: int, candidate_id: int
) -> HttpResponse:
    election = _get_election(centre, election_id)
    picture = (
        Candidate.objects.filter(election=election, pk=candidate_id, accepted_at__isnull=False)
        .values_list("picture", flat=True)
        .first()
    )
    if not picture:
        raise Http404
    return HttpResponse(bytes(picture), content_type="image/jpeg")
