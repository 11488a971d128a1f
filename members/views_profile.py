"""Correcting a member after registration: their details, and their consent given or
withdrawn one purpose at a time (withdrawal asks for confirmation first). Each write
is an action, audited without personal data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from centres.access import centre_view
from centres.models import Centre
from centres.notices import show_refusal

from . import actions
from .access import get_member
from .forms import ConsentGiveForm, MemberEditForm
from .models import CONSENT_VERSION, CONSENT_WORDING, ConsentPurpose, Member


def _to_member(member: Member) -> HttpResponse:
    return redirect("member_detail", centre_id=member.centre_id, member_id=member.pk)


def _erased(request: HttpRequest, member: Member) -> HttpResponse:
    messages.error(request, _("This member's personal data was erased: there is nothing to edit."))
    return _to_member(member)


@require_http_methods(["GET", "POST"])
@centre_view("members.edit_member")
def member_edit(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_member(centre, member_id, user=request.user)
    if member.erased_at is not None:
        return _erased(request, member)
    form = MemberEditForm(request.POST if request.method == "POST" else None, instance=member)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            # A fresh copy: the form has already put the typed values on `member`.
            changed = actions.member_update(
                member=get_member(centre, member_id, user=request.user), by=request.user, **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, _("The member's details are saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return _to_member(member)
    return render(
        request, "members/member_edit.html", {"centre": centre, "member": member, "form": form}
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.manage_consent")
def consent_give(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_member(centre, member_id, user=request.user)
    if member.erased_at is not None:
        return _erased(request, member)
    given = set(member.consents.current().values_list("purpose", flat=True))
    missing = [p for p in ConsentPurpose.values if p not in given]
    if request.method == "POST":
        purpose = request.POST.get("purpose", "")
        if purpose in given:  # a re-sent form, or a colleague recorded it meanwhile
            messages.info(request, _("This consent is already on record."))
            return _to_member(member)
    form = ConsentGiveForm(request.POST if request.method == "POST" else None, missing=missing)
    if request.method == "POST" and form.is_valid():
        try:
            actions.consent_give(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The consent is recorded."))
            return _to_member(member)
    return render(
        request,
        "members/consent_give.html",
        {"centre": centre, "member": member, "form": form, "version": CONSENT_VERSION},
    )


@require_http_methods(["GET", "POST"])
@centre_view("members.manage_consent")
def consent_withdraw(
    request: HttpRequest, centre: Centre, member_id: int, purpose: str
) -> HttpResponse:
    """A page that says what withdrawing means; the withdrawal is its confirmed POST."""
    member = get_member(centre, member_id, user=request.user)
    if purpose not in ConsentPurpose.values:
        messages.error(request, _("Unknown consent purpose."))
        return _to_member(member)
    consent = member.consents.current().filter(purpose=purpose).first()
    if consent is None:  # withdrawn already: a second tap, or a page left open
        messages.info(request, _("There is no consent to withdraw for this purpose."))
        return _to_member(member)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Confirm that the person withdraws this consent."))
        else:
            try:
                actions.consent_withdraw(member=member, purpose=purpose, by=request.user)
            except ValidationError as error:
                show_refusal(request, error)
            else:
                messages.success(request, _("The consent was withdrawn."))
            return _to_member(member)
    return render(
        request,
        "members/consent_withdraw.html",
        {
            "centre": centre,
            "member": member,
            "consent": consent,
            "wording": CONSENT_WORDING[ConsentPurpose(purpose)],
        },
    )
