"""Closed cases lose their story after their period and keep their codes; feedback
comments lose their words. Nothing within its period is touched."""

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.utils import timezone

from advocacy import actions
from advocacy.models import CaseNote, Comment, Grievance, Remedy
from centres.retention.runner import retention_apply
from services.models import ReferralPartner

from ..factories import CommentFactory, MemberFactory

NOW = timezone.now()
CANARY = "CANARY-retention-5b1e"


@pytest.fixture
def closed_case(centre, social_worker):
    member = MemberFactory(centre=centre, consents=("services", "referral"))
    case = actions.grievance_open(
        centre=centre,
        by=social_worker,
        member=member,
        narrative=f"{CANARY} my passport was taken",
        issue_types=["documents", "wages_withheld"],
        assignees=[social_worker],
        contact=f"{CANARY} call the cousin",
        consent_given=True,
    )
    actions.note_add(grievance=case, text=f"{CANARY} note", by=social_worker)
    partner = ReferralPartner.objects.create(centre=centre, name="Legal aid", kind="lawyer")
    actions.referral_send(grievance=case, partner=partner, by=social_worker)
    actions.grievance_move(grievance=case, to="advice", by=social_worker)
    actions.remedy_record(
        grievance=case, kind="wages", amount=300, currency="JOD", by=social_worker
    )
    actions.grievance_move(grievance=case, to="resolved", outcome="favour", by=social_worker)
    return case


def _finished_ago(case, **ago):
    Grievance.objects.filter(pk=case.pk).update(finished_at=NOW - relativedelta(**ago))


def test_a_case_closed_past_its_period_keeps_codes_outcome_and_remedy_only(closed_case):
    _finished_ago(closed_case, years=3, days=1)

    assert retention_apply(now=NOW)["closed_cases"] == 1

    case = Grievance.objects.get(pk=closed_case.pk)
    assert CANARY not in case.narrative and case.contact == ""
    assert case.anonymised_at is not None
    assert not CaseNote.objects.filter(grievance=case).exists()
    assert sorted(case.issues.values_list("issue_type", flat=True)) == [
        "documents",
        "wages_withheld",
    ]
    assert case.outcome == "favour" and case.status == "resolved"
    assert Remedy.objects.filter(grievance=case, kind="wages").exists()
    with connection.cursor() as cursor:  # and nothing of it is left in the table
        cursor.execute("SELECT narrative, contact FROM advocacy_grievance WHERE id = %s", [case.pk])
        assert all(CANARY not in (value or "") for value in cursor.fetchone())


def test_a_case_within_its_period_or_open_is_untouched(closed_case, centre, social_worker):
    _finished_ago(closed_case, years=3, minutes=-5)
    old_open = actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym="Rose",
        narrative=f"{CANARY} still open",
        issue_types=["harassment"],
        assignees=[social_worker],
    )
    Grievance.objects.filter(pk=old_open.pk).update(opened_at=NOW - relativedelta(years=9))

    assert retention_apply(now=NOW)["closed_cases"] == 0
    for case in Grievance.objects.all():
        assert CANARY in case.narrative and case.anonymised_at is None
    assert CaseNote.objects.count() == 1


def test_a_case_without_a_member_keeps_a_placeholder_complainant(centre, social_worker):
    case = actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym="Rose",
        narrative="closed long ago",
        issue_types=["harassment"],
        assignees=[social_worker],
    )
    actions.grievance_move(grievance=case, to="closed", reason="no contact", by=social_worker)
    _finished_ago(case, years=4)
    assert retention_apply(now=NOW)["closed_cases"] == 1
    case.refresh_from_db()
    assert case.pseudonym != "Rose" and case.closed_reason == ""


def test_comment_words_go_after_their_period_and_the_coding_stays(centre):
    old = CommentFactory(
        centre=centre, text=f"{CANARY} old", shared_text=f"{CANARY} shared", sentiment="negative"
    )
    Comment.objects.filter(pk=old.pk).update(
        submitted_on=(NOW - relativedelta(months=12, days=1)).date()
    )
    recent = CommentFactory(centre=centre, text=f"{CANARY} recent")
    Comment.objects.filter(pk=recent.pk).update(
        submitted_on=(NOW - relativedelta(months=12)).date()  # the last day inside
    )

    assert retention_apply(now=NOW)["feedback_comments"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert CANARY not in old.text and old.shared_text == "" and old.sentiment == "negative"
    assert recent.text == f"{CANARY} recent" and recent.text_removed_at is None
    assert retention_apply(now=NOW)["feedback_comments"] == 0
