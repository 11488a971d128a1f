"""Registering a member at the front desk, with a warning when the person looks like
someone already registered: staff choose "same person" (a visit is logged for them)
or "different person" (registered anyway)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from centres.access import centre_view
from centres.models import Centre
from centres.templatetags.bidi import isolated

from . import actions, duplicates
from .access import get_member
from .forms import MemberForm

DIFFERENT_PERSON = "different_person"
SAME_PERSON = "same_person"


@require_http_methods(["GET", "POST"])
@centre_view("members.register_member")
def member_register(request: HttpRequest, centre: Centre) -> HttpResponse:
    if request.method == "POST" and SAME_PERSON in request.POST:
        return _same_person(request, centre)
    form = MemberForm(request.POST if request.method == "POST" else None, centre=centre)
    candidates = []
    if request.method == "POST" and form.is_valid():
        if DIFFERENT_PERSON not in request.POST:
            person = duplicates.person_of(**form.cleaned_data, region=centre.country)
            candidates = duplicates.candidates(centre, person)
        if not candidates:
            fields = {k: v for k, v in form.cleaned_data.items() if k != "consents"}
            member = actions.member_register(
                centre=centre, by=request.user, consents=form.cleaned_data["consents"], **fields
            )
            messages.success(
                request, _("Registered as %(code)s.") % {"code": isolated(member.code)}
            )
            return redirect("member_detail", centre_id=centre.pk, member_id=member.pk)
    return render(
        request,
        "members/member_register.html",
        {
            "centre": centre,
            "form": form,
            "candidates": candidates,
            "may_see_members": request.user.has_perm("members.view_members", centre),
            "may_merge": request.user.has_perm("members.merge_members", centre),
        },
    )


def _same_person(request: HttpRequest, centre: Centre) -> HttpResponse:
    """The person at the desk is a member already: log their visit instead."""
    if not request.user.has_perm("members.log_visit", centre):
        raise PermissionDenied
    member_id = request.POST.get(SAME_PERSON, "")
    if not member_id.isdigit():
        return redirect("member_register", centre_id=centre.pk)
    member = get_member(centre, int(member_id), user=request.user)
    if member.erased_at is not None:
        return redirect("member_register", centre_id=centre.pk)
    actions.visit_log(centre=centre, by=request.user, member=member)
    messages.success(
        request,
        _("Not registered again: a visit is logged for %(code)s.")
        % {"code": isolated(member.code)},
    )
    return redirect("member_detail", centre_id=centre.pk, member_id=member.pk)
