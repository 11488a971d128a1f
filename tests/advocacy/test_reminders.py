"""The daily reminder tells each assignee their overdue count, and no case text."""

from datetime import timedelta

from django.core import mail

from advocacy import actions
from advocacy.tasks import send_overdue_reminders

from ..factories import MemberFactory, centre_today

CANARY = "CANARY-reminder-5d1e"


def _case(centre, by, assignees, days_overdue):
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=by,
        member=MemberFactory(centre=centre, preferred_name=f"{CANARY} name"),
        narrative=f"{CANARY} narrative",
        issue_types=["wage_theft"],
        assignees=assignees,
        follow_up_on=centre_today() + timedelta(days=-days_overdue),
    )


def test_each_assignee_gets_their_overdue_count_without_case_text(
    centre, social_worker, legal, manager
):
    first = _case(centre, social_worker, [social_worker], days_overdue=3)
    second = _case(centre, social_worker, [social_worker, legal], days_overdue=1)
    _case(centre, social_worker, [legal], days_overdue=-2)  # not yet due

    assert send_overdue_reminders.delay().get() == 2

    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {social_worker.email, legal.email}
    social = by_person[social_worker.email]
    assert social.subject == f"{centre.name}: 2 case follow-ups are overdue"
    assert f"CASE-{first.pk}" in social.body and f"CASE-{second.pk}" in social.body
    legal_mail = by_person[legal.email]
    assert f"CASE-{second.pk}" in legal_mail.body and f"CASE-{first.pk}" not in legal_mail.body
    for message in mail.outbox:
        text = message.subject + message.body
        assert CANARY not in text and "wage" not in text.lower()


def test_closed_cases_are_not_reminded(centre, social_worker):
    case = _case(centre, social_worker, [social_worker], days_overdue=5)
    actions.grievance_move(grievance=case, to="closed", by=social_worker, reason="Moved away")
    assert send_overdue_reminders.delay().get() == 0
    assert mail.outbox == []
