"""Writes of self-governance. Each is keyword-only, atomic, and checks its rule;
administrative changes are audited by django-auditlog, votes never are."""

from .ballots import (
    ballot_cast,
    ballot_close,
    ballot_create,
    ballot_open,
    option_add,
    priority_respond,
    roll_freeze,
)
from .committees import (
    candidate_accept,
    candidate_nominate,
    committee_create,
    committee_roles_sync,
    election_certify,
    election_create,
    election_open_voting,
    seat_fill,
)
from .meetings import decision_publish, decision_record, decision_reviews_remind, meeting_record

__all__ = [
    "decision_publish",
    "decision_record",
    "decision_reviews_remind",
    "meeting_record",
    "candidate_accept",
    "candidate_nominate",
    "committee_create",
    "committee_roles_sync",
    "election_certify",
    "election_create",
    "election_open_voting",
    "seat_fill",
    "ballot_cast",
    "ballot_close",
    "ballot_create",
    "ballot_open",
    "option_add",
    "priority_respond",
    "roll_freeze",
]
