"""Governance models, imported by `members.models` so that they belong to the members app."""

from .ballot_choices import (
    BallotKind,
    BallotMethod,
    BallotStatus,
    Electorate,
    OptionSource,
    VotingState,
)
from .ballots import Ballot
from .booth import BoothDevice, BoothPass, PaperBatch, PollingOfficer
from .committees import Committee, Seat, SeatTerm, SeatTitle
from .draws import TieDraw
from .elections import Candidate, Election, ElectionState
from .meetings import Decision, Meeting
from .options import BallotOption, RollEntry
from .responses import PriorityResponse, ResponseStatus
from .secret import Participation, Receipt, Vote, VoteChannel

__all__ = [
    "VotingState",
    "Ballot",
    "BallotKind",
    "BallotMethod",
    "BallotOption",
    "BallotStatus",
    "BoothDevice",
    "BoothPass",
    "Candidate",
    "Committee",
    "Decision",
    "Election",
    "ElectionState",
    "Electorate",
    "Meeting",
    "OptionSource",
    "PaperBatch",
    "PollingOfficer",
    "Participation",
    "PriorityResponse",
    "Receipt",
    "ResponseStatus",
    "RollEntry",
    "Seat",
    "SeatTerm",
    "SeatTitle",
    "TieDraw",
    "Vote",
    "VoteChannel",
]
