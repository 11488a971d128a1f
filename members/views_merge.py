"""Merging a second record of one person into the record kept, from the record to
absorb: choose the record to keep (a look-alike, or a typed code), read what moves
(counts only), confirm. The merge is `actions.member_merge`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from centres.access import centre_view
from centres.models import Centre
from centres.notices import refusal_text
from centres.templatetags.bidi import isolated

from . import actions, merging
from .access import get_member
from .forms import unknown_code_message
from .models import ConsentPurpose, Member, typed_code


def _to_member(member: Member) -> HttpResponse:
    return redirect("member_detail", centre_id=member.centre_id, member_id=member.pk)


def _kept_record(centre: Centre, request: HttpRequest) -> tuple[Member | None, str]:
    """The record to keep that the page was given (a code by GET, an id by POST), or
    None with why not ("" when none was given yet)."""
    if request.method == "POST":
        keep_id = request.POST.get("keep", "")
        if not keep_id.isdigit():
            return None, _("Choose the record to keep.")
        return get_member(centre, int(keep_id), user=request.user), ""
    code = typed_code(request.GET.get("into", ""))
    if not code:
        return None, ""
    keep = Member.objects.for_centre(centre).filter(code=code).first()
    if keep is None or keep.merged_into_id is not None:
        return None, unknown_code_message(centre, code)
    return keep, ""


@require_http_methods(["GET", "POST"])
@centre_view("members.merge_members")
def member_merge(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    absorb = get_member(centre, member_id, user=request.user)
    if absorb.merged_into_id is not None:  # merged already: a second tap, a page left open
        messages.info(request, _("This record was already merged."))
        return _to_member(absorb.merged_into)
    if absorb.erased_at is not None:
        messages.error(request, _("An erased or merged record cannot be merged."))
        return _to_member(absorb)
    keep, error = _kept_record(centre, request)
    if keep is not None:
        # A record that cannot be kept (itself, erased, a second account...) is
        # refused with the choosing form again, never a confirmation bound to fail.
        error = merging.merge_refusal(centre=centre, keep=keep, absorb=absorb)
        if error:
            keep = None
    if keep is not None and request.method == "POST":
        if request.POST.get("confirm") != "yes":
            error = _("Confirm that both records are the same person.")
        else:
            try:
                actions.member_merge(centre=centre, by=request.user, keep=keep, absorb=absorb)
            except ValidationError as refusal:  # changed since the rule was read
                error, keep = refusal_text(refusal), None
            else:
                messages.success(
                    request,
                    _("%(absorbed)s is merged into %(kept)s.")
                    % {"absorbed": isolated(absorb.code), "kept": isolated(keep.code)},
                )
                return _to_member(keep)
    context = {"centre": centre, "absorb": absorb, "keep": keep, "error": error}
    if keep is None:
        context["look_alikes"] = merging.look_alikes_of(absorb)
    else:
        context.update(_confirmation(keep, absorb))
    return render(request, "members/member_merge.html", context)


def _confirmation(keep: Member, absorb: Member) -> dict:
    """What the confirmation shows: counts of what moves, each consent's outcome, the
    account."""
    kept, ending = merging.consents_after(keep, absorb)
    return {
        "account_moves": bool(absorb.account_id and not keep.account_id),
        "moves": merging.what_moves(absorb),
        "consents_kept": [ConsentPurpose(p).label for p in kept],
        "consents_ending": [ConsentPurpose(p).label for p in ending],
    }
