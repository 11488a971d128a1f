"""Writes of self-governance. Each is keyword-only, atomic, and checks its rule;
administrative changes are audited by django-auditlog, votes never are."""

from .ballots import (
    ballot_cast,
    ballot_close,
    ballot_create,
    ballot_open,
    ballot_withdraw,
    option_add,
    priority_respond,
    roll_freeze,
)
from .booth import (
    booth_check_in,
    booth_device_create,
    booth_device_pair,
    booth_device_revoke,
    booth_pass_cancel,
    booth_vote,
    polling_officer_name,
    polling_officer_remove,
)
from .certify import election_certify, election_declare_unopposed
from .committees import (
    candidate_accept,
    candidate_nominate,
    candidate_record_acceptance,
    committee_create,
    committee_roles_sync,
    election_create,
    election_open_voting,
    nominee_by_code,
    seat_fill,
)
from .draws import ballot_tie_draw
from .meetings import decision_publish, decision_record, decision_reviews_remind, meeting_record
from .paper import paper_batch_confirm, paper_batch_discard, paper_batch_enter, paper_mark
from .recount import election_recount
from .schedules import ballot_reschedule, election_reschedule

__all__ = [
    "booth_check_in",
    "booth_device_create",
    "booth_device_pair",
    "booth_device_revoke",
    "booth_pass_cancel",
    "booth_vote",
    "polling_officer_name",
    "polling_officer_remove",
    "paper_batch_confirm",
    "paper_batch_discard",
    "paper_batch_enter",
    "paper_mark",
    "decision_publish",
    "decision_record",
    "decision_reviews_remind",
    "meeting_record",
    "candidate_accept",
    "candidate_nominate",
    "candidate_record_acceptance",
    "nominee_by_code",
    "committee_create",
    "committee_roles_sync",
    "election_certify",
    "election_create",
    "election_declare_unopposed",
    "election_open_voting",
    "election_recount",
    "seat_fill",
    "ballot_cast",
    "ballot_close",
    "ballot_create",
    "ballot_tie_draw",
    "ballot_open",
    "ballot_reschedule",
    "election_reschedule",
    "ballot_withdraw",
    "option_add",
    "priority_respond",
    "roll_freeze",
]
