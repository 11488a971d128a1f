"""Demo data past its retention period, and a first run of the nightly retention task,
so the manager's retention page shows counts from the start."""

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from advocacy import actions as advocacy
from advocacy.models import Comment, Grievance
from centres import local_time
from centres.models import RetentionRun
from centres.tasks import apply_retention
from demo.visits import date_consents
from members.actions import kiosk_create, member_register, visit_log
from members.models import Kiosk, Member
from services.actions import request_create
from services.models import ServiceRequest


def has_retention_history() -> bool:
    return RetentionRun.objects.exists()


def load_retention_history(centre, *, manager, social) -> None:
    now = timezone.now()
    for name in ("Asha (left in 2024)", "Bina (left in 2024)"):
        member = member_register(
            centre=centre, by=social, consents=["services", "statistics"], preferred_name=name
        )
        Member.objects.filter(pk=member.pk).update(registered_at=now - relativedelta(years=3))
        date_consents([member])
        visit_log(
            centre=centre, by=social, member=member, arrived_at=now - relativedelta(months=26)
        )
    case = advocacy.grievance_open(
        centre=centre,
        by=social,
        pseudonym="Meena",
        narrative="Wages for three months were not paid (a case from four years ago).",
        issue_types=["wages_withheld"],
        assignees=[social],
        consent_given=True,
    )
    advocacy.grievance_move(grievance=case, to="advice", by=social)
    advocacy.remedy_record(grievance=case, kind="wages", amount=420, currency="JOD", by=social)
    advocacy.grievance_move(grievance=case, to="resolved", outcome="favour", by=social)
    Grievance.objects.filter(pk=case.pk).update(
        opened_at=now - relativedelta(years=4, months=6), finished_at=now - relativedelta(years=4)
    )
    for text in ("The bus to the centre is too expensive.", "Please open on Sunday mornings."):
        Comment.objects.create(
            centre=centre,
            channel="paper",
            text=text,
            submitted_on=local_time.today(centre, now - relativedelta(months=14)),
        )
    wish = request_create(centre=centre, wish="Evening English classes", by=social)
    ServiceRequest.objects.filter(pk=wish.pk).update(created_at=now - relativedelta(months=13))
    kiosk, _token = kiosk_create(centre=centre, label="Old entrance tablet", by=manager)
    Kiosk.objects.filter(pk=kiosk.pk).update(created_at=now - relativedelta(days=120))


def run_retention() -> dict:
    """The nightly task, run once now (beat runs it every night at 03:47)."""
    return apply_retention.apply().get()
