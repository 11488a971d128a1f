"""Retention: each class of personal data lives only as long as its period, set per
programme (`RetentionPolicy`), and a daily task anonymises or deletes what is past it.

This package is the base layer's half: the policy, the record of each run (counts
only, never contents), the registry and the runner. Each app owns the retention of its
own data in its `retention.py`, registered from its `AppConfig.ready()`:

- a **step** names a data class, the policy field that holds its period, the rows past
  that period (`due(cutoff)`), and what to do with one row (`apply(row)`). `apply`
  must make the row stop being due, so a step run twice does nothing the second time;
- an **activity source** tells the members' inactivity rule that a member did
  something recently in a higher app (booked a session, had a case), without the
  members app importing it;
- an **erasure step** removes what a higher app holds of a member's personal data
  when the member is erased (on request, or as inactive), in the erasure's transaction;
- an **account release** clears the erased member's own account from the rows an app
  keeps where she acted as herself (a booking she made, minutes she recorded as a
  committee member): the login stays hers, so a row naming it would name her.

Removed words are replaced by `REMOVED_TEXT`, everywhere.

The audit trail is not a step: the application's database role cannot delete its
entries. It is pruned by `manage.py purge_audit_trail`, run as the owner role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Step:
    key: str  # stable: stored in RetentionCount.data_class
    label: Promise  # shown to managers
    period_field: str  # the RetentionPolicy field that holds this class's period
    due: Callable[[datetime], models.QuerySet]  # rows past the cutoff, each with centre_id
    apply: Callable[[Any], None]  # anonymise or delete one row, inside the batch's transaction


# What stands where words were removed (a name, a narrative, a comment, a request).
REMOVED_TEXT = "—"

_steps: dict[str, Step] = {}
_activity: list[Callable[[datetime], models.QuerySet]] = []
_erasure: list[Callable[[Any, datetime, Any], None]] = []


def register(step: Step) -> None:
    _steps[step.key] = step


def registered_steps() -> list[Step]:
    return [_steps[key] for key in sorted(_steps)]


def step_labels() -> dict[str, Promise]:
    return {key: step.label for key, step in _steps.items()}


def register_member_activity(source: Callable[[datetime], models.QuerySet]) -> None:
    """`source(since)` returns a queryset, correlated on `OuterRef("pk")` of a member,
    that exists when the member did something at or after `since`."""
    _activity.append(source)


def member_activity_sources() -> list[Callable[[datetime], models.QuerySet]]:
    return list(_activity)


def register_member_erasure(erase: Callable[[Any, datetime, Any], None]) -> None:
    """`erase(member, now, by)` removes the member's personal data that a higher app
    holds; `now` is the erasure's time, to be recorded where a row says when it was
    emptied, and `by` the user who erased (None for a retention run), named as the
    actor of whatever the erasure records."""
    if erase not in _erasure:
        _erasure.append(erase)


def member_erasure_steps() -> list[Callable[[Any, datetime, Any], None]]:
    return list(_erasure)


_account_release: list[Callable[[Any, Any], None]] = []


def register_account_release(release: Callable[[Any, Any], None]) -> None:
    """`release(member, account)` sets to NULL every reference to `account`, the erased
    member's own login, on the rows the app keeps that she wrote as that member or as a
    worker of her centre (never a staff member's: staff who acted stay named, DESIGN
    "Data protection"), in the erasure's transaction. Rows are kept, never deleted."""
    if release not in _account_release:
        _account_release.append(release)


def account_release_steps() -> list[Callable[[Any, Any], None]]:
    return list(_account_release)


_erasure_notices: list[Callable[[Any], list[str]]] = []


def register_erasure_notice(describe: Callable[[Any], list[str]]) -> None:
    """`describe(member)` returns the sentences the erase page shows for what a higher
    app keeps and removes of that member (counts, never contents): staff read what an
    erasure does before they confirm it."""
    if describe not in _erasure_notices:
        _erasure_notices.append(describe)


def erasure_notices(member) -> list[str]:
    return [line for describe in _erasure_notices for line in describe(member)]
