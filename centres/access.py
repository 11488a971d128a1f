"""The one path from a request to a centre: scoping, roles, the second factor, local time.

Every view of centre data goes through `centre_view`, so another centre's record is
a 404 (never a 403 that would confirm it exists), a role without the permission is a
403, a case-capable role without a second factor is sent to set one up, and the page
is built in the centre's own time zone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CASE_ROLES, Centre, CentreRole, Programme


def roles_in(user, centre: Centre) -> frozenset[str]:
    """The roles `user` holds in `centre`, read once per request and kept on the user."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(_roles(user).get(centre.pk, ((), None))[0])


def _roles(user) -> dict[int, tuple[set[str], Centre]]:
    """{centre id: (the user's roles there, the centre with its programme)}, in one
    query per request: the centres come with the roles, since a page of one of them
    needs both."""
    # getattr, not the instance's __dict__: request.user is a lazy object, whose own
    # __dict__ never holds what is set on the user through it.
    cache = getattr(user, "_centre_roles", None)
    if cache is None:
        cache = {}
        # Unordered: the model's ordering would join users and centres to sort.
        roles = CentreRole.objects.filter(user=user).select_related("centre__programme")
        for role in roles.order_by():
            cache.setdefault(role.centre_id, (set(), role.centre))[0].add(role.role)
        user._centre_roles = cache
    return cache


def coordinates_programme_of(user, centre: Centre) -> bool:
    """Whether the user is a coordinator of the programme the centre belongs to."""
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_coordinated_programmes", None)  # see _roles
    if cache is None:
        cache = frozenset(user.coordinator_roles.values_list("programme_id", flat=True))
        user._coordinated_programmes = cache
    return centre.programme_id in cache


def get_centre_for_user(request: HttpRequest, centre_id: int) -> Centre:
    """A centre the user holds a role in or coordinates the programme of (a 404
    otherwise). A centre of one of their roles comes with the roles (`roles_in`), which
    every permission reads anyway: no query of its own."""
    user = request.user
    if user.is_authenticated and user.is_active:
        roles_here = _roles(user).get(centre_id)
        if roles_here is not None:
            return roles_here[1]
    centres = Centre.objects.visible_to(user).select_related("programme")
    return get_object_or_404(centres, pk=centre_id)


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def needs_second_factor(user, centre: Centre) -> bool:
    if not settings.WORKERCENTRE_REQUIRE_SECOND_FACTOR:
        return False
    case_capable = user.is_superuser or bool(roles_in(user, centre) & CASE_ROLES)
    return case_capable and not has_second_factor(user)


def centre_view(permission: str) -> Callable:
    """Decorate a view taking `centre_id`: 404 outside the user's centres, 403 without
    `permission` on the centre, and a second factor first for case-capable roles.
    (No response is kept by a browser or proxy: `middleware.NoStoreMiddleware`.)

    The view runs with the centre's time zone active, so its forms read typed times,
    its date lookups, "today" and its templates' dates as local time there. A streamed
    response is consumed after the view returns: it must convert explicitly
    (`centres.local_time`)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, centre_id: int, *args, **kwargs) -> HttpResponse:
            centre = get_centre_for_user(request, centre_id)
            if not request.user.has_perm(permission, centre):
                raise PermissionDenied
            if needs_second_factor(request.user, centre):
                messages.warning(
                    request,
                    _("Your role can open confidential cases. Set up an authenticator app first."),
                )
                return redirect("mfa_activate_totp")
            with timezone.override(centre.time_zone):
                return view(request, centre, *args, **kwargs)

        return wrapper

    return decorator


def get_programme_for_user(request: HttpRequest, programme_id: int) -> Programme:
    """A programme the user coordinates or works in (a 404 otherwise)."""
    user = request.user
    programmes = Programme.objects.all()
    if not user.is_superuser:
        programmes = programmes.filter(
            Q(coordinators__user=user) | Q(centres__roles__user=user)
        ).distinct()
    return get_object_or_404(programmes, pk=programme_id)


def programme_view(permission: str) -> Callable:
    """`centre_view` for a programme's pages (`programme_id`): 404 outside the user's
    programmes, 403 without `permission` on it, the programme's time zone active (and,
    like every response, nothing kept by the browser: `middleware.NoStoreMiddleware`)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, programme_id: int, *args, **kwargs) -> HttpResponse:
            programme = get_programme_for_user(request, programme_id)
            if not request.user.has_perm(permission, programme):
                raise PermissionDenied
            with timezone.override(programme.time_zone):
                return view(request, programme, *args, **kwargs)

        return wrapper

    return decorator
