from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language

from . import actions
from .access import centre_view
from .forms import AcceptInvitationForm, CentreProfileForm, InvitationForm
from .keyset import keyset_page
from .models import AuditEntry, Centre, Invitation, User
from .notices import show_refusal
from .selectors import home_for, retention_for
from .templatetags.bidi import isolated


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "centres/home.html", home_for(request.user))


@require_GET
@centre_view("centres.view_centre")
def centre_detail(request: HttpRequest, centre: Centre) -> HttpResponse:
    can_see_funding = request.user.has_perm("centres.view_funding", centre)
    return render(
        request,
        "centres/centre_detail.html",
        {
            "centre": centre,
            "can_edit": request.user.has_perm("centres.edit_profile", centre),
            "can_see_sessions": request.user.has_perm("services.view_calendar", centre),
            "funding_sources": centre.funding_sources.all() if can_see_funding else None,
            "services": centre.services.filter(active=True).select_related("category"),
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("centres.edit_profile")
def centre_edit(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = CentreProfileForm(
        request.POST if request.method == "POST" else None,
        instance=Centre.objects.get(pk=centre.pk),
    )
    if request.method == "POST" and form.is_valid():
        actions.centre_update(centre=centre, by=request.user, **form.cleaned_data)
        messages.success(request, _("The centre's profile was saved."))
        return redirect("centre_detail", centre_id=centre.pk)
    return render(request, "centres/centre_edit.html", {"centre": centre, "form": form})


@require_GET
@centre_view("centres.manage_staff")
def staff_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    return render(
        request,
        "centres/staff_list.html",
        {
            "centre": centre,
            "roles": centre.roles.select_related("user"),
            "invitations": centre.invitations.pending().select_related("invited_by"),
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("centres.manage_staff")
def staff_invite(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invitation_create(
                centre=centre, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.")
                % {"email": isolated(invitation.email)},
            )
            return redirect("staff_list", centre_id=centre.pk)
    return render(request, "centres/staff_invite.html", {"centre": centre, "form": form})


@require_POST
@centre_view("centres.manage_staff")
def role_revoke(request: HttpRequest, centre: Centre, role_id: int) -> HttpResponse:
    centre_role = get_object_or_404(centre.roles.select_related("user"), pk=role_id)
    try:
        actions.role_revoke(centre_role=centre_role, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The role was removed."))
    return redirect("staff_list", centre_id=centre.pk)


@require_POST
@centre_view("centres.manage_staff")
def invitation_revoke(request: HttpRequest, centre: Centre, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(centre.invitations, pk=invitation_id)
    try:
        actions.invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("staff_list", centre_id=centre.pk)


@require_GET
@centre_view("centres.read_audit")
def audit_trail(request: HttpRequest, centre: Centre) -> HttpResponse:
    entries = AuditEntry.objects.for_centre(centre).select_related("actor", "content_type")
    page = keyset_page(entries, request.GET, key="timestamp")
    return render(request, "centres/audit_trail.html", {"centre": centre, "page": page})


@require_GET
@centre_view("centres.view_retention")
def retention(request: HttpRequest, centre: Centre) -> HttpResponse:
    return render(request, "centres/retention.html", {"centre": centre, **retention_for(centre)})


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.for_token(token)
    if invitation is None:
        return render(request, "centres/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None and request.user != existing:
        messages.info(request, _("You already have an account: sign in to accept the invitation."))
        return redirect_to_login(request.get_full_path())
    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None, email=invitation.email
    )
    if existing is not None and request.method == "POST":
        try:
            actions.invitation_accept(invitation=invitation, name=existing.name, password="")
        except ValidationError as error:  # accepted meanwhile: a double tap, another tab
            show_refusal(request, error)
        else:
            messages.success(
                request, _("Welcome to %(centre)s.") % {"centre": isolated(invitation.centre.name)}
            )
        return redirect("home")
    if existing is None and request.method == "POST" and form.is_valid():
        try:
            user = actions.invitation_accept(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:  # the other tap of a double tap got there first
            show_refusal(request, error)
            return redirect("account_login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome to %(centre)s.") % {"centre": isolated(invitation.centre.name)}
        )
        return redirect("home")
    return render(
        request,
        "centres/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing": existing},
    )


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`, and for a signed-in person also their preferred
    language, so that the mails they are sent come in the language they read."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        actions.user_language_set(user=request.user, language=language)
    return response
