"""Recording the draw by lot that breaks a tie at the last winning place."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from centres.audit import records_actor
from centres.models import User
from centres.numbers import figure

from ..models import Ballot, Election, TieDraw
from ..models.draws import draw_refusal, tie_of


@records_actor
@transaction.atomic
def ballot_tie_draw(
    *, ballot: Ballot, by: User | None, drawn_by: str, winners: Sequence[str | int]
) -> TieDraw:
    """Record a draw by lot held in person: who drew, and which of the tied options won
    the places left (`last_place_tie`). For an election, by its returning officer
    only; for a priority ballot, by the committee (`members.record_tie_draw`; None is
    the system). Refused (ValidationError) for anyone else, and for the reason
    `draw_refusal` gives (once recorded, it stays)."""
    ballot = Ballot.objects.select_for_update().select_related("committee").get(pk=ballot.pk)
    election = Election.objects.filter(ballot=ballot).first()
    if election is not None and (by is None or by.pk != election.returning_officer_id):
        raise ValidationError(_("Only the election's returning officer records the draw by lot."))
    if election is None and by is not None and not by.has_perm("members.record_tie_draw", ballot):
        raise ValidationError(_("Only the committee records the draw by lot."))
    if refusal := draw_refusal(ballot):
        raise ValidationError(refusal)
    tie = tie_of(ballot)
    picked = {str(winner) for winner in winners}
    errors: dict[str, list[str]] = {}
    drawn_by = drawn_by.strip()
    if not drawn_by:
        errors["drawn_by"] = [_("Say who drew the lot.")]
    if (
        len(picked) != len(list(winners))
        or not picked <= set(tie["options"])
        or len(picked) != tie["places"]
    ):
        errors["winners"] = [
            ngettext(
                "Choose the tied option that won the draw.",
                "Choose the %(n)s tied options that won the draw.",
                tie["places"],
            )
            % {"n": figure(tie["places"])}
        ]
    if errors:
        raise ValidationError(errors)
    draw = TieDraw(
        ballot=ballot,
        drawn_by=drawn_by,
        winners=[key for key in tie["options"] if key in picked],
        recorded_by=by,
    )
    draw.full_clean()
    draw.save()
    return draw
