"""Ballots: the governance page, preparing, opening, voting, closing, results and receipts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import centre_view
from centres.models import Centre
from centres.notices import show_refusal
from members.selectors import own_member

from . import actions, option_sources, selectors
from .access import get_ballot, get_option
from .actions.ballots import ALREADY_VOTED
from .forms import BallotForm, ResponseForm, VoteForm
from .forms_draws import TieDrawForm
from .models import Ballot, BallotKind, BallotStatus, Committee, VoteChannel, VotingState
from .models.draws import draw_of, draw_refusal, tie_of
from .unnamed import cleaner_for


@require_GET
@centre_view("members.view_governance")
def governance_home(request: HttpRequest, centre: Centre) -> HttpResponse:
    member = own_member(request.user, centre)
    clean = cleaner_for(request.user, centre)
    decisions = list(selectors.published_decisions(centre)[:20])
    for decision in decisions:
        decision.shown_text = clean(decision.text or decision.motion)
    return render(
        request,
        "members/governance/home.html",
        {
            "centre": centre,
            "committees": Committee.objects.for_centre(centre).prefetch_related("seats"),
            "open_ballots": selectors.ballots_for_voter(centre, member),
            "coming_ballots": Ballot.objects.for_centre(centre).opening_later(),
            "closed_ballots": selectors.closed_ballots(centre)[:10],
            "drafts": (
                Ballot.objects.for_centre(centre).filter(status=BallotStatus.DRAFT)
                if request.user.has_perm("members.administer_ballots", centre)
                else ()
            ),
            "decisions": decisions,
            "can_run": request.user.has_perm("members.run_ballots", centre),
            "can_manage_booths": request.user.has_perm("members.manage_booths", centre),
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.run_ballots")
def ballot_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    committee = Committee.objects.for_centre(centre).first()
    if committee is None:
        raise Http404
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        suggestions=option_sources.suggestions(centre),
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("options", "from_catalogue", "from_requests", "ballot_options")
        }
        try:
            ballot = actions.ballot_create(
                committee=committee,
                by=request.user,
                kind=BallotKind.PRIORITY,
                options=form.ballot_options(),
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The ballot is ready. Open it when voting should start."))
            return redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)
    return render(request, "members/governance/ballot_new.html", {"centre": centre, "form": form})


@require_GET
@centre_view("members.view_governance")
def ballot_detail(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    ballot = get_ballot(centre, ballot_id)
    can_administer = request.user.has_perm("members.administer_ballots", centre)
    if ballot.status == BallotStatus.DRAFT and not can_administer:
        raise Http404
    member = own_member(request.user, centre)
    state = ballot.voting_state()
    results = selectors.ballot_results(ballot)
    answered = [row.response for row in results if row.response is not None]
    if answered:
        clean = cleaner_for(request.user, centre)
        for response in answered:
            response.shown_reason = clean(response.reason)
    return render(
        request,
        "members/governance/ballot_detail.html",
        {
            "centre": centre,
            "ballot": ballot,
            "options": ballot.options.all(),
            "results": results,
            "by_rounds": selectors.counted_in_rounds(ballot),
            "rounds": selectors.counting_rounds(ballot),
            "turnout": ballot.participations.count(),
            "roll_size": ballot.roll.count(),
            "can_administer": can_administer,
            # Not yet begun: nothing to close, and nothing said (the state says when it
            # opens). Otherwise the button, or why it is not offered.
            "open_refusal": _open_refusal(request, ballot),
            "tie": tie_of(ballot),
            "tie_draw": draw_of(ballot),
            "tied_labels": _tied_labels(ballot),
            "can_record_draw": draw_refusal(ballot) is None
            and request.user.has_perm("members.record_tie_draw", ballot),
            "close_refusal": ballot.close_refusal()
            if ballot.status == BallotStatus.OPEN and state != VotingState.NOT_YET
            else None,
            "can_close": request.user.has_perm("members.close_ballot", ballot),
            "early_close_reason": cleaner_for(request.user, centre)(ballot.early_close_reason)
            if ballot.early_close_reason
            else "",
            "can_withdraw": request.user.has_perm("members.run_ballots", centre)
            and ballot.withdrawal_refusal() is None,
            "can_reschedule": request.user.has_perm("members.run_ballots", centre)
            and ballot.reschedule_refusal() is None,
            # The polling station is offered when members can be checked in there
            # (`booth_check_in` takes a vote only while it is OPEN); before that, the
            # committee may name its officers on the same page.
            "can_officiate": state == VotingState.OPEN
            and request.user.has_perm("members.officiate_ballot", ballot),
            "can_name_officers": state == VotingState.NOT_YET
            and request.user.has_perm("members.run_ballots", centre),
            "can_respond": ballot.kind == BallotKind.PRIORITY
            and request.user.has_perm("members.respond_priorities", centre),
            "may_vote": member is not None
            and state == VotingState.OPEN
            and ballot.roll.filter(member=member).exists()
            and not ballot.participations.filter(member=member).exists(),
        },
    )


def _open_refusal(request: HttpRequest, ballot: Ballot) -> str | None:
    """Why this user cannot open the draft `ballot` now, or None (or not a draft)."""
    if ballot.status != BallotStatus.DRAFT:
        return None
    if refusal := ballot.open_refusal():
        return refusal
    if ballot.opens_late() and not request.user.has_perm("members.open_ballot", ballot):
        return ballot.late_opening_refusal()
    return None


def _tied_labels(ballot: Ballot) -> list[str]:
    """The labels of the options tied at the last winning place, in the count's order."""
    tie = tie_of(ballot)
    if tie is None:
        return []
    labels = {o.pk: o.shown_label for o in ballot.options.only("pk", "label", "candidate")}
    return [labels[int(key)] for key in tie["options"] if int(key) in labels]


