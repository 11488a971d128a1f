"""The feedback counts behind a release: survey responses, 1–5 ratings, free comments,
their sentiment and their themes (read for many ranges at once by
`snapshots.range_snapshots`).

Feedback is anonymous by nature: a response or comment carries a member only when the
worker asked to be contacted, and then it is counted only if that member consents to
anonymised statistics (like a request). Feedback is dated by the local day it was given
(`submitted_on`), so a month is its local calendar days.

Counted per answer and per comment, never per person: one response may rate several
questions, one comment may be coded into several themes.
"""

from __future__ import annotations

RATINGS = ["1", "2", "3", "4", "5"]


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
