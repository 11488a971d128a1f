"""Writes of grievance cases. Each one checks its rule, records the case timeline and
is audited (django-auditlog, without any encrypted text)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.local_time import today as local_today
from centres.models import CASE_ROLES, Centre, User
from centres.outbox import enqueue_on_commit
from members.models import ConsentPurpose, Member
from services.models import ReferralPartner

from .models import (
    OPEN_STATUSES,
    CaseEvent,
    CaseNote,
    Employer,
    EventKind,
    Grievance,
    GrievanceIssue,
    IssueType,
    Outcome,
    Referral,
    Remedy,
    Risk,
    Status,
)


def _check_assignees(centre: Centre, assignees: Iterable[User]) -> list[User]:
    assignees = list(assignees)
    if not assignees:
        raise ValidationError(_("Assign the case to at least one person."))
    for user in assignees:
        if not user.centre_roles.filter(centre=centre, role__in=CASE_ROLES).exists():
            raise ValidationError(_("Cases can be assigned only to this centre's staff."))
    return assignees


def check_workable(grievance: Grievance) -> None:
    """Refuse any change to an anonymised case (its member's data erased, or past its
    retention period): with its story and notes gone it cannot be worked, reopened,
    referred, assigned or added to. Raises ValidationError."""
    if grievance.anonymised_at is not None:
        raise ValidationError(
            _(
                "This case was anonymised: its narrative and notes were removed, so it "
                "can no longer be reopened or worked on. Open a new case if needed."
            ),
            code="anonymised",
        )


@records_actor
@transaction.atomic
def grievance_open(
    *,
    centre: Centre,
    by: User,
    narrative: str,
    issue_types: Iterable[str],
    assignees: Iterable[User],
    member: Member | None = None,
    pseudonym: str = "",
    employer: Employer | None = None,
    new_employer: str = "",
    new_employer_kind: str = "",
    sector: str = "",
    contact: str = "",
    risk: str = "medium",
    consent_given: bool = False,
    consent_override: str = "",
    follow_up_on: date | None = None,
) -> Grievance:
    """Open a case: only with the worker's consent to case handling (given now, or a
    member's on record), or with a stated reason it cannot wait, kept on the case as
    a referral keeps its own. An employer not yet known to the centre is named with
    `new_employer` (and its kind) and created in the same transaction as the case,
    so a refused case leaves no employer behind. Raises ValidationError."""
    issue_types = list(dict.fromkeys(issue_types))
    if not issue_types or any(t not in IssueType.values for t in issue_types):
        raise ValidationError(_("Choose one or more issue types from the list."))
    if member is not None and member.centre_id != centre.pk:
        raise ValidationError(_("This member belongs to another centre."))
    if member is not None:
        member.check_not_erased()
    if employer is not None and employer.centre_id != centre.pk:
        raise ValidationError(_("This employer belongs to another centre."))
    assignees = _check_assignees(centre, assignees)
    on_record = member is not None and (
        member.consents.current().filter(purpose=ConsentPurpose.CASE_HANDLING).exists()
    )
    consent = consent_given or on_record
    consent_override = "" if consent else consent_override.strip()
    if not consent and not consent_override:
        raise ValidationError(
            {
                "consent_given": _(
                    "The worker has not consented to case handling. Read the sentence "
                    "to them and tick it if they agree, or give the reason this case "
                    "cannot wait."
                )
            }
        )
    if employer is None and new_employer.strip():
        employer = employer_get_or_create(
            centre=centre, name=new_employer, kind=new_employer_kind, by=by
        )
    if member is not None and consent_given and not on_record:
        from members.actions import consent_give

        consent_give(member=member, purpose=ConsentPurpose.CASE_HANDLING, by=by)
    grievance = Grievance(
        centre=centre,
        member=member,
        pseudonym=pseudonym.strip(),
        employer=employer,
        sector=sector,
        narrative=narrative.strip(),
        contact=contact.strip(),
        risk=risk,
        consent_given=consent,
        consent_override=consent_override,
        follow_up_on=follow_up_on,
        opened_by=by,
    )
    grievance.full_clean()
    grievance.save()
    grievance.assignees.set(assignees)
    GrievanceIssue.objects.bulk_create(
        GrievanceIssue(grievance=grievance, issue_type=t) for t in issue_types
    )
    CaseEvent.objects.create(
        grievance=grievance, kind=EventKind.OPENED, to_status=Status.INTAKE, actor=by
    )
    return grievance


@records_actor
@transaction.atomic
def grievance_move(
    *,
    grievance: Grievance,
    to: str,
    by: User,
    outcome: str = "",
    reason: str = "",
) -> Grievance:
    """Move a case along the workflow; anything the workflow does not allow is refused."""
    grievance = Grievance.objects.select_for_update().get(pk=grievance.pk)
    check_workable(grievance)
    if to not in Status.values or to not in grievance.allowed_next():
        raise ValidationError(
            _("A case in “%(now)s” cannot move to “%(next)s”.")
            % {
                "now": grievance.get_status_display(),
                "next": Status(to).label if to in Status.values else to,
            }
        )
    if to == Status.RESOLVED and outcome not in Outcome.values:
        raise ValidationError(_("Record the outcome to resolve the case."))
    if to == Status.CLOSED and not reason.strip():
        raise ValidationError(_("Say why the case is closed."))
    previous = grievance.status
    grievance.status = to
    if to in OPEN_STATUSES:  # reopened
        grievance.outcome, grievance.closed_reason, grievance.finished_at = "", "", None
    else:
        grievance.outcome = outcome if to == Status.RESOLVED else grievance.outcome
        grievance.closed_reason = reason.strip() if to == Status.CLOSED else ""
        grievance.finished_at = timezone.now()
    grievance.full_clean()
    grievance.save()
    CaseEvent.objects.create(
        grievance=grievance, kind=EventKind.MOVED, from_status=previous, to_status=to, actor=by
    )
    return grievance


# How far ahead a follow-up may be set: beyond it, a typing mistake rather than a plan.
FOLLOW_UP_HORIZON_DAYS = 2 * 366


@records_actor
@transaction.atomic
def grievance_plan(
    *, grievance: Grievance, by: User, risk: str, follow_up_on: date | None
) -> list[CaseEvent]:
    """Change an open case's risk and next follow-up date; each change goes on the
    timeline with its value before and after. Setting what is already set changes
    nothing (a re-sent form). Returns the timeline events written."""
    grievance = Grievance.objects.select_for_update().select_related("centre").get(pk=grievance.pk)
    check_workable(grievance)
    if grievance.status not in OPEN_STATUSES:
        raise ValidationError(_("A resolved or closed case has no risk or follow-up to plan."))
    if risk not in Risk.values:
        raise ValidationError(_("Choose a risk level from the list."))
    today = local_today(grievance.centre)
    if follow_up_on is not None and follow_up_on != grievance.follow_up_on:
        if follow_up_on < today:
            raise ValidationError(_("The next follow-up cannot be in the past."))
        if follow_up_on > today + timedelta(days=FOLLOW_UP_HORIZON_DAYS):
            raise ValidationError(_("The next follow-up must be within two years."))
    events = []
    if risk != grievance.risk:
        events.append(
            CaseEvent(
                grievance=grievance,
                kind=EventKind.RISK,
                from_value=grievance.risk,
                to_value=risk,
                actor=by,
            )
        )
        grievance.risk = risk
    if follow_up_on != grievance.follow_up_on:
        events.append(
            CaseEvent(
                grievance=grievance,
                kind=EventKind.FOLLOW_UP,
                from_value=grievance.follow_up_on.isoformat() if grievance.follow_up_on else "",
                to_value=follow_up_on.isoformat() if follow_up_on else "",
                actor=by,
            )
        )
        grievance.follow_up_on = follow_up_on
    if events:
        grievance.full_clean()
        grievance.save(update_fields=["risk", "follow_up_on"])
        for event in events:
            event.save()
    return events


@records_actor
@transaction.atomic
def grievance_assign(*, grievance: Grievance, assignees: Iterable[User], by: User) -> Grievance:
    check_workable(grievance)
    grievance.assignees.set(_check_assignees(grievance.centre, assignees))
    CaseEvent.objects.create(grievance=grievance, kind=EventKind.ASSIGNED, actor=by)
    return grievance


@records_actor
@transaction.atomic
def grievance_unassign_departed(*, centre: Centre, user: User, by: User | None) -> list[int]:
    """Take `user`, who no longer holds a case role in `centre`, off every case of the
    centre, each on the case's timeline. Returns the ids of the cases now left with
    nobody assigned; the centre's managers are e-mailed their references."""
    cases = list(Grievance.objects.for_centre(centre).filter(assignees=user))
    orphaned = []
    for grievance in cases:
        grievance.assignees.remove(user)
        CaseEvent.objects.create(grievance=grievance, kind=EventKind.UNASSIGNED, actor=by)
        if not grievance.assignees.exists():
            orphaned.append(grievance.pk)
    if orphaned:
        from .tasks import tell_managers_of_unassigned_cases

        enqueue_on_commit(tell_managers_of_unassigned_cases, centre.pk, orphaned)
    return orphaned