@require_POST
@centre_view("members.administer_ballots")
def ballot_open(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    ballot = get_ballot(centre, ballot_id)
    if ballot.kind == BallotKind.ELECTION:
        # Its candidates go on the ballot when it opens: `election_open_voting`.
        messages.error(request, _("Voting opens from the election's page, once nominations close."))
        return redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)
    if ballot.open_refusal() is None and not request.user.has_perm("members.open_ballot", ballot):
        raise PermissionDenied  # late: the committee's (`opens_ballot`)
    try:
        opened = actions.ballot_open(ballot=ballot, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        if opened.voting_state() == VotingState.NOT_YET:
            messages.success(request, _("The roll is frozen. Voting opens at the time shown."))
        else:
            messages.success(request, _("Voting is open. The roll is frozen."))
    return redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)


@require_http_methods(["GET", "POST"])
@centre_view("members.run_ballots")
def ballot_withdraw(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    """Asks first (GET), then withdraws the ballot, or the election it is the poll of."""
    ballot = get_ballot(centre, ballot_id)
    election = getattr(ballot, "election", None)
    if request.method == "POST":
        try:
            actions.ballot_withdraw(ballot=ballot, by=request.user)
        except ValidationError as error:
            show_refusal(request, error)
            return redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)
        if election is not None:
            messages.success(request, _("The election is withdrawn."))
            return redirect(
                "committee_detail", centre_id=centre.pk, committee_id=ballot.committee_id
            )
        messages.success(request, _("The ballot is withdrawn."))
        return redirect("governance_home", centre_id=centre.pk)
    return render(
        request,
        "members/governance/ballot_withdraw.html",
        {
            "centre": centre,
            "ballot": ballot,
            "election": election,
            "refusal": ballot.withdrawal_refusal(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@centre_view("members.vote")
def ballot_vote(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    """The voter's form; once they have voted, a page saying so, in their own words
    (never the form again, not even from the browser's back button: never cached)."""
    ballot = get_ballot(centre, ballot_id)
    if ballot.status == BallotStatus.DRAFT:
        raise Http404
    member = own_member(request.user, centre)
    if member is None:
        raise PermissionDenied
    if ballot.participations.filter(member=member).exists():
        return _voted_page(request, centre, ballot, again=request.method == "POST")
    if not ballot.is_open:
        # Not yet open, or closed: say so instead of a form that would be refused.
        return render(
            request,
            "members/governance/ballot_vote.html",
            {"centre": centre, "ballot": ballot, "not_open": True},
        )
    form = VoteForm(request.POST if request.method == "POST" else None, ballot=ballot)
    if request.method == "POST" and form.is_valid():
        try:
            code = actions.ballot_cast(
                ballot=ballot, member=member, choices=form.chosen(), channel=VoteChannel.ONLINE
            )
        except ValidationError as error:
            if getattr(error, "code", None) == ALREADY_VOTED:
                return _voted_page(request, centre, ballot, again=True)
            form.add_error(None, error)
        else:
            # Shown once, here: the receipt is stored with nothing that leads back to the voter.
            return render(
                request,
                "members/governance/receipt.html",
                {"centre": centre, "ballot": ballot, "code": code},
            )
    return render(
        request,
        "members/governance/ballot_vote.html",
        {
            "centre": centre,
            "ballot": ballot,
            "form": form,
            "candidates": selectors.ballot_candidates(ballot),
        },
    )


def _voted_page(request: HttpRequest, centre: Centre, ballot, *, again: bool) -> HttpResponse:
    """The ballot page for a member who has voted: no form. `again` when they sent one more."""
    return render(
        request,
        "members/governance/ballot_vote.html",
        {"centre": centre, "ballot": ballot, "has_voted": True, "voted_again": again},
    )


@require_GET
@centre_view("members.view_governance")
def ballot_receipts(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    ballot = get_ballot(centre, ballot_id)
    if not ballot.is_closed:
        raise Http404
    return render(
        request,
        "members/governance/receipts.html",
        {
            "centre": centre,
            "ballot": ballot,
            "codes": ballot.receipts.values_list("code", flat=True),
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.respond_priorities")
def priority_respond(
    request: HttpRequest, centre: Centre, ballot_id: int, option_id: int
) -> HttpResponse:
    option = get_option(centre, ballot_id, option_id)
    if not option.ballot.is_closed or option.ballot.kind != BallotKind.PRIORITY:
        raise Http404
    instance = getattr(option, "response", None)
    form = ResponseForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        actions.priority_respond(option=option, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your response is published to the members."))
        return redirect("ballot_detail", centre_id=centre.pk, ballot_id=option.ballot_id)
    return render(
        request,
        "members/governance/priority_respond.html",
        {"centre": centre, "option": option, "form": form},
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.view_governance")
def ballot_tie_draw(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    """Record the draw by lot held in person that broke a tie at the last winning place."""
    ballot = get_ballot(centre, ballot_id)
    if not request.user.has_perm("members.record_tie_draw", ballot):
        raise PermissionDenied
    if refusal := draw_refusal(ballot):
        messages.error(request, refusal)
        return redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)
    tie = tie_of(ballot)
    options = {str(option.pk): option for option in ballot.options.all()}
    form = TieDrawForm(request.POST or None, tie=tie, options=options)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ballot_tie_draw(
                ballot=ballot,
                by=request.user,
                drawn_by=form.cleaned_data["drawn_by"],
                winners=form.picked(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draw by lot is recorded and shown with the result."))
            return redirect("ballot_detail", centre_id=centre.pk, ballot_id=ballot.pk)
    return render(
        request,
        "members/governance/ballot_tie_draw.html",
        {
            "centre": centre,
            "ballot": ballot,
            "form": form,
            "tied": [options[key] for key in tie["options"] if key in options],
            "places": tie["places"],
        },
    )
