"""Members: find, register, read (audited), card, consent withdrawal and erasure."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import centre_view
from centres.audit import record_access
from centres.keyset import keyset_page
from centres.models import Centre
from centres.notices import show_refusal
from centres.retention import erasure_notices

from . import actions, merging
from .access import get_member
from .forms import LinkAccountForm, MemberSearchForm
from .models import ConsentPurpose, Member, phone_typed
from .qr import qr_svg
from .rules import readable_members


@require_http_methods(["GET", "POST"])
@centre_view("members.view_members")
def member_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    """The members, or those a search finds. A search (a name, a phone number) comes
    only by POST, its pages too: it never enters an address, an access log, a proxy's
    log or the browser's history. A `q` in the address is ignored."""
    data = request.POST if request.method == "POST" else None
    by_phone = request.user.has_perm("members.search_by_phone", centre)
    form = MemberSearchForm(data, by_phone=by_phone)
    members = readable_members(request.user, centre, Member.objects.for_centre(centre).active())
    searching = form.is_valid() and bool(form.cleaned_data["q"].strip())
    phone_refused = False
    if searching:
        query = form.cleaned_data["q"]
        members = members.search(query, region=centre.country, by_phone=by_phone)
        phone_refused = not by_phone and phone_typed(query, region=centre.country)
    # Newest registrations first; a search's cursor comes with the search, by POST.
    params = data if searching else request.GET
    page = keyset_page(members, params, key="number")
    return render(
        request,
        "members/member_list.html",
        {
            "centre": centre,
            "form": form,
            "page": page,
            "searching": searching,
            "phone_refused": phone_refused,
            "query": "",
        },
    )


@require_GET
@centre_view("members.view_members")
def member_detail(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_member(centre, member_id, user=request.user)
    record_access(member)
    visits = member.visits.prefetch_related("purposes").order_by("-arrived_at")[:20]
    can_merge = request.user.has_perm("members.merge_members", centre)
    return render(
        request,
        "members/member_detail.html",
        {
            "centre": centre,
            "member": member,
            "visits": visits,
            "visit_count": member.visits.count(),
            "consents": member.consents.current(),
            "purposes": ConsentPurpose,
            "can_manage": request.user.has_perm("members.manage_consent", centre),
            "can_edit": request.user.has_perm("members.edit_member", centre),
            "can_merge": can_merge,
            "can_see_sensitive": request.user.has_perm("members.view_sensitive_attributes", member),
            "look_alikes": (
                merging.look_alikes_of(member) if can_merge and not member.erased_at else []
            ),
        },
    )


@require_GET
@centre_view("members.print_card")
def member_card(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_member(centre, member_id, user=request.user)
    if member.erased_at:
        raise PermissionDenied
    # The QR code carries the card's token, the only thing a kiosk identifies by.
    qr = qr_svg(member.card_token) if member.card_token else None
    return render(
        request, "members/member_card.html", {"centre": centre, "member": member, "qr": qr}
    )


@require_POST
@centre_view("members.print_card")
def member_card_renew(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_member(centre, member_id, user=request.user)
    try:
        actions.member_card_renew(member=member, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("member_detail", centre_id=centre.pk, member_id=member.pk)
    messages.success(request, _("A new card: the old card no longer identifies the member."))
    return redirect("member_card", centre_id=centre.pk, member_id=member.pk)


@require_POST
@centre_view("members.manage_consent")
def member_link_account(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_member(centre, member_id, user=request.user)
    form = LinkAccountForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["email"])
        actions.member_link_account(
            member=member, email=form.cleaned_data["email"], by=request.user
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The member can now follow their own bookings and cases."))
    return redirect("member_detail", centre_id=centre.pk, member_id=member.pk)


@require_http_methods(["GET", "POST"])
@centre_view("members.erase_member")
def member_erase(request: HttpRequest, centre: Centre, member_id: int) -> HttpResponse:
    member = get_member(centre, member_id, user=request.user)
    if request.method == "POST":
        if request.POST.get("confirm") != member.code:
            messages.error(request, _("Type the member code to confirm the erasure."))
        else:
            try:
                actions.member_erase(member=member, by=request.user)
            except ValidationError as error:
                show_refusal(request, error)
            else:
                messages.success(request, _("The personal data was erased. Visit counts are kept."))
                return redirect("member_list", centre_id=centre.pk)
    return render(
        request,
        "members/member_erase.html",
        {
            "centre": centre,
            "member": member,
            "visit_count": member.visits.count(),
            "also_kept_and_removed": erasure_notices(member),
        },
    )
