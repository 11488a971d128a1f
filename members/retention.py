"""Retention of the members app's data (registered with `centres.retention`).

- Inactive members are anonymised exactly as an erasure on request is
  (`member_erase`): the code, the centre and the visits stay as counts.
- Kiosk and booth-device links stop working after their lifetime.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from centres.retention import (
    Step,
    member_activity_sources,
    register,
    register_account_release,
    register_erasure_notice,
    register_member_erasure,
)

from . import erasure
from .governance import erasure as governance_erasure
from .models import BoothDevice, Kiosk, Member, Participation, SeatTerm, Visit


def inactive_members(since: datetime) -> QuerySet:
    """Members not yet anonymised who did nothing at or after `since`: registered
    before it, no visit, vote, seat on a committee, sign-in, nor anything a higher app
    counts (a booking, a case)."""
    members = Member.objects.filter(erased_at__isnull=True, registered_at__lt=since).exclude(
        account__last_login__gte=since
    )
    recent = [
        Visit.objects.filter(member=OuterRef("pk"), arrived_at__gte=since),
        Participation.objects.filter(member=OuterRef("pk"), voted_on__gte=since.date()),
        SeatTerm.objects.filter(member=OuterRef("pk"), ends_on__gte=since.date()),
        *(source(since) for source in member_activity_sources()),
    ]
    for query in recent:
        members = members.filter(~Exists(query))
    return members


def anonymise_member(member: Member) -> None:
    erasure.member_erase(member=member, by=None)


def revoke_kiosk(kiosk: Kiosk) -> None:
    from .actions import kiosk_revoke

    kiosk_revoke(kiosk=kiosk, by=None)


def revoke_booth_device(device: BoothDevice) -> None:
    from .governance.actions import booth_device_revoke

    booth_device_revoke(device=device, by=None)


def register_steps() -> None:
    register(
        Step(
            key="inactive_members",
            label=_("Inactive members anonymised"),
            period_field="inactive_member_months",
            due=inactive_members,
            apply=anonymise_member,
        )
    )
    register(
        Step(
            key="kiosk_tokens",
            label=_("Kiosk links expired"),
            period_field="device_token_days",
            due=Kiosk.objects.issued_before,
            apply=revoke_kiosk,
        )
    )
    register(
        Step(
            key="booth_tokens",
            label=_("Voting-booth links expired"),
            period_field="device_token_days",
            due=BoothDevice.objects.issued_before,
            apply=revoke_booth_device,
        )
    )
    register_member_erasure(governance_erasure.erase_candidacies)
    register_account_release(erasure.release_account)
    register_account_release(governance_erasure.release_account)
    register_erasure_notice(governance_erasure.erasure_notice)
