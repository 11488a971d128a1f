"""Counting an election's votes again when a candidate withdraws after the close."""

from __future__ import annotations

from django.db import transaction

from centres.audit import records_actor
from centres.models import User

from ..counting import count_ballot, withdrawn_options
from ..models import Ballot, Election, TieDraw
from ..models.draws import tie_of


def recount_due(ballot: Ballot) -> bool:
    """Whether `ballot`'s stored result still counts a candidate withdrawn since (its
    "withdrawn" list is not the options withdrawn now): then it must be counted again
    before its election is certified. False for a ballot not counted."""
    if not ballot.is_closed or not ballot.result:
        return False
    return set(ballot.result.get("withdrawn", [])) != set(withdrawn_options(ballot))


@records_actor
@transaction.atomic
def election_recount(*, election: Election, by: User | None) -> bool:
    """Count the election's votes again without the candidates withdrawn since its
    count (`counting.count_ballot` excludes them from the start), while it is not
    certified: a certified count stays as published. The new result replaces the
    stored one, marked "recounted"; a draw by lot recorded for a tie that the recount
    no longer has is deleted (the audit trail keeps it). Returns whether it counted
    again (False when nothing was withdrawn since, or the election is certified)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    ballot = (
        Ballot.objects.select_for_update().select_related("committee").get(pk=election.ballot_id)
    )
    if election.certified_at is not None or not recount_due(ballot):
        return False
    before = tie_of(ballot)
    ballot.result = {**count_ballot(ballot), "recounted": True}
    after = tie_of(ballot)
    draw = TieDraw.objects.filter(ballot=ballot).first()
    if draw is not None and (
        after is None
        or after["options"] != (before or {}).get("options")
        or after["places"] != (before or {}).get("places")
    ):
        draw.delete()
    ballot.save(update_fields=["result"])
    return True
