"""Reads of feedback for the staff who code it.

Figures of feedback (responses, satisfaction, comments by theme and sentiment) leave
the staff only through the disclosure-control layer's releases: the `feedback.*`
tables of `advocacy.statistics.releases.release`. Nothing here counts for the
committee; it receives those tables and the redacted comments that were allowed and
approved (`Comment.objects.shared_with_committee`).
"""

from __future__ import annotations

from django.db.models import Prefetch

from centres.models import Centre
from members.models import MEMBER_CIPHERTEXTS

from .models import Comment


def coding_queue(centre: Centre, *, uncoded_only: bool = False):
    """The centre's comments for the staff who code them, newest first, with their
    themes (a list, `comment.theme_list`) and the member who asks to be contacted
    (their code; not their ciphertexts) read in the same few queries."""
    comments = (
        Comment.objects.for_centre(centre)
        .select_related("member")
        .defer(*(f"member__{name}" for name in MEMBER_CIPHERTEXTS))
        .prefetch_related(Prefetch("themes", to_attr="theme_list"))
    )
    if uncoded_only:
        comments = comments.filter(coded_at__isnull=True)
    return comments
