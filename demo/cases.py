"""Demo grievance cases across the workflow, for the local demo only."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from advocacy import actions
from advocacy.models import CaseEvent, CaseNote, Grievance, Referral, Remedy, Status
from centres.local_time import wall_clock, zone_of
from centres.models import User
from members.actions import consent_give
from members.models import Consent, Member
from services.models import ReferralPartner

from .this_week import drop_in_window

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
# How many weeks before loading each case (in the order of CASES) was opened: over the
# last two months, so that the closed weeks and months have cases opened, moved and
# resolved (the resolved case three weeks ago, its remedy with it).
OPENED_WEEKS_AGO = (6, 8, 5, 7, 3, 9, 4, 2)


def _dated(case: Grievance, *, since: datetime, at: datetime) -> None:
    """Date what was recorded on `case` (and its member's consents) from `since` on at
    `at` instead, as if the step had been taken then."""
    moved = at - since
    Grievance.objects.filter(pk=case.pk, opened_at__gte=since).update(opened_at=at)
    Grievance.objects.filter(pk=case.pk, finished_at__gte=since).update(finished_at=at)
    CaseEvent.objects.filter(grievance=case, at__gte=since).update(at=F("at") + moved)
    CaseNote.objects.filter(grievance=case, written_at__gte=since).update(
        written_at=F("written_at") + moved
    )
    Referral.objects.filter(grievance=case, created_at__gte=since).update(
        created_at=F("created_at") + moved
    )
    Remedy.objects.filter(grievance=case, recorded_at__gte=since).update(
        recorded_at=F("recorded_at") + moved
    )
    if case.member_id is not None:
        Consent.objects.filter(member_id=case.member_id, given_at__gte=since).update(
            given_at=at, expires_at=F("expires_at") + moved
        )


def _steps_at(member, *, weeks_ago: int, steps: int, hours: dict, zone) -> list[datetime]:
    """When a case was opened and each of its `steps` taken: an hour after the centre
    opened on its opening day `weeks_ago` weeks back (not before the member registered),
    then a week apart, the last of them before now."""
    now = timezone.now()
    earliest = max(now - timedelta(weeks=weeks_ago), member.registered_at + timedelta(days=1))
    day, starts, _minutes = drop_in_window(
        hours, timezone.localtime(earliest, zone).replace(hour=23, minute=59) + timedelta(days=6)
    )
    opened = min(wall_clock(day, starts, zone) + timedelta(hours=1), now - timedelta(days=1))
    gap = min(timedelta(weeks=1), (now - opened) / (steps + 1))
    return [opened + gap * n for n in range(steps + 1)]


def load_cases(centre, *, social: User, legal: User, hours: dict, currency: str = "JOD") -> None:
    """The demo's cases, each opened with the worker's consent to case handling on an
    opening day of the last two months (`hours` as `drop_in_window` takes them) and
    moved a week at a time to its status, a resolution with its remedy included."""
    partner, _ = ReferralPartner.objects.get_or_create(
        centre=centre,
        name="Legal aid clinic",
        defaults={"kind": "lawyer", "languages": ["ar", "en", "hi"]},
    )
    members = list(centre.members.active().order_by("number")[: len(CASES)])
    zone = zone_of(centre)
    rows = zip(CASES, OPENED_WEEKS_AGO, members, strict=False)
    for (issue, employer_name, status, narrative), weeks_ago, member in rows:
        dates = _steps_at(
            member, weeks_ago=weeks_ago, steps=len(PATH[status]), hours=hours, zone=zone
        )
        since = timezone.now()
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
        _dated(case, since=since, at=dates[0])
        for step, at in zip(PATH[status], dates[1:], strict=True):
            since = timezone.now()
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
            _dated(case, since=since, at=at)


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
