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
from django.utils.translation import ngettext

from centres.numbers import figure
from centres.retention import (
    REMOVED_TEXT,
    Step,
    register,
    register_account_release,
    register_erasure_notice,
    register_member_activity,
    register_member_erasure,
)

from .models import (
    OPEN_STATUSES,
    CaseEvent,
    CaseNote,
    Comment,
    EventKind,
    Grievance,
    Recommendation,
    Referral,
)
from .models import Status as CaseStatus


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


def erase_member_cases(member, now: datetime, by=None) -> None:
    """A member's erasure on request, in this app: each of their cases loses what a
    closed case loses past its retention period (`anonymise_case`) at once, since the
    person asked for their data to go now; what counts stays (issue types, outcome,
    remedies, status history). A case still open is closed first, on the timeline at
    the erasure's time: with no story left it cannot be worked, and no reminder should
    ask for it again. The case page says why (its member's data was erased); the
    timeline names `by`, the user who erased, as the one who closed it."""
    for case in Grievance.objects.select_for_update().filter(
        member=member, anonymised_at__isnull=True
    ):
        if case.status in OPEN_STATUSES:
            CaseEvent.objects.create(
                grievance=case,
                kind=EventKind.MOVED,
                from_status=case.status,
                to_status=CaseStatus.CLOSED,
                actor=by,
                at=now,
            )
            case.status = CaseStatus.CLOSED
            case.finished_at = now
            case.save(update_fields=["status", "finished_at"])
        anonymise_case(case)


def release_account(member, account) -> None:
    """Recommendations of the erased member's centre that her own `account` proposed
    for the committee stop naming it."""
    Recommendation.objects.filter(centre_id=member.centre_id, proposed_by=account).update(
        proposed_by=None
    )


def erasure_notice(member) -> list[str]:
    """What an erasure does to the member's cases, in counts, for the erase page."""
    cases = Grievance.objects.filter(member=member, anonymised_at__isnull=True)
    total = cases.count()
    if not total:
        return []
    still_open = cases.filter(status__in=OPEN_STATUSES).count()
    lines = [
        ngettext(
            "%(count)s case stays, with its issue types, outcome, remedies and status "
            "history; its narrative, notes (legal ones too), contact details and the "
            "reasons it was opened or referred without consent are removed, as for a "
            "closed case past its retention period.",
            "%(count)s cases stay, with their issue types, outcomes, remedies and status "
            "histories; their narratives, notes (legal ones too), contact details and the "
            "reasons they were opened or referred without consent are removed, as for a "
            "closed case past its retention period.",
            total,
        )
        % {"count": figure(total)}
    ]
    if still_open:
        lines.append(
            ngettext(
                "%(count)s of them is still open: it is closed now, marked as erased on "
                "request, and no reminder asks for it again.",
                "%(count)s of them are still open: they are closed now, marked as erased "
                "on request, and no reminder asks for them again.",
                still_open,
            )
            % {"count": figure(still_open)}
        )
    return lines


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
    register_member_erasure(erase_member_cases)
    register_account_release(release_account)
    register_erasure_notice(erasure_notice)
