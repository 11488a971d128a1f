"""Voting at the centre: booth devices, the polling officer's page, and the booth itself.

The officer checks a member in; the booth device (a tablet paired once with the
manager's code, like the kiosk: `centres.devices`) then shows that one ballot, and only
it. The officer's page shows who is waiting at which booth and who has voted, never
what anyone chose.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres import submissions
from centres.access import centre_view
from centres.devices import DeviceKind, device_view, pairing_page
from centres.local_time import today as local_today
from centres.models import Centre
from centres.notices import show_refusal
from centres.templatetags.bidi import isolated
from centres.tokens import new_link_keep
from members.views_kiosk import device_code_context

from . import actions, selectors
from .access import get_ballot
from .forms import VoteForm
from .forms_booth import BoothDeviceForm, CheckInForm, OfficerForm
from .models import Ballot, BallotStatus, BoothDevice, BoothPass, Candidate, VoteChannel

# A new booth's pairing code waits (encrypted) in the session for the page after the
# redirect.
NEW_CODE_KEY = "booth_new_code"
# The voting booth: paired at /booth/pair/, its cookie sent to /booth/... only.
BOOTH = DeviceKind(
    model=BoothDevice,
    cookie="wc_booth",
    path="/booth/",
    home="booth",
    pair_url_name="booth_pair",
    title=gettext_lazy("Set up this tablet as a voting booth"),
    invalid_template="members/governance/booth_invalid.html",
)
# The booth's own pages: `view(request, device, ...)`.
booth_view = device_view(BOOTH)


@require_http_methods(["GET", "POST"])
@centre_view("members.manage_booths")
def booth_devices(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = BoothDeviceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _device, code = actions.booth_device_create(
                centre=centre, label=form.cleaned_data["label"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)  # beside the label: the form's field has its name
        else:
            # Shown once, on the page the redirect leads to (as for a kiosk's code).
            new_link_keep(request, NEW_CODE_KEY, code)
            messages.success(
                request,
                _("Booth set up. Pair the tablet with the code below; it is shown only once."),
            )
            return redirect("booth_devices", centre_id=centre.pk)
    return render(
        request,
        "members/governance/booth_devices.html",
        {
            "centre": centre,
            "form": form,
            "devices": BoothDevice.objects.filter(centre=centre).select_related("open_pass"),
            **device_code_context(request, NEW_CODE_KEY, "booth_pair"),
        },
    )


@require_POST
@centre_view("members.manage_booths")
def booth_device_revoke(request: HttpRequest, centre: Centre, device_id: int) -> HttpResponse:
    device = get_object_or_404(BoothDevice.objects.filter(centre=centre), pk=device_id)
    if device.revoked_at is None:
        actions.booth_device_revoke(device=device, by=request.user)
    messages.success(request, _("The booth can no longer show ballots."))
    return redirect("booth_devices", centre_id=centre.pk)


def get_officiated_ballot(request: HttpRequest, centre: Centre, ballot_id: int) -> Ballot:
    """The ballot, if this user is one of its polling officers: 404 outside the centre or
    before voting opens, 403 for anyone else."""
    ballot = get_ballot(centre, ballot_id)
    if ballot.status == BallotStatus.DRAFT:
        raise Http404
    if not request.user.has_perm("members.officiate_ballot", ballot):
        raise PermissionDenied
    return ballot


def _polling_page(request, centre, ballot, form, officer_form=None) -> HttpResponse:
    today = local_today(centre)
    voted_here = (
        ballot.participations.filter(channel=VoteChannel.BOOTH, voted_on=today)
        .select_related("member")
        .order_by("member__code")
    )
    can_name = request.user.has_perm("members.run_ballots", centre)
    if can_name and officer_form is None:
        officer_form = OfficerForm(centre=centre, ballot=ballot)
    return render(
        request,
        "members/governance/polling.html",
        {
            "centre": centre,
            "ballot": ballot,
            "form": form,
            "passes": BoothPass.objects.filter(ballot=ballot)
            .select_related("member", "device")
            .order_by("device__label"),
            "voted_here": voted_here[:100],
            "voted_here_count": voted_here.count(),
            "turnout": ballot.participations.count(),
            "roll_size": ballot.roll.count(),
            "officers": ballot.polling_officers.select_related("user"),
            "officer_form": officer_form if can_name else None,
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.view_governance")
def ballot_polling(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    ballot = get_officiated_ballot(request, centre, ballot_id)
    form = CheckInForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            booth_pass = actions.booth_check_in(
                ballot=ballot,
                member=form.cleaned_data["code"],
                device=form.cleaned_data["device"],
                assisted=form.cleaned_data["assisted"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The ballot is open at %(booth)s. Ask the member to vote there.")
                % {"booth": isolated(booth_pass.device)},
            )
            return redirect("ballot_polling", centre_id=centre.pk, ballot_id=ballot.pk)
    return _polling_page(request, centre, ballot, form)


@require_POST
@centre_view("members.view_governance")
def booth_pass_cancel(
    request: HttpRequest, centre: Centre, ballot_id: int, pass_id: int
) -> HttpResponse:
    ballot = get_officiated_ballot(request, centre, ballot_id)
    booth_pass = BoothPass.objects.filter(ballot=ballot, pk=pass_id).first()
    if booth_pass is not None:
        actions.booth_pass_cancel(booth_pass=booth_pass, by=request.user)
    messages.success(request, _("The booth is free again."))
    return redirect("ballot_polling", centre_id=centre.pk, ballot_id=ballot.pk)


@require_POST
@centre_view("members.run_ballots")
def polling_officer_name(request: HttpRequest, centre: Centre, ballot_id: int) -> HttpResponse:
    ballot = get_officiated_ballot(request, centre, ballot_id)
    form = OfficerForm(request.POST, centre=centre, ballot=ballot)
    if form.is_valid():
        try:
            actions.polling_officer_name(
                ballot=ballot, user=form.cleaned_data["user"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The polling officer can now check voters in."))
            return redirect("ballot_polling", centre_id=centre.pk, ballot_id=ballot.pk)
    return _polling_page(request, centre, ballot, CheckInForm(centre=centre), officer_form=form)


@require_POST
@centre_view("members.run_ballots")
def polling_officer_remove(
    request: HttpRequest, centre: Centre, ballot_id: int, officer_id: int
) -> HttpResponse:
    """Take a named officer off the ballot. Removing one already removed (a second
    click) changes nothing and says the same."""
    ballot = get_officiated_ballot(request, centre, ballot_id)
    officer = ballot.polling_officers.filter(pk=officer_id).first()
    try:
        if officer is not None:
            actions.polling_officer_remove(officer=officer, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The polling officer can no longer check voters in."))
    return redirect("ballot_polling", centre_id=centre.pk, ballot_id=ballot.pk)


@require_http_methods(["GET", "POST"])
def booth_pair(request: HttpRequest) -> HttpResponse:
    """Where staff pair a tablet with a new booth's code (sent in the form, never in the
    address); the tablet then opens the booth."""
    return pairing_page(request, BOOTH, actions.booth_device_pair)


@never_cache
@require_http_methods(["GET", "POST"])
@booth_view
def booth(request: HttpRequest, device: BoothDevice) -> HttpResponse:
    """The booth device. It shows the one ballot an officer opened on it, or waits."""
    booth_pass = BoothPass.objects.filter(device=device).select_related("ballot").first()
    if booth_pass is None:
        if request.method == "POST":
            messages.error(
                request,
                _("This ballot was already cast or cancelled. Please ask the polling officer."),
            )
            return redirect("booth")
        return render(request, "members/governance/booth.html", {"device": device})
    ballot = booth_pass.ballot
    form = VoteForm(request.POST if request.method == "POST" else None, ballot=ballot)
    if request.method == "POST" and form.is_valid():
        sent_pass = request.POST.get("pass", "")
        try:
            code = actions.booth_vote(
                device=device,
                pass_id=int(sent_pass) if sent_pass.isdecimal() and len(sent_pass) < 10 else 0,
                choices=form.chosen(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            submissions.succeeded(request)  # a page, not a redirect: keep the form's key
            return render(
                request,
                "members/governance/booth_receipt.html",
                {"device": device, "ballot": ballot, "code": code},
            )
    return render(
        request,
        "members/governance/booth.html",
        {
            "device": device,
            "ballot": ballot,
            "form": form,
            "pass_id": booth_pass.pk,
            "candidates": selectors.ballot_candidates(ballot),
            "on_booth": True,
        },
    )


@require_GET
def booth_picture(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """A candidate's picture, while the booth shows that candidate's ballot."""
    device = BOOTH.device(request)
    booth_pass = BoothPass.objects.filter(device=device).first() if device else None
    picture = (
        Candidate.objects.filter(pk=candidate_id, option__ballot_id=booth_pass.ballot_id)
        .values_list("picture", flat=True)
        .first()
        if booth_pass
        else None
    )
    if not picture:
        raise Http404
    return HttpResponse(bytes(picture), content_type="image/jpeg")
