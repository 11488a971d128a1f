"""A figure in an e-mail (a count in a reminder's subject or body, hours, a version, a
date) is formatted as the pages format figures and isolated from the sentence around
it: a subject is plain text, where an Arabic sentence otherwise carries a figure or a
case reference to the wrong side of its words. The plural is chosen by the number."""

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


def test_the_overdue_reminder_isolates_its_figure_and_references(
    centre, social_worker, marked_figures
):
    first = _overdue_case(centre, social_worker)
    second = _overdue_case(centre, social_worker)
    assert send_overdue_reminders.delay().get() == 1
    [message] = mail.outbox
    assert message.subject == f"{FSI}<2>{PDI} case follow-ups are overdue"
    assert f"{FSI}<2>{PDI} cases you work on" in message.body
    assert f"- {FSI}CASE-{first.pk}{PDI}" in message.body
    assert f"- {FSI}CASE-{second.pk}{PDI}" in message.body


def test_the_unassigned_cases_mail_isolates_its_figure(centre, manager, marked_figures):
    tell_managers_of_unassigned_cases.delay(centre.pk, [4, 2]).get()
    [message] = mail.outbox
    assert message.subject == f"{FSI}<2>{PDI} cases have nobody assigned"
    assert f"worked on {FSI}<2>{PDI} cases" in message.body
    assert f"- {FSI}CASE-2{PDI}" in message.body


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
        assert subject(1) == f"{FSI}1{PDI} {one}"
        assert subject(1000) == f"{FSI}1,000{PDI} {many}"
    with translation.override("ar"):
        assert f"{FSI}1000{PDI}" in subject(1000)


def test_an_export_ready_mail_isolates_its_hours(marked_figures):
    body = render_to_string("centres/email/export_ready.txt", {"link": "x", "keep_hours": 24})
    assert f"removed {FSI}<24>{PDI} hours after" in body


def test_an_invitations_date_is_isolated(centre):
    from django.utils import timezone

    body = render_to_string(
        "centres/email/invitation.txt",
        {"invitation": None, "link": "x", "valid_until": timezone.now()},
    )
    assert f"until {FSI}" in body and f"{PDI}. If you did not" in body
