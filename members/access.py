"""How views reach the app's objects: one helper per model type (404 outside the
centre), the gate of the kiosk's pages and the gate of live figures."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy

from centres.devices import DeviceKind, device_view
from centres.models import Centre

from .models import Kiosk, Member

# The entrance kiosk: paired at /kiosk/pair/, its cookie sent to /kiosk/... only.
KIOSK = DeviceKind(
    model=Kiosk,
    cookie="wc_kiosk",
    path="/kiosk/",
    home="kiosk_checkin",
    pair_url_name="kiosk_pair",
    title=gettext_lazy("Set up this tablet as an entrance kiosk"),
    invalid_template="members/kiosk_invalid.html",
)
# Pages of the entrance kiosk: `view(request, kiosk, ...)`.
kiosk_view = device_view(KIOSK)


def get_member(centre: Centre, member_id: int, *, user) -> Member:
    """A member of `centre` whom `user` may read (`members.rules.readable_members`);
    anyone else's member, or another centre's, is "not found"."""
    from .rules import readable_members

    members = readable_members(user, centre, Member.objects.for_centre(centre))
    return get_object_or_404(members, pk=member_id)


def get_kiosk(centre: Centre, kiosk_id: int) -> Kiosk:
    return get_object_or_404(Kiosk.objects.filter(centre=centre), pk=kiosk_id)


def live_figures(view: Callable) -> Callable:
    """For a page of live figures (counted up to now), under `centre_view`: whoever may
    not read exact figures is sent to the released figures of closed periods instead,
    since live counts could be differenced against themselves after one more visit or
    request."""

    @wraps(view)
    def wrapper(request: HttpRequest, centre: Centre, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("members.view_unsuppressed_figures", centre):
            return redirect("released_figures", centre_id=centre.pk)
        return view(request, centre, *args, **kwargs)

    return wrapper
