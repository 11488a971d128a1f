"""A tie at the last winning place, and the draw by lot that breaks it.

When the count of a tally (plurality, approval, Borda) leaves options with equal counts
across the last winning place, the count does not choose between them: those above the
tie win, and the tied options share the places left. The returning officer (for a
priority ballot, the committee) holds a draw by lot in person and records who drew and
which option won it (`ballot_tie_draw`); until then the result says the place is tied,
and an election cannot be certified.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

TALLIED = frozenset({"plurality", "approval", "borda"})


def last_place_tie(result: dict | None, method: str) -> dict | None:
    """{"options": [ids tied, in the count's order], "places": n, "above": [ids that win
    outright]} when options with equal counts straddle the last winning place of a
    tallied count, else None. Read from the stored result, so that a result counted
    before this rule reads the same."""
    if not result or method not in TALLIED or not result.get("rounds"):
        return None
    seats, ranking = result["seats"], result["ranking"]
    if len(ranking) <= seats:
        return None
    counts = result["rounds"][-1]["counts"]
    last = float(counts.get(ranking[seats - 1], 0))
    if float(counts.get(ranking[seats], 0)) != last:
        return None
    above = [key for key in ranking if float(counts.get(key, 0)) > last]
    tied = [key for key in ranking if float(counts.get(key, 0)) == last]
    return {"options": tied, "places": seats - len(above), "above": above}


def tie_of(ballot) -> dict | None:
    """`last_place_tie` of a closed ballot's stored result."""
    return last_place_tie(ballot.result, ballot.method) if ballot.is_closed else None


def draw_of(ballot) -> TieDraw | None:
    return TieDraw.objects.filter(ballot=ballot).first()


def undecided_tie(ballot) -> dict | None:
    """The tie at the last winning place while no draw by lot has broken it, else None:
    what refuses certifying the election and keeps the tied options from winning."""
    tie = tie_of(ballot)
    return tie if tie is not None and draw_of(ballot) is None else None


def ballot_winners(ballot) -> list[str]:
    """The option ids that win a closed ballot: the count's, or across a tie at the last
    winning place, the options above it and those that won the draw by lot (none of
    the tied ones while the draw is not recorded). The one read of who won."""
    if not ballot.is_closed or not ballot.result:
        return []
    tie = tie_of(ballot)
    if tie is None:
        return list(ballot.result["winners"])
    draw = draw_of(ballot)
    return tie["above"] + (list(draw.winners) if draw else [])


def draw_refusal(ballot) -> str | None:
    """Why no draw by lot can be recorded for `ballot`, or None (`ballot_tie_draw`, and
    the page before offering the form)."""
    if not ballot.is_closed:
        return gettext("Voting must be closed and counted first.")
    if tie_of(ballot) is None:
        return gettext("No options are tied at the last winning place: there is nothing to draw.")
    if draw_of(ballot) is not None:
        return gettext("The draw by lot was already recorded.")
    return None


class TieDraw(models.Model):
    """How a tie at the last winning place was broken: a draw by lot held in person,
    who drew, and which option (or options, for several places) won the draw. The
    audit trail keeps which options won and when, never who drew."""

    ballot = models.OneToOneField(
        "members.Ballot", on_delete=models.CASCADE, related_name="tie_draw"
    )
    drawn_by = models.CharField(
        _("who drew the lot"),
        max_length=100,
        help_text=_("As they agree to be named in the record, e.g. “the oldest member present”."),
    )
    winners = models.JSONField(_("won the draw"))  # option ids, as the result keys them
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("draw by lot")
        verbose_name_plural = _("draws by lot")

    def __str__(self) -> str:
        return str(self.pk)
