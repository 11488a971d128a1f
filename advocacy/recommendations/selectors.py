"""Reads of recommendations for other pages and the periodic reports."""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from centres.models import Centre

from .models import Recommendation, RecommendationStatus


def recommendations_sent(*, centre: Centre, start: date, end: date):
    """Recommendations sent from `start` (inclusive) to `end` (exclusive), newest first,
    with their responses prefetched. Titles and addressees are for staff and committee
    pages only: an employer is never named to workers (see `yousaid`)."""
    return (
        Recommendation.objects.for_centre(centre)
        .sent()
        .filter(sent_on__gte=start, sent_on__lt=end)
        .prefetch_related("responses")
        .order_by("-sent_on")
    )


def recommendation_status_counts(*, centre: Centre) -> dict[str, int]:
    """{status: number of the centre's recommendations}, every status present (0 if none).
    One query."""
    counts = dict.fromkeys(RecommendationStatus.values, 0)
    for row in Recommendation.objects.for_centre(centre).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
