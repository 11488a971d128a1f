"""Demo grievance cases across the workflow, for the local demo only."""

from datetime import datetime
from decimal import Decimal

from django.db.models import F

from advocacy import actions
from advocacy.models import CaseEvent, CaseNote, Grievance, Status
from centres.models import User
from members.actions import consent_give
from members.models import Consent, Member
from services.models import ReferralPartner

CASES = [
    (
        "wages_withheld",
        "Acme Garments",
        Status.RESOLVED,
        "My wages for June and July were not paid.",
    ),
    (
        "documents",
        "Acme Garments",
        Status.REFERRAL,
        "The supervisor keeps our passports in the office.",
    ),
    ("overtime", "Acme Garments", Status.ADVICE, "We work 14 hours a day, six days a week."),
    ("harassment", "Star Textiles", Status.MEDIATION, "A line manager shouts and threatens us."),
    (
        "contract",
        "Gulf Recruiting Agency",
        Status.INTAKE,
        "The contract I signed at home was different.",
    ),
    ("movement", "Household (Jabal Amman)", Status.CLOSED, "I am not allowed to leave the house."),
    (
        "wage_theft",
        "Star Textiles",
        Status.ADVICE,
        "Deductions for food were taken without agreement.",
    ),
    ("safety", "Acme Garments", Status.INTAKE, "The fire exit is locked during the night shift."),
]
PATH = {
    Status.INTAKE: [],
    Status.ADVICE: [Status.ADVICE],
    Status.MEDIATION: [Status.ADVICE, Status.MEDIATION],
    Status.REFERRAL: [Status.ADVICE, Status.REFERRAL],
    Status.RESOLVED: [Status.ADVICE, Status.MEDIATION, Status.RESOLVED],
    Status.CLOSED: [Status.ADVICE, Status.CLOSED],
}


def load_cases(centre, *, social: User, legal: User, currency: str = "JOD") -> None:
    partner, _ = ReferralPartner.objects.get_or_create(
        centre=centre,
        name="Legal aid clinic",
        defaults={"kind": "lawyer", "languages": "Arabic, English, Hindi"},
    )
    members = list(centre.members.active().order_by("number")[: len(CASES)])
    for (issue, employer_name, status, narrative), member in zip(CASES, members, strict=False):
        kind = (
            "recruiter"
            if "Agency" in employer_name
            else "household"
            if "Household" in employer_name
            else "employer"
        )
        employer = actions.employer_get_or_create(
            centre=centre, name=employer_name, kind=kind, by=social
        )
        case = actions.grievance_open(
            centre=centre,
            by=social,
            member=member,
            narrative=narrative,
            issue_types=[issue],
            employer=employer,
            sector=member.sector,
            assignees=[social] + ([legal] if status in (Status.REFERRAL, Status.RESOLVED) else []),
            consent_given=True,
        )
        actions.note_add(
            grievance=case, text="First meeting held; the worker wants to go on.", by=social
        )
        for step in PATH[status]:
            if step == Status.REFERRAL:
                consent_give(member=member, purpose="referral", by=social)
                actions.referral_send(grievance=case, partner=partner, by=social)
            if step == Status.RESOLVED:
                actions.remedy_record(
                    grievance=case,
                    kind="wages",
                    amount=Decimal("640"),
                    currency=currency,
                    by=social,
                )
            actions.grievance_move(
                grievance=case,
                to=step,
                by=social,
                outcome="favour" if step == Status.RESOLVED else "",
                reason="The worker moved to another city." if step == Status.CLOSED else "",
            )


OWN_CASE_NARRATIVE = "Two weeks' wages were kept back as a 'uniform fee'."
OWN_CASE_NOTE = "Payslips copied; she wants the fee back."


def own_case(member: Member, *, by: User, at: datetime) -> Grievance:
    """The demo worker's own case, opened at `at` (an instant in the past, within the
    centre's hours) with her consent to case handling, and under advice: what she sees
    of it in "My cases" is its status and next step; the narrative and the note stay
    with the staff."""
    employer = actions.employer_get_or_create(
        centre=member.centre, name="Acme Garments", kind="employer", by=by
    )
    case = actions.grievance_open(
        centre=member.centre,
        by=by,
        member=member,
        narrative=OWN_CASE_NARRATIVE,
        issue_types=["wage_theft"],
        employer=employer,
        sector=member.sector,
        assignees=[by],
        consent_given=True,
    )
    actions.note_add(grievance=case, text=OWN_CASE_NOTE, by=by)
    actions.grievance_move(grievance=case, to=Status.ADVICE, by=by)
    # Dated to the visit it was raised in, as if loaded then.
    moved = at - case.opened_at
    Grievance.objects.filter(pk=case.pk).update(opened_at=at)
    CaseEvent.objects.filter(grievance=case).update(at=F("at") + moved)
    CaseNote.objects.filter(grievance=case).update(written_at=F("written_at") + moved)
    Consent.objects.filter(member=member, purpose="case_handling").update(
        given_at=at, expires_at=F("expires_at") + moved
    )
    return case
