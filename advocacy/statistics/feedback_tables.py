"""The exact feedback counts behind a release: survey responses, 1–5 ratings, free
comments, their sentiment and their themes, for one centre and one calendar month.

Feedback is anonymous by nature: a response or comment carries a member only when the
worker asked to be contacted, and then it is counted only if that member consents to
anonymised statistics (like a request). Feedback is dated by the local day it was given
(`submitted_on`), so a month is its local calendar days.

Counted per answer and per comment, never per person: one response may rate several
questions, one comment may be coded into several themes.
"""

from __future__ import annotations

from django.db.models import Count, Q

from ..feedback.models import Answer, Comment, QuestionKind, Response, Sentiment, Theme, ThemeCode
from .periods import Period

RATINGS = ["1", "2", "3", "4", "5"]


def _counted(queryset, consenting):
    return queryset.filter(Q(member__isnull=True) | consenting).order_by()


def _zeros(labels) -> dict[str, int]:
    return {str(label): 0 for label in labels}


def feedback_snapshot(centre, month: Period, consenting) -> dict[str, dict[str, int]]:
    """The raw feedback tables of one month, zeros included. Five queries.

    `consenting`: the `Exists` filter of `tables._consenting("member")`."""
    days = {"submitted_on__gte": month.first, "submitted_on__lt": month.end}
    responses = _counted(Response.objects.filter(centre=centre, **days), consenting)
    comments = _counted(Comment.objects.for_centre(centre).filter(**days), consenting)
    ratings = _zeros(RATINGS)
    for rating, n in (
        Answer.objects.filter(
            response__in=responses, question__kind=QuestionKind.RATING, rating__isnull=False
        )
        .order_by()
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    ):
        ratings[str(rating)] = n
    sentiment = _zeros([*Sentiment.values, ""])
    for value, n in (
        comments.values("sentiment").annotate(n=Count("pk")).values_list("sentiment", "n")
    ):
        sentiment[value if value in sentiment else ""] += n
    themes = _zeros(ThemeCode.values)
    for code, n in (
        Theme.objects.filter(comment__in=comments)
        .order_by()
        .values("code")
        .annotate(n=Count("comment", distinct=True))
        .values_list("code", "n")
    ):
        if code in themes:
            themes[code] = n
    return {
        "feedback.responses": {"responses": responses.count()},
        "feedback.satisfaction": ratings,
        "feedback.comments": {"comments": sum(sentiment.values())},
        "feedback.sentiment": sentiment,
        "feedback.theme": themes,
    }


def mean_rating(ratings: dict[str, int | None]) -> float | None:
    """The mean 1–5 rating of a released satisfaction table, to one decimal, only when
    every row of it is shown (a mean over hidden rows would tell something about them)
    and there is at least one rating."""
    if not ratings or any(value is None for value in ratings.values()):
        return None
    answers = sum(ratings.values())
    if not answers:
        return None
    return round(sum(int(label) * n for label, n in ratings.items()) / answers, 1)
