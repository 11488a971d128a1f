"""Retention of the advocacy app's data (registered with `centres.retention`).

- A case finished (resolved or closed) longer ago than its period loses what tells
  the story and who told it: narrative, notes (legal ones too), contact, pseudonym,
  closing reason, why it was opened or referred without consent. Its issue types,
  outcome, remedies, dates and status history stay: the statistics and the advocacy
  that rest on them.
- The words of a feedback comment go after their period; its themes, sentiment and
  date stay.
- A case keeps its member active while it is open or moved since the cutoff.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.retention import REMOVED_TEXT, Step, register, register_member_activity

from .models import OPEN_STATUSES, CaseNote, Comment, Grievance, Referral


def cases_past_retention(finished_before: datetime) -> QuerySet:
    return Grievance.objects.filter(
        anonymised_at__isnull=True, finished_at__lt=finished_before
    ).exclude(status__in=OPEN_STATUSES)


def anonymise_case(case: Grievance) -> None:
    case.narrative = REMOVED_TEXT
    case.contact = ""
    case.closed_reason = ""
    case.consent_override = ""
    # A case without a member is named by its pseudonym alone: keep a placeholder.
    case.pseudonym = REMOVED_TEXT if case.member_id is None else ""
    case.follow_up_on = None
    case.anonymised_at = timezone.now()
    case.save(
        update_fields=[
            "narrative",
            "contact",
            "closed_reason",
            "consent_override",
            "pseudonym",
            "follow_up_on",
            "anonymised_at",
        ]
    )
    CaseNote.objects.filter(grievance=case).delete()
    Referral.objects.filter(grievance=case).exclude(consent_override="").update(consent_override="")


def comments_with_old_text(submitted_before: datetime) -> QuerySet:
    return Comment.objects.filter(
        text_removed_at__isnull=True, submitted_on__lt=submitted_before.date()
    )


def remove_comment_text(comment: Comment) -> None:
    comment.text = REMOVED_TEXT
    comment.shared_text = ""
    comment.text_removed_at = timezone.now()
    comment.save(update_fields=["text", "shared_text", "text_removed_at"])


def recent_cases(since: datetime) -> QuerySet:
    return Grievance.objects.filter(
        Q(status__in=OPEN_STATUSES) | Q(opened_at__gte=since) | Q(finished_at__gte=since),
        member=OuterRef("pk"),
    )


def register_steps() -> None:
    register(
        Step(
            key="closed_cases",
            label=_("Closed cases anonymised"),
            period_field="closed_case_years",
            due=cases_past_retention,
            apply=anonymise_case,
        )
    )
    register(
        Step(
            key="feedback_comments",
            label=_("Texts of feedback comments removed"),
            period_field="feedback_comment_months",
            due=comments_with_old_text,
            apply=remove_comment_text,
        )
    )
    register_member_activity(recent_cases)
