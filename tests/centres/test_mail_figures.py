"""A figure in an e-mail (a count in a reminder's subject or body, hours, a version, a
date) is formatted as the pages format figures, with no isolate characters around it:
a plain-text mail has no page direction, and some mail clients show U+2068 and U+2069
as boxes. The plural is chosen by the number; the subject names the centre."""

from datetime import timedelta

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from advocacy import actions
from advocacy.recommendations.tasks import follow_up_subject
from advocacy.tasks import (
    overdue_subject,
    send_overdue_reminders,
    tell_managers_of_unassigned_cases,
    unassigned_subject,
)

from ..factories import MemberFactory, centre_today

FSI, PDI = "\u2068", "\u2069"


@pytest.fixture
def marked_figures(monkeypatch):
    monkeypatch.setattr("centres.numbers.number_format", lambda value, **kw: f"<{value}>")


def _overdue_case(centre, by):
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=by,
        member=MemberFactory(centre=centre),
        narrative="what happened",
        issue_types=["wage_theft"],
        assignees=[by],
        follow_up_on=centre_today(centre) - timedelta(days=2),
    )


def test_the_overdue_reminder_gives_its_figure_and_references_plainly(
    centre, social_worker, marked_figures
):
    first = _overdue_case(centre, social_worker)
    second = _overdue_case(centre, social_worker)
    assert send_overdue_reminders.delay().get() == 1
    [message] = mail.outbox
    assert message.subject == f"{centre.name}: <2> case follow-ups are overdue"
    assert "<2> cases you work on" in message.body
    assert f"- CASE-{first.pk}\n" in message.body
    assert f"- CASE-{second.pk}\n" in message.body
    assert FSI not in message.subject + message.body and PDI not in message.body


def test_the_unassigned_cases_mail_gives_its_figure_plainly(centre, manager, marked_figures):
    tell_managers_of_unassigned_cases.delay(centre.pk, [4, 2]).get()
    [message] = mail.outbox
    assert message.subject == f"{centre.name}: <2> cases have nobody assigned"
    assert "worked on <2> cases" in message.body
    assert "- CASE-2\n" in message.body
    assert FSI not in message.subject + message.body


@pytest.mark.parametrize(
    ("subject", "one", "many"),
    [
        (overdue_subject, "case follow-up is overdue", "case follow-ups are overdue"),
        (unassigned_subject, "case has nobody assigned", "cases have nobody assigned"),
        (
            follow_up_subject,
            "recommendation is due a follow-up",
            "recommendations are due a follow-up",
        ),
    ],
)
def test_a_reminders_subject_chooses_its_plural_by_the_number(subject, one, many):
    with translation.override("en"):
        assert subject(1) == f"1 {one}"
        assert subject(1000) == f"1,000 {many}"
    with translation.override("ar"):
        assert "1000" in subject(1000) and FSI not in subject(1000)


def test_an_export_ready_mail_gives_its_hours_plainly(marked_figures):
    body = render_to_string("centres/email/export_ready.txt", {"link": "x", "keep_hours": 24})
    assert "removed <24> hours after" in body


def test_an_invitations_date_is_plain(centre):
    from django.utils import timezone

    body = render_to_string(
        "centres/email/invitation.txt",
        {"invitation": None, "link": "x", "valid_until": timezone.now()},
    )
    assert "until " in body and ". If you did not" in body
    assert FSI not in body and PDI not in body
