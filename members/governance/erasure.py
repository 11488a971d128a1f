"""What an erasure does to a member's part in self-governance (registered with
`centres.retention` by `members.retention.register_steps`).

A candidate's public name, statement and picture are hers: they go. In an election
not yet certified the candidacy is withdrawn too, and a count already made is made
again without her (`election_recount`), so that she is never seated; in a certified
one it stays, so that the published count and the seats it filled still add up,
under "A former candidate". Her votes were never linked to her; her terms, the
nominations she made and her marks on the roll stay under the member code, which names
nobody once the profile is blank. What she did for the committee with her own account (a ballot
prepared, minutes, a paper count entered) stays, naming no account.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext, ngettext

from centres.numbers import figure
from centres.retention import REMOVED_TEXT

from .actions.recount import election_recount
from .models import (
    Ballot,
    BallotOption,
    BoothDevice,
    Candidate,
    Meeting,
    PaperBatch,
    PollingOfficer,
    SeatTerm,
    TieDraw,
)


def former_label(option_pk: int) -> str:
    """A former candidate's option label: `REMOVED_TEXT` and the option's id, unique
    on its ballot (`option_label_per_ballot`); shown as "A former candidate"."""
    return f"{REMOVED_TEXT} {option_pk}"


def erase_candidacies(member, now: datetime, by) -> None:
    """Remove the member's public name, statement and picture from every candidacy;
    withdraw those in elections not yet certified (`Election.certified_at`), and count
    again those elections' votes already counted."""
    candidates = Candidate.objects.select_for_update().filter(member=member)
    withdrawn_from = []
    for candidate in candidates.select_related("election"):
        candidate.display_name = REMOVED_TEXT
        candidate.statement = ""
        candidate.picture = None
        fields = ["display_name", "statement", "picture"]
        if candidate.election.certified_at is None and candidate.withdrawn_at is None:
            candidate.withdrawn_at = now
            fields.append("withdrawn_at")
            withdrawn_from.append(candidate.election)
        candidate.save(update_fields=fields)
    for option in BallotOption.objects.select_for_update().filter(candidate__member=member):
        option.label = former_label(option.pk)
        option.description = ""
        option.save(update_fields=["label", "description"])
    for election in withdrawn_from:
        # Counted already but not certified: counted again without her (no-op otherwise).
        election_recount(election=election, by=by)


def release_account(member, account) -> None:
    """The committee's rows in the erased member's centre that her own `account`
    wrote as a seat holder stop naming it (the account stays; the rows stay)."""
    centre = member.centre_id
    releases = [
        (Ballot.objects.filter(committee__centre_id=centre), "created_by"),
        (Meeting.objects.filter(committee__centre_id=centre), "created_by"),
        (BoothDevice.objects.filter(centre_id=centre), "created_by"),
        (PollingOfficer.objects.filter(ballot__committee__centre_id=centre), "named_by"),
        (PaperBatch.objects.filter(ballot__committee__centre_id=centre), "entered_by"),
        (PaperBatch.objects.filter(ballot__committee__centre_id=centre), "confirmed_by"),
        (TieDraw.objects.filter(ballot__committee__centre_id=centre), "recorded_by"),
    ]
    for rows, field in releases:
        rows.filter(**{field: account}).update(**{field: None})


def erasure_notice(member) -> list[str]:
    """What an erasure does to the member's candidacies and seats, in counts, for the
    erase page."""
    candidacies = Candidate.objects.filter(member=member)
    certified = candidacies.filter(election__certified_at__isnull=False).count()
    other = candidacies.filter(election__certified_at__isnull=True).count()
    terms = SeatTerm.objects.filter(member=member).count()
    lines = []
    if other:
        lines.append(
            ngettext(
                "%(count)s candidacy in an election not yet certified is withdrawn, and its "
                "name, statement and picture are removed.",
                "%(count)s candidacies in elections not yet certified are withdrawn, and "
                "their names, statements and pictures are removed.",
                other,
            )
            % {"count": figure(other)}
        )
    if certified:
        lines.append(
            ngettext(
                "%(count)s candidacy in a certified election stays in its published count "
                "as “a former candidate”: its name, statement and picture are removed.",
                "%(count)s candidacies in certified elections stay in their published counts "
                "as “a former candidate”: their names, statements and pictures are removed.",
                certified,
            )
            % {"count": figure(certified)}
        )
    if terms:
        lines.append(
            ngettext(
                "%(count)s committee term stays in the committee's history under the member "
                "code, without a name; meeting records count seats, never names.",
                "%(count)s committee terms stay in the committee's history under the member "
                "code, without a name; meeting records count seats, never names.",
                terms,
            )
            % {"count": figure(terms)}
        )
    if candidacies.exists() or Candidate.objects.filter(nominated_by=member).exists():
        lines.append(
            gettext(
                "Nominations the member made and the member's marks on election rolls stay "
                "under the member code, so that one member still has one vote; votes were "
                "never linked to anybody."
            )
        )
    return lines
