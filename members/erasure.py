"""Erasure of a member on request, and by retention (`members.retention`): what
identifies the person goes, what counts stays.

Higher apps remove what they hold through the steps registered with
`centres.retention` (`member_erasure_steps`), and let go of the worker's own account
on the rows they keep (`account_release_steps`).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.local_time import zone_of
from centres.models import User
from centres.retention import REMOVED_TEXT, account_release_steps, member_erasure_steps

from . import rollups
from .models import Consent, Member, Visit

ERASED_NAME = REMOVED_TEXT


def remove_personal_data(member: Member, now: datetime) -> list[str]:
    """Blank what identifies the person on `member` (not saved); the fields changed."""
    blanked = {
        "preferred_name": ERASED_NAME,
        **dict.fromkeys(["preferred_language", "gender", "age_band", "sector", "occupation"], ""),
        **dict.fromkeys(["nationality", "migration_status", "phone"], ""),
        "safe_to_contact": False,
        "account": None,  # the login stays the worker's; the link to the record goes
        "card_token": "",  # the card no longer identifies anybody
        "card_token_hash": "",
        "erased_at": now,
    }
    for name, value in blanked.items():
        setattr(member, name, value)
    member.set_search_keys()
    return [*blanked, "search_name", "phone_digest"]


@records_actor
@transaction.atomic
def member_erase(*, member: Member, by: User) -> Member:
    """Erasure on request: remove what identifies the person, keep the counts.

    The code, the centre and the visits stay (visits count people, not names), their
    times coarsened to the hour; every personal field is blanked and every consent
    withdrawn; higher apps remove what they hold (`member_erasure_steps`: cases keep
    only what counts, an open one is closed). Her own account, unlinked, is cleared
    from every row kept that she wrote herself (`account_release_steps`), the rows
    staying counted.
    """
    if member.erased_at is not None:
        raise ValidationError(_("This member's personal data was already erased."))
    now = timezone.now()
    account = member.account
    remove_personal_data(member, now)
    member.save()
    for erase in member_erasure_steps():  # what higher apps hold (children, requests)
        erase(member, now, by)
    if account is not None:
        for release in account_release_steps():
            release(member, account)

    for consent in member.consents.current():
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
    _coarsen_visits(member)
    rollups.forget_member(member)
    return member


def _coarsen_visits(member: Member) -> None:
    """An erased person's visits stay under the member code, counted, but no longer say
    when to the minute: the arrival goes down to its hour on the centre's clock and the
    leaving time goes. The local day and hour are what every table counts (a day's
    visits, visits by hour), so no count changes."""
    zone = zone_of(member.centre)
    visits = list(member.visits.only("pk", "arrived_at", "left_at"))
    for visit in visits:
        local = visit.arrived_at.astimezone(zone)
        visit.arrived_at = local.replace(minute=0, second=0, microsecond=0)
        visit.left_at = None
    Visit.objects.bulk_update(visits, ["arrived_at", "left_at"], batch_size=1000)


def release_account(member: Member, account: User) -> None:
    """The rows about the erased `member` that her own `account` wrote (she registered,
    checked in or consented herself) stop naming it."""
    Member.objects.filter(pk=member.pk, registered_by=account).update(registered_by=None)
    Consent.objects.filter(member=member, recorded_by=account).update(recorded_by=None)
    Visit.objects.filter(member=member, logged_by=account).update(logged_by=None)
