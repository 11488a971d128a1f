"""The entrance kiosk: a tablet paired by the manager's one-time code logs "I'm here"
(`centres.devices`: the tablet then holds the kiosk's cookie, no address holds a secret).

The kiosk page shows nothing about anyone and can read no data: it only writes a
visit. Only the token in a member card's QR code identifies a member; a typed member
code (or anything else) is logged as an anonymous visit, so that the page never
confirms whether a code exists and never turns anybody away. Each kiosk writes at a
bounded rate (`kiosk_limits`), and the manager sees its recent activity as counts.
"""

import secrets
import time
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import centre_view
from centres.devices import pairing_page, shown_code
from centres.formfields import ShortTextField
from centres.models import Centre
from centres.numbers import figure
from centres.tokens import new_link_keep, new_link_pop

from . import actions
from .access import KIOSK, get_kiosk, kiosk_view
from .forms import PurposeField
from .kiosk_limits import KIOSK_GROUP_MAX, kiosk_may_write
from .models import Kiosk, KioskHour
from .qr import qr_svg

# A check-in leaves a one-use ticket in the tablet's session: a follow-up page (the
# feedback survey) may accept one answer per check-in. The ticket names nobody.
CHECKIN_TICKET_KEY = "kiosk_checkin_ticket"
CHECKIN_TICKET_SECONDS = 15 * 60
ACTIVITY_HOURS = 48
# A new kiosk's pairing code waits (encrypted) in the manager's session for the page
# after the redirect, which shows it once.
NEW_CODE_KEY = "kiosk_new_code"


class KioskForm(forms.Form):
    label = ShortTextField(label=gettext_lazy("Where is this kiosk?"), max_length=100)


class CheckInForm(forms.Form):
    people = forms.TypedChoiceField(
        label=gettext_lazy("How many of you are checking in together?"),
        coerce=int,
        initial=1,
        # A page from before the choice existed sends none: one person, as it meant.
        required=False,
        empty_value=1,
        widget=forms.RadioSelect(attrs={"class": "big-choice"}),
    )
    code = ShortTextField(
        label=gettext_lazy("Scan your member card (optional)"), max_length=100, required=False
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(n, figure(n)) for n in range(1, KIOSK_GROUP_MAX + 1)]
        self.fields["purposes"] = PurposeField(
            centre, label=gettext_lazy("Why did you come today?")
        )


def device_code_context(request: HttpRequest, key: str, pair_url_name: str) -> dict:
    """The pairing code a redirect left for this page (shown once), its QR code and the
    pairing page's address (which holds no secret)."""
    code = new_link_pop(request, key) if request.method == "GET" else None
    if not code:
        return {}
    return {
        "new_code": shown_code(code),
        "new_code_qr": qr_svg(code),
        "pair_url": request.build_absolute_uri(reverse(pair_url_name)),
    }


@require_http_methods(["GET", "POST"])
@centre_view("members.manage_kiosks")
def kiosk_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = KioskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            kiosk, code = actions.kiosk_create(
                centre=centre, label=form.cleaned_data["label"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)  # beside the label: the form's field has its name
        else:
            # Shown once, on the page the redirect leads to: a repeated click is sent to the
            # same page (see centres.submissions) and still finds the code there.
            new_link_keep(request, NEW_CODE_KEY, code)
            messages.success(
                request,
                _("Kiosk created. Pair the tablet with the code below; it is shown only once."),
            )
            return redirect("kiosk_list", centre_id=centre.pk)
    kiosks = Kiosk.objects.filter(centre=centre)
    return render(
        request,
        "members/kiosk_list.html",
        {"centre": centre, "form": form, "kiosks": kiosks}
        | device_code_context(request, NEW_CODE_KEY, "kiosk_pair"),
    )


@require_POST
@centre_view("members.manage_kiosks")
def kiosk_revoke(request: HttpRequest, centre: Centre, kiosk_id: int) -> HttpResponse:
    actions.kiosk_revoke(kiosk=get_kiosk(centre, kiosk_id), by=request.user)
    messages.success(request, _("The kiosk can no longer log visits."))
    return redirect("kiosk_list", centre_id=centre.pk)


@require_GET
@centre_view("members.manage_kiosks")
def kiosk_activity(request: HttpRequest, centre: Centre, kiosk_id: int) -> HttpResponse:
    """A kiosk's last two days, hour by hour: counts only, nobody named."""
    kiosk = get_kiosk(centre, kiosk_id)
    since = timezone.now() - timedelta(hours=ACTIVITY_HOURS)
    hours = list(KioskHour.objects.filter(kiosk=kiosk, hour__gte=since).order_by("-hour"))
    totals = {
        name: sum(getattr(h, name) for h in hours) for name in ("checkins", "repeats", "refusals")
    }
    return render(
        request,
        "members/kiosk_activity.html",
        {"centre": centre, "kiosk": kiosk, "hours": hours, "totals": totals},
    )


def kiosk_wait(request: HttpRequest, kiosk: Kiosk) -> HttpResponse:
    """The page a kiosk shows when it has written too much just now."""
    actions.kiosk_refusal_record(kiosk=kiosk)
    response = render(request, "members/kiosk_wait.html", {"centre": kiosk.centre}, status=429)
    response["Retry-After"] = "60"
    return response


@require_http_methods(["GET", "POST"])
def kiosk_pair(request: HttpRequest) -> HttpResponse:
    """Where staff pair a tablet with a new kiosk's code (sent in the form, never in the
    address); the tablet then opens the welcome page."""
    return pairing_page(request, KIOSK, actions.kiosk_pair)


@require_http_methods(["GET", "POST"])
@kiosk_view
def kiosk_checkin(request: HttpRequest, kiosk: Kiosk) -> HttpResponse:
    centre = kiosk.centre
    form = CheckInForm(request.POST if request.method == "POST" else None, centre=centre)
    if request.method == "POST" and not kiosk_may_write(kiosk):
        return kiosk_wait(request, kiosk)
    if request.method == "POST" and form.is_valid():
        try:
            visit = actions.kiosk_checkin(
                kiosk=kiosk,
                card_token=form.cleaned_data["code"].strip(),
                purposes=form.cleaned_data["purposes"],
                people=form.cleaned_data["people"],
            )
        except ValidationError:
            messages.error(request, _("Something went wrong. Please tell a member of staff."))
        else:
            if visit is not None:  # a repeated tap earns no second survey
                request.session[CHECKIN_TICKET_KEY] = [
                    secrets.token_urlsafe(24),
                    int(time.time()),
                ]
            messages.success(request, _("Welcome! You are checked in."))
        return redirect("kiosk_checkin")
    return render(request, "members/kiosk_checkin.html", {"centre": centre, "form": form})
