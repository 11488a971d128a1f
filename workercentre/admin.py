"""The Django admin site: reachable only through allauth's login (so with the second
factor at sign-in), and only with an authenticator whenever case roles need one."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from centres.access import has_second_factor


def needs_second_factor(user) -> bool:
    return (
        settings.WORKERCENTRE_REQUIRE_SECOND_FACTOR
        and user.is_authenticated
        and not has_second_factor(user)
    )


class AdminSite(admin.AdminSite):
    site_header = "Worker Centre"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not needs_second_factor(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        @secure_admin_login
        def view(request: HttpRequest) -> HttpResponse:
            if needs_second_factor(request.user):
                messages.warning(
                    request, _("The administration needs a second factor. Set one up first.")
                )
                return redirect("mfa_activate_totp")
            return super(AdminSite, self).login(request, extra_context)

        return view(request)
