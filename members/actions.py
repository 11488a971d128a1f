"""Writes of the members app: registration, consent, visits and kiosks (erasure in
`members.erasure`, governance in `members.governance.actions`, reachable from here)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.categories import ServiceCategory
from centres.dates import check_happened
from centres.models import AuditEntry, Centre, User
from centres.tokens import hash_token

from . import rollups
from .models import (
    CODE_DIGITS,
    CONSENT_VERSION,
    CONSENT_WORDING,
    PROFILE_FIELDS,
    Consent,
    ConsentPurpose,
    Member,
    Visit,
    VisitChannel,
)

# A member's attributes that describe their visits in released figures.
COUNTED_ATTRIBUTES = frozenset({"gender", "age_band", "nationality"})

# A member who checked in this recently is not logged again: a second tap, or a tap a
# few seconds later, is the same visit.
CHECKIN_WINDOW = timedelta(minutes=10)


def _set_card_token(member: Member) -> None:
    token = secrets.token_urlsafe(18)
    member.card_token = token
    member.card_token_hash = hash_token(token)


def _next_number(centre: Centre) -> int:
    # Lock the centre row so that two registrations never take the same number.
    Centre.objects.select_for_update().filter(pk=centre.pk).first()
    current = Member.objects.filter(centre=centre).aggregate(top=Max("number"))["top"]
    return (current or 0) + 1


@records_actor
@transaction.atomic
def member_register(
    *, centre: Centre, by: User | None, consents: Iterable[str], **fields
) -> Member:
    """Register a member with a fresh code (e.g. AMM-0042) and the consents given. A
    `registered_at` given (a history loaded) is refused later than now (ValidationError)."""
    check_happened(centre, registered_at=fields.get("registered_at"))
    number = _next_number(centre)
    member = Member(
        centre=centre, number=number, code=f"{centre.code}-{number:0{CODE_DIGITS}d}", **fields
    )
    member.registered_by = by
    _set_card_token(member)
    member.set_search_keys()
    member.full_clean()
    member.save()
    for purpose in consents:
        consent_give(member=member, purpose=purpose, by=by)
    return member


@records_actor
@transaction.atomic
def member_update(*, member: Member, by: User, **fields) -> list[str]:
    """Correct what the centre knows of a person (`PROFILE_FIELDS` only). Returns the
    names of the fields changed; the audit trail records those names, never a value."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.erased_at is not None:
        raise ValidationError(
            _("This member's personal data was erased: there is nothing to edit.")
        )
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("These details cannot be changed here."))
    changed = sorted(name for name, value in fields.items() if getattr(member, name) != value)
    if not changed:
        return []
    for name in changed:
        setattr(member, name, fields[name])
    member.set_search_keys()
    member.full_clean()
    member.save()
    if set(changed) & COUNTED_ATTRIBUTES:
        rollups.forget_member(member)
    AuditEntry.objects.log_create(
        member,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={"edited": ["", ",".join(changed)]},
    )
    return changed


