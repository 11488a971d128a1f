"""Voting at the centre's booth: devices, polling officers, check-in, and the vote itself.

A polling officer checks a member in against the frozen roll; that opens exactly one
ballot (a `BoothPass`) on one booth device. The member votes there in private and the
pass is deleted in the same transaction as the vote is stored, so the officer sees
only that the member voted, and nothing ties the device's vote to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.devices import device_pair, new_pairing_code
from centres.models import CASE_ROLES, Centre, CentreRole, User
from centres.names import saving_named
from centres.templatetags.bidi import isolated
from members.models import Member

from ..models import (
    Ballot,
    BallotStatus,
    BoothDevice,
    BoothPass,
    Participation,
    PollingOfficer,
    VoteChannel,
)
from .ballots import ballot_cast, checked_voter


@records_actor
@transaction.atomic
def booth_device_create(*, centre: Centre, label: str, by: User) -> tuple[BoothDevice, str]:
    """A booth device and its pairing code (`centres.devices`). The code is shown once;
    only its hash is kept."""
    label = label.strip()
    if not label:
        raise ValidationError(_("Say where the booth is."))
    code, code_hash = new_pairing_code()
    device = BoothDevice(centre=centre, label=label, token_hash=code_hash, created_by=by)
    device.full_clean()  # refuses a label another of the centre's booths in use holds
    with saving_named(device):
        device.save()
    return device, code


def booth_device_pair(*, code: str) -> tuple[BoothDevice, str] | None:
    """Pair a tablet with the booth `code` was issued for (`centres.devices.device_pair`):
    the device and its cookie's secret, or None for a code that pairs no booth. Audited
    by auditlog (the time of pairing, no actor: nobody signs in on a booth)."""
    return device_pair(BoothDevice, code=code)


@records_actor
@transaction.atomic
def booth_device_revoke(*, device: BoothDevice, by: User) -> None:
    BoothPass.objects.filter(device=device).delete()
    device.revoked_at = timezone.now()
    device.save(update_fields=["revoked_at"])


@records_actor
@transaction.atomic
def polling_officer_name(*, ballot: Ballot, user: User, by: User) -> PollingOfficer:
    """Name a member of the centre's staff to check voters in for this ballot.

    Raises ValidationError once voting has closed, for someone not on the centre's
    staff, and for someone already an officer of the ballot (also when two namings
    cross: one entry each, `one_officer_entry_each`)."""
    if ballot.status == BallotStatus.CLOSED:
        raise ValidationError(_("Voting is closed: no officer is needed any more."))
    is_staff = CentreRole.objects.filter(
        centre_id=ballot.committee.centre_id, user=user, role__in=CASE_ROLES
    ).exists()
    if not is_staff:
        raise ValidationError(_("Only the centre's staff can be named polling officers."))
    already = ValidationError(_("This person is already a polling officer for this ballot."))
    if ballot.polling_officers.filter(user=user).exists():
        raise already
    try:
        with transaction.atomic():
            return PollingOfficer.objects.create(ballot=ballot, user=user, named_by=by)
    except IntegrityError:
        raise already from None


@records_actor
@transaction.atomic
def polling_officer_remove(*, officer: PollingOfficer, by: User) -> bool:
    """Take a named officer off the ballot: they can no longer check voters in or enter
    paper batches. Returns False if they were already removed (a second click).

    Raises ValidationError once voting has closed: the list then records who
    officiated, as naming is refused then too. The ballot is locked so that a close
    and a removal do not cross. The audit trail records the removal (auditlog)."""
    ballot = Ballot.objects.select_for_update().get(pk=officer.ballot_id)
    if ballot.status == BallotStatus.CLOSED:
        raise ValidationError(
            _("Voting is closed: the polling officers stay on record as they were.")
        )
    deleted, _rows = PollingOfficer.objects.filter(pk=officer.pk).delete()
    return bool(deleted)


def check_voter(ballot: Ballot, member: Member) -> Ballot:
    """Refuse, with a message an officer can read out, a member who may not vote now.
    Takes the vote channels' lock (`checked_voter`: the member's roll entry, then the
    ballot's state read under it), so checks for the same member queue behind each
    other and none crosses a close or a withdrawal. Returns the ballot as it is now."""
    ballot, _entry = checked_voter(ballot, member)
    if Participation.objects.filter(ballot=ballot, member=member).exists():
        raise ValidationError(_("This member has already voted in this ballot."))
    return ballot


@transaction.atomic
def booth_check_in(
    *, ballot: Ballot, member: Member, device: BoothDevice, by: User, assisted: bool = False
) -> BoothPass:
    """Open `ballot` for `member` on `device`. Not audited: the trail would time a voter."""
    ballot = check_voter(ballot, member)
    device = BoothDevice.objects.select_for_update().filter(pk=device.pk).first()
    if device is None or device.revoked_at or device.centre_id != ballot.committee.centre_id:
        raise ValidationError(_("Choose a booth of this centre."))
    if BoothPass.objects.filter(device=device).exists():
        raise ValidationError(_("This booth is in use. Choose another one or wait."))
    waiting = BoothPass.objects.filter(ballot=ballot, member=member).select_related("device")
    if waiting.exists():
        raise ValidationError(
            _("This member is already checked in at %(booth)s.")
            % {"booth": isolated(waiting[0].device)}
        )
    try:
        with transaction.atomic():
            return BoothPass.objects.create(
                device=device, ballot=ballot, member=member, assisted=assisted
            )
    except IntegrityError:
        raise ValidationError(_("This booth or this member is already in use.")) from None


@transaction.atomic
def booth_pass_cancel(*, booth_pass: BoothPass, by: User) -> None:
    """The member left without voting: free the booth. They may check in again."""
    BoothPass.objects.filter(pk=booth_pass.pk).delete()


@transaction.atomic
def booth_vote(*, device: BoothDevice, pass_id: int, choices: Sequence) -> str:
    """Cast the vote of the member checked in on `device` and close their pass.

    `pass_id` is the pass the form was shown for: a form sent twice, or left open
    from the previous voter, finds no pass and is refused. Returns the receipt code."""
    booth_pass = (
        BoothPass.objects.select_for_update()
        .select_related("ballot", "member")
        .filter(device=device, pk=pass_id)
        .first()
    )
    if booth_pass is None:
        raise ValidationError(
            _("This ballot was already cast or cancelled. Please ask the polling officer.")
        )
    code = ballot_cast(
        ballot=booth_pass.ballot,
        member=booth_pass.member,
        choices=choices,
        channel=VoteChannel.BOOTH,
        assisted=booth_pass.assisted,
    )
    booth_pass.delete()
    return code