@records_actor
@transaction.atomic
def note_add(*, grievance: Grievance, text: str, by: User, legal: bool = False) -> CaseNote:
    """Add a note to the case's file. Raises PermissionDenied for a legal note by
    someone without the `advocacy.write_legal_notes` permission on the case (a legal
    advisor assigned to it: `rules.advises_on_case`), ValidationError on an
    anonymised case."""
    if legal and not by.has_perm("advocacy.write_legal_notes", grievance):
        raise PermissionDenied
    check_workable(grievance)
    note = CaseNote(grievance=grievance, text=text.strip(), legal=legal, author=by)
    note.full_clean()
    note.save()
    CaseEvent.objects.create(grievance=grievance, kind=EventKind.NOTE, actor=by)
    return note


@records_actor
@transaction.atomic
def referral_send(
    *, grievance: Grievance, partner: ReferralPartner, by: User, override_reason: str = ""
) -> Referral:
    """Refer a case to a partner: only with the worker's referral consent on record, or
    with a stated reason for overriding it, kept on the referral."""
    check_workable(grievance)
    if partner.centre_id != grievance.centre_id or not partner.active:
        raise ValidationError(_("Choose an active partner of this centre."))
    consent = grievance.has_referral_consent
    if not consent and not override_reason.strip():
        raise ValidationError(
            _(
                "The worker has not consented to referral. Ask for consent first, "
                "or give the reason this referral cannot wait."
            )
        )
    referral = Referral.objects.create(
        grievance=grievance,
        partner=partner,
        consent_override="" if consent else override_reason.strip(),
        created_by=by,
    )
    CaseEvent.objects.create(grievance=grievance, kind=EventKind.REFERRED, actor=by)
    return referral