@records_actor
@transaction.atomic
def consent_give(
    *, member: Member, purpose: str, by: User | None, version: str = CONSENT_VERSION
) -> Consent:
    """Record a consent for one purpose with the wording read to the person. Giving a
    consent that is already current changes nothing (a re-sent form); a page showing
    an older wording is refused, so that what is recorded is what was read."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("Unknown consent purpose."))
    if version != CONSENT_VERSION:
        raise ValidationError(
            _("The wording of this consent has changed: read the current wording to the person.")
        )
    # One at a time per member: two taps at once record one consent, not an error.
    locked = Member.objects.select_for_update().filter(pk=member.pk).first()
    if locked is None or locked.erased_at is not None:
        raise ValidationError(_("This member's personal data was erased."))
    existing = member.consents.current().filter(purpose=purpose).first()
    if existing is not None:
        return existing
    with_wording = str(CONSENT_WORDING[purpose])
    if purpose == ConsentPurpose.STATISTICS:
        rollups.forget_member(member)  # now counted in the days they came
    return Consent.objects.create(
        member=member,
        purpose=purpose,
        version=CONSENT_VERSION,
        wording=with_wording,
        recorded_by=by,
    )


@records_actor
@transaction.atomic
def consent_withdraw(*, member: Member, purpose: str, by: User) -> Consent:
    Member.objects.select_for_update().filter(pk=member.pk).first()  # one at a time
    consent = member.consents.current().filter(purpose=purpose).first()
    if consent is None:
        raise ValidationError(_("There is no consent to withdraw for this purpose."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    if purpose == ConsentPurpose.STATISTICS:
        rollups.forget_member(member)  # no longer counted, in any day not yet released
    return consent


@records_actor
def visit_log(
    *,
    centre: Centre,
    by: User | None,
    member: Member | None = None,
    purposes: Iterable[ServiceCategory] = (),
    arrived_at: datetime | None = None,
    left_at: datetime | None = None,
    people: int = 1,
    gender: str = "",
    age_band: str = "",
    nationality: str = "",
    channel: str = VisitChannel.STAFF,
) -> Visit:
    """Record a visit, in the caller's transaction if there is one. Nothing here can
    refuse a person: only malformed input is refused (ValidationError), before
    anything is written, such as an arrival or departure later than now on the
    centre's clock (`check_happened`)."""
    if member is not None and member.centre_id != centre.pk:
        raise ValidationError(_("This member belongs to another centre."))
    if member is not None:
        member.check_not_erased()
    check_happened(centre, arrived_at=arrived_at, left_at=left_at)
    purposes = list(purposes)
    if any(p.centre_id not in (None, centre.pk) for p in purposes):
        raise ValidationError(_("A purpose of another centre was chosen."))
    visit = Visit(
        centre=centre,
        member=member,
        people=1 if member is not None else people,
        gender="" if member is not None else gender,
        age_band="" if member is not None else age_band,
        nationality="" if member is not None else nationality,
        arrived_at=arrived_at or timezone.now(),
        left_at=left_at,
        channel=channel,
        logged_by=by,
    )
    # The fields' own rules (people 1–500, the choices) in Python. The centre and the
    # member were checked above, and the table's checks are either true by
    # construction (one person per identified visit) or checked here, so no query is
    # spent on them: a visit is logged with its INSERTs alone.
    visit.full_clean(exclude=["centre", "member", "logged_by"], validate_constraints=False)
    if visit.left_at is not None and visit.left_at < visit.arrived_at:
        raise ValidationError({"left_at": _("Leaving time is before the arrival time.")})
    # Input is refused above, before anything is written. What is left can only fail
    # by a fault, which must undo the caller's transaction too (the form's key, the
    # other groups of a head-count): so no savepoint of its own, two statements fewer
    # on the busiest write.
    with transaction.atomic(savepoint=False):
        visit.save()
        if purposes:
            visit.purposes.add(*purposes)
        rollups.forget_instant(centre, visit.arrived_at)  # a back-dated visit: a closed day
    return visit


@records_actor
@transaction.atomic
def headcount_log(
    *, centre: Centre, by: User, groups: Iterable[dict], purposes: Iterable[ServiceCategory] = ()
) -> list[Visit]:
    """Anonymous visitors in one step: one row per group of people sharing attributes."""
    purposes = list(purposes)
    visits = [visit_log(centre=centre, by=by, purposes=purposes, **group) for group in groups]
    if not visits:
        raise ValidationError(_("Enter at least one person."))
    return visits


@records_actor
@transaction.atomic
def member_card_renew(*, member: Member, by: User) -> Member:
    """A new card for a lost or copied one: the old card's QR code stops identifying."""
    member.check_not_erased()
    _set_card_token(member)
    member.save(update_fields=["card_token", "card_token_hash"])
    return member


@records_actor
@transaction.atomic
def member_link_account(*, member: Member, email: str, by: User) -> Member:
    """Link a member to their own account, so they can follow their bookings and cases.

    The account must hold the worker-member role in the member's centre and no staff
    role there (`centres.rules.holds_staff_role`: staff are not voters). Raises
    ValidationError otherwise, for an erased member, or for an account already linked to
    another member. The link is in the audit trail (Member.account, redacted: ids only).
    """
    from centres.models import CentreRole, Role
    from centres.rules import STAFF_NOT_VOTER_MESSAGE, holds_staff_role

    member.check_not_erased()
    role = (
        CentreRole.objects.select_related("user")
        .filter(
            centre_id=member.centre_id, role=Role.WORKER_MEMBER, user__email__iexact=email.strip()
        )
        .first()
    )
    if role is None:
        raise ValidationError(
            _("No worker member of this centre has that e-mail address. Invite them first.")
        )
    if holds_staff_role(centre_id=member.centre_id, user_id=role.user_id):
        raise ValidationError(STAFF_NOT_VOTER_MESSAGE)
    if Member.objects.filter(account=role.user).exclude(pk=member.pk).exists():
        raise ValidationError(_("That account is already linked to another member."))
    if member.account_id == role.user_id:
        return member  # a second tap: nothing changes, nothing to record
    member.account = role.user
    member.save(update_fields=["account"])
    return member


# Self-governance writes live in members.governance.actions (`ballot_cast` and its
# companions), erasure in members.erasure, and merging two records of one person beside
# its merge steps: all reachable from here.
from .erasure import ERASED_NAME, member_erase  # noqa: E402,F401
from .governance.actions import *  # noqa: E402,F401,F403

# The entrance kiosk's writes live in members.kiosk_actions.
from .kiosk_actions import (  # noqa: E402,F401
    kiosk_checkin,
    kiosk_create,
    kiosk_pair,
    kiosk_refusal_record,
    kiosk_revoke,
)
from .merging import member_merge  # noqa: E402,F401
