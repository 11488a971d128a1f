"""The choices a ballot is made of: its kind, counting method, electorate, status,
the voting state shown to voters, and where an option came from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BallotKind(models.TextChoices):
    PRIORITY = "priority", _("Service priorities")
    ELECTION = "election", _("Election")


class BallotMethod(models.TextChoices):
    PLURALITY = "plurality", _("Plurality (one choice)")
    APPROVAL = "approval", _("Approval (each voter chooses up to a set number of options)")
    BORDA = "borda", _("Ranked: Borda count")
    IRV = "irv", _("Ranked: instant-runoff")
    STV = "stv", _("Ranked: single transferable vote (Droop quota)")


RANKED_METHODS = frozenset({BallotMethod.BORDA, BallotMethod.IRV, BallotMethod.STV})


class Electorate(models.TextChoices):
    MEMBERS = "members", _("All eligible members")
    COMMITTEE = "committee", _("The committee's seat holders")


class BallotStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Closed and counted")


class VotingState(models.TextChoices):
    """Where a ballot stands for a voter, from `Ballot.voting_state`: what is shown and
    whether a vote is taken come from that one function."""

    PREPARING = "preparing", _("Being prepared")
    NOT_YET = "not_yet", _("Opens later")  # shown as "Opens on <time>"
    OPEN = "open", _("Voting open")
    ENDED = "ended", _("Voting closed, not yet counted")
    CLOSED = "closed", _("Closed and counted")


class OptionSource(models.TextChoices):
    CATALOGUE = "catalogue", _("From the service catalogue")
    REQUESTS = "requests", _("From workers' requests")
    COMMITTEE = "committee", _("Written by the committee")
    CANDIDATE = "candidate", _("Candidate")