@records_actor
@transaction.atomic
def remedy_record(
    *,
    grievance: Grievance,
    kind: str,
    by: User,
    amount: Decimal | None = None,
    currency: str = "",
) -> Remedy:
    check_workable(grievance)
    remedy = Remedy(grievance=grievance, kind=kind, amount=amount, currency=currency.upper())
    remedy.full_clean()
    remedy.save()
    CaseEvent.objects.create(grievance=grievance, kind=EventKind.REMEDY, actor=by)
    return remedy


@records_actor
@transaction.atomic
def employer_get_or_create(*, centre: Centre, name: str, kind: str, by: User) -> Employer:
    """Employers are shared within the centre: the same name and kind is the same one."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the employer's or recruiter's name."))

    def same():
        return Employer.objects.filter(centre=centre, name__iexact=name, kind=kind).first()

    if (existing := same()) is not None:
        return existing
    employer = Employer(centre=centre, name=name, kind=kind)
    employer.full_clean()
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError:
        # Named by someone else at the same moment: theirs is this one.
        if (existing := same()) is None:
            raise
        return existing
    return employer


@records_actor
@transaction.atomic
def referral_update(*, referral: Referral, status: str, by: User) -> Referral:
    from .models import ReferralStatus

    check_workable(referral.grievance)
    if status not in ReferralStatus.values:
        raise ValidationError(_("Unknown referral status."))
    referral.status = status
    referral.save(update_fields=["status"])
    return referral
