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

__all__ = [
    "ballot_cast",
    "ballot_close",
    "ballot_create",
    "ballot_open",
    "option_add",
    "priority_respond",
    "roll_freeze",
]
