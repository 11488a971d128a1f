"""What a member's merge moves in the advocacy app (registered with `members.merging`):
grievance cases, and the survey answers and comments whose writer asked to be
contacted (the only feedback that names a member), go to the record kept."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from members.merging import MergeStep, register_merge_step

from .feedback.models import Comment, Response
from .models import Grievance


def _feedback_count(member) -> int:
    return Response.objects.filter(member=member).count() + (
        Comment.objects.filter(member=member).count()
    )


def move_feedback(keep, absorb, now: datetime) -> None:
    Response.objects.filter(member=absorb).update(member=keep)
    Comment.objects.filter(member=absorb).update(member=keep)


def register_steps() -> None:
    register_merge_step(MergeStep.of_rows("cases", _("Grievance cases"), Grievance))
    register_merge_step(
        MergeStep(
            "feedback",
            _("Feedback that asked for contact"),
            _feedback_count,
            move_feedback,
        )
    )
