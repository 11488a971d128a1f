"""Paper voting: marking the roll for paper voters, and batch totals entered by two officers.

Totals of a batch are never shown, not even to officers: before the close they would
be a partial result. The second officer enters the batch again, blind, to confirm it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from centres.access import centre_view
from centres.models import Centre
from centres.notices import show_form_errors, show_refusal

from . import actions
from .actions.paper import PAPER_METHODS
from .forms_booth import MemberCodeForm, PaperBatchForm
from .models import Ballot, PaperBatch, VoteChannel
from .views_booth import get_officiated_ballot


def _paper_ballot(request: HttpRequest, centre: Centre, ballot_id: int) -> Ballot:
    ballot = get_officiated_ballot(request, centre, ballot_id)
    if ballot.method not in PAPER_METHODS:
        raise Http404
    return ballot


def _page(request, centre, ballot, *, mark_form=None, batch_form=None, confirming=None):
    # Another officer may have closed the ballot or confirmed a batch meanwhile: the
    # page shows things as they are now, and a refusal whose form it no longer shows
    # (e.g. "already confirmed by …") is told as a message rather than lost.
    ballot.refresh_from_db()
    unshown = [] if ballot.is_open else [mark_form, batch_form]
    batches = list(ballot.paper_batches.select_related("entered_by", "confirmed_by"))
    for batch in batches:
        bound = confirming if confirming is not None and confirming[0] == batch.pk else None
        batch.confirm_form = (
            bound[1]
            if bound
            else PaperBatchForm(ballot=ballot, with_label=False, prefix=f"b{batch.pk}")
        )
        batch.can_confirm = _confirm_form_shown(request, ballot, batch)
        if bound and not batch.can_confirm:
            unshown.append(bound[1])
    for form in unshown:
        if form is not None:
            show_form_errors(request, form)
    return render(
        request,
        "members/governance/paper.html",
        {
            "centre": centre,
            "ballot": ballot,
            "mark_form": mark_form or MemberCodeForm(centre=centre, prefix="mark"),
            "batch_form": batch_form or PaperBatchForm(ballot=ballot, prefix="batch"),
            "batches": batches,
            "marked": ballot.participations.filter(channel=VoteChannel.PAPER).count(),
        },
    )


def _confirm_form_shown(request, ballot: Ballot, batch: PaperBatch) -> bool:
    """Whether `paper.html` offers this officer the batch's confirmation form."""
    return ballot.is_open and batch.confirmed_at is None and batch.entered_by_id != request.user.pk


@require_http_methods(["GET", "POST"])
@centre_view("members.view_governance")
def ballot_paper(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    """The paper page; a POST marks the roll for a member who voted on paper."""
    ballot = _paper_ballot(request, centre, ballot_id)
    form = MemberCodeForm(
        request.POST if request.method == "POST" else None, centre=centre, prefix="mark"
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.paper_mark(ballot=ballot, member=form.cleaned_data["code"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Marked on the roll as voted on paper."))
            return redirect("ballot_paper", centre_id=centre.pk, ballot_id=ballot.pk)
    return _page(request, centre, ballot, mark_form=form)


@require_POST
@centre_view("members.view_governance")
def paper_batch_enter(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    ballot = _paper_ballot(request, centre, ballot_id)
    form = PaperBatchForm(request.POST, ballot=ballot, prefix="batch")
    if form.is_valid():
        try:
            actions.paper_batch_enter(
                ballot=ballot,
                by=request.user,
                label=form.cleaned_data["label"],
                papers=form.cleaned_data["papers"],
                totals=form.totals(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Batch entered. A second officer must now confirm it."))
            return redirect("ballot_paper", centre_id=centre.pk, ballot_id=ballot.pk)
    return _page(request, centre, ballot, batch_form=form)


def _get_batch(ballot: Ballot, batch_id: int) -> PaperBatch:
    return get_object_or_404(PaperBatch.objects.filter(ballot=ballot), pk=batch_id)


@require_POST
@centre_view("members.view_governance")
def paper_batch_confirm(
    request: HttpRequest, centre: Centre, ballot_id: int, batch_id: int
) -> HttpResponse:
    ballot = _paper_ballot(request, centre, ballot_id)
    batch = _get_batch(ballot, batch_id)
    form = PaperBatchForm(request.POST, ballot=ballot, with_label=False, prefix=f"b{batch.pk}")
    if form.is_valid():
        try:
            actions.paper_batch_confirm(
                batch=batch,
                by=request.user,
                papers=form.cleaned_data["papers"],
                totals=form.totals(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Batch confirmed: it will be counted at the close."))
            return redirect("ballot_paper", centre_id=centre.pk, ballot_id=ballot.pk)
    return _page(request, centre, ballot, confirming=(batch.pk, form))


@require_POST
@centre_view("members.view_governance")
def paper_batch_discard(
    request: HttpRequest, centre: Centre, ballot_id: int, batch_id: int
) -> HttpResponse:
    ballot = _paper_ballot(request, centre, ballot_id)
    batch = PaperBatch.objects.filter(ballot=ballot, pk=batch_id).first()
    if batch is not None:
        try:
            actions.paper_batch_discard(batch=batch, by=request.user)
        except ValidationError as error:
            show_refusal(request, error)
            return redirect("ballot_paper", centre_id=centre.pk, ballot_id=ballot.pk)
    messages.success(request, _("The entry is discarded. Enter the batch again."))
    return redirect("ballot_paper", centre_id=centre.pk, ballot_id=ballot.pk)
