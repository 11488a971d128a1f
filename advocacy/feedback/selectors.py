"""Reads of feedback: the staff's coding queue, and the figures the committee receives.

The committee never receives free text, only theme counts and satisfaction per closed
calendar month with cells under the programme's threshold hidden, and the redacted
comments that were allowed and approved (`Comment.objects.shared_with_committee`).
Reports read `feedback_figures` too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from centres.models import Centre

from .models import Answer, Comment, QuestionKind, Response, Theme, ThemeCode


def month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def closed_months(count: int, today: date | None = None) -> list[tuple[date, date]]:
    """The last `count` closed calendar months as (first day, first day of the next),
    oldest first. The running month is never among them."""
    today = today or timezone.localdate()
    return [(month_start(today, n), month_start(today, n - 1)) for n in range(count, 0, -1)]


@dataclass
class MonthFigures:
    start: date
    responses: int | None
    mean_rating: float | None
    themes: dict[str, int | None] = field(default_factory=dict)


def _hide(value: int, threshold: int | None) -> int | None:
    return None if threshold is not None and 0 < value < threshold else value


def feedback_figures(
    *, centre: Centre, months: int = 6, threshold: int | None, today: date | None = None
) -> list[MonthFigures]:
    """Per closed month: responses, mean 1–5 rating, and comments per theme. With a
    `threshold`, a count under it is None (hidden) and so is the mean of fewer responses.
    Three queries, whatever the number of rows."""
    periods = closed_months(months, today or timezone.localdate(timezone=centre.time_zone))
    first, end = periods[0][0], periods[-1][1]
    responses = Response.objects.filter(
        centre=centre, submitted_on__gte=first, submitted_on__lt=end
    )
    per_month = {
        row["month"]: row["n"]
        for row in responses.annotate(month=TruncMonth("submitted_on"))
        .values("month")
        .annotate(n=Count("pk"))
    }
    means = {
        row["month"]: row["mean"]
        for row in Answer.objects.filter(
            response__in=responses, question__kind=QuestionKind.RATING, rating__isnull=False
        )
        .annotate(month=TruncMonth("response__submitted_on"))
        .values("month")
        .annotate(mean=Avg("rating"))
    }
    theme_counts: dict[date, dict[str, int]] = {}
    for row in (
        Theme.objects.filter(
            comment__centre=centre, comment__submitted_on__gte=first, comment__submitted_on__lt=end
        )
        .annotate(month=TruncMonth("comment__submitted_on"))
        .values("month", "code")
        .annotate(n=Count("pk"))
    ):
        theme_counts.setdefault(row["month"], {})[row["code"]] = row["n"]
    result = []
    for start, _end in periods:
        n = per_month.get(start, 0)
        shown_n = _hide(n, threshold)
        mean = means.get(start)
        mean = round(mean, 1) if mean is not None and shown_n else None
        themes = {
            code: _hide(count, threshold) for code, count in theme_counts.get(start, {}).items()
        }
        result.append(MonthFigures(start=start, responses=shown_n, mean_rating=mean, themes=themes))
    return result


def coding_queue(centre: Centre, *, uncoded_only: bool = False):
    """The centre's comments for the staff who code them, newest first, themes prefetched."""
    comments = Comment.objects.for_centre(centre).prefetch_related("themes")
    if uncoded_only:
        comments = comments.filter(coded_at__isnull=True)
    return comments


def theme_totals(
    *, centre: Centre, start: date, end: date, threshold: int | None
) -> list[tuple[str, str, int]]:
    """Comments per theme between `start` (inclusive) and `end` (exclusive), biggest first,
    as (code, label, count), leaving out counts under `threshold`."""
    rows = (
        Theme.objects.filter(
            comment__centre=centre, comment__submitted_on__gte=start, comment__submitted_on__lt=end
        )
        .values("code")
        .annotate(n=Count("pk"))
        .order_by("-n", "code")
    )
    labels = dict(ThemeCode.choices)
    return [
        (row["code"], labels.get(row["code"], row["code"]), row["n"])
        for row in rows
        if threshold is None or row["n"] >= threshold
    ]


def satisfaction(*, centre: Centre, start: date, end: date) -> tuple[int, float | None]:
    """(responses with a rating, mean rating) between `start` and `end` (exclusive)."""
    row = Answer.objects.filter(
        Q(response__centre=centre)
        & Q(response__submitted_on__gte=start)
        & Q(response__submitted_on__lt=end)
        & Q(question__kind=QuestionKind.RATING),
        rating__isnull=False,
    ).aggregate(n=Count("response", distinct=True), mean=Avg("rating"))
    return row["n"], (round(row["mean"], 1) if row["mean"] is not None else None)
