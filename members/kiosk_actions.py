"""Writes of the entrance kiosk: check-ins (one person, or a group in one tap), the
counts the manager sees, and setting up, pairing and switching off a kiosk. Reachable
from `members.actions` too."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from centres.audit import records_actor
from centres.categories import ServiceCategory
from centres.devices import device_pair, new_pairing_code
from centres.models import Centre, User
from centres.names import saving_named

from .actions import CHECKIN_WINDOW, visit_log
from .kiosk_limits import KIOSK_GROUP_MAX, kiosk_anonymous_repeat
from .models import Kiosk, KioskHour, Member, Visit, VisitChannel


@transaction.atomic
def kiosk_checkin(
    *,
    kiosk: Kiosk,
    card_token: str = "",
    purposes: Iterable[ServiceCategory] = (),
    people: int = 1,
) -> Visit | None:
    """A tap on a kiosk's "I'm here" by `people` people arriving together (1 to
    `KIOSK_GROUP_MAX`). Only the token of a member's card identifies them; anything
    else (a typed member code too) counts anonymously, so the kiosk never confirms that
    a member exists. A card's holder is one identified visit and the people with them
    one head-count; without a card the group is one head-count of `people`.

    A member already checked in within `CHECKIN_WINDOW` is not logged again: their row
    is locked first, so two taps at the same moment make one visit. A head-count of the
    same size right after another on the same kiosk (`kiosk_anonymous_repeat`) is taken
    for a double tap and not logged again. Returns the first visit logged, or None when
    the tap logged nothing. Raises ValueError for `people` outside 1 to KIOSK_GROUP_MAX."""
    if not 1 <= people <= KIOSK_GROUP_MAX:
        raise ValueError(f"people must be 1 to {KIOSK_GROUP_MAX}")
    centre = kiosk.centre
    now = timezone.now()
    purposes = list(purposes)
    member = (
        Member.objects.for_centre(centre).with_card(card_token).select_for_update().first()
        if card_token
        else None
    )
    logged = []
    if member is not None:
        if member.visits.filter(arrived_at__gt=now - CHECKIN_WINDOW).exists():
            _kiosk_tally(kiosk, now, repeats=1)
        else:
            logged.append(_kiosk_visit(kiosk, now, purposes, member=member))
    others = people - 1 if member is not None else people
    if others and kiosk_anonymous_repeat(kiosk, others):
        _kiosk_tally(kiosk, now, repeats=1)
    elif others:
        logged.append(_kiosk_visit(kiosk, now, purposes, people=others))
    return logged[0] if logged else None


def _kiosk_visit(kiosk: Kiosk, now: datetime, purposes, **who) -> Visit:
    visit = visit_log(
        centre=kiosk.centre,
        by=None,
        purposes=purposes,
        arrived_at=now,
        channel=VisitChannel.KIOSK,
        **who,
    )
    _kiosk_tally(kiosk, now, checkins=1)
    return visit


@transaction.atomic
def kiosk_refusal_record(*, kiosk: Kiosk) -> None:
    """A check-in the kiosk's rate limit turned away, counted for the manager."""
    _kiosk_tally(kiosk, timezone.now(), refusals=1)


def _kiosk_tally(kiosk: Kiosk, at: datetime, **counts: int) -> None:
    hour = at.replace(minute=0, second=0, microsecond=0)
    row, _created = KioskHour.objects.get_or_create(kiosk=kiosk, hour=hour)
    KioskHour.objects.filter(pk=row.pk).update(**{k: F(k) + n for k, n in counts.items()})
    Kiosk.objects.filter(pk=kiosk.pk).update(last_used_at=at)


@records_actor
@transaction.atomic
def kiosk_create(*, centre: Centre, label: str, by: User) -> tuple[Kiosk, str]:
    """A new kiosk and its pairing code (`centres.devices`). The code is shown once;
    only its hash is kept."""
    code, code_hash = new_pairing_code()
    kiosk = Kiosk(centre=centre, label=label, token_hash=code_hash, created_by=by)
    kiosk.full_clean(exclude=["created_by"])  # refuses a label a kiosk in use holds
    with saving_named(kiosk):
        kiosk.save()
    return kiosk, code


def kiosk_pair(*, code: str) -> tuple[Kiosk, str] | None:
    """Pair a tablet with the kiosk `code` was issued for (`centres.devices.device_pair`):
    the kiosk and its cookie's secret, or None for a code that pairs no kiosk. Audited
    by auditlog (the time of pairing, no actor: nobody signs in on a kiosk)."""
    return device_pair(Kiosk, code=code)


@records_actor
@transaction.atomic
def kiosk_revoke(*, kiosk: Kiosk, by: User) -> None:
    if kiosk.revoked_at is not None:
        return  # revoked already (a second tap): keep when it first stopped
    kiosk.revoked_at = timezone.now()
    kiosk.save(update_fields=["revoked_at"])
