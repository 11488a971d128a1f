"""A ballot's rules on its times and limits, each error keyed to its field: shared by
the ballot (`Ballot.clean`), the election, the forms and the actions, which report
every broken rule at once."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext, ngettext

from centres.numbers import figure

from .ballot_choices import BallotMethod


def voting_window_errors(opens_at, closes_at) -> dict[str, list[str]]:
    """Voting closes after it opens: the error keyed to `closes_at`, or none. Either
    time may be missing (a form field that did not parse); then there is nothing to
    compare."""
    if opens_at and closes_at and closes_at <= opens_at:
        return {"closes_at": [gettext("Voting must close after it opens.")]}
    return {}


def roll_date_errors(roll_date, opens_at) -> dict[str, list[str]]:
    """The roll is drawn from the members registered before `roll_date`, and frozen
    before voting opens: a roll date after the opening (or the close) would count
    members who register while voting is under way. The error keyed to `roll_date`, or
    none; a time that is missing is not compared."""
    if roll_date and opens_at and roll_date > opens_at:
        return {
            "roll_date": [
                gettext(
                    "The roll is drawn before voting opens: choose a time no later than "
                    "the opening."
                )
            ]
        }
    return {}


def windows_ended_errors(now: datetime, **ends: datetime | None) -> dict[str, list[str]]:
    """A window that has already ended when it is set (created or rescheduled) could
    never be used: an error beside each such field (`nominations_close_at` or
    `closes_at`). A time that is missing is not compared."""
    words = {
        "nominations_close_at": gettext(
            "Nominations would already have closed: choose a time still to come."
        ),
        "closes_at": gettext("Voting would already have closed: choose a time still to come."),
    }
    return {field: [words[field]] for field, end in ends.items() if end and end <= now}


# A priority ballot's options: as many as a voter can read through on a phone and
# weigh (a vote form lists them all); more is a list to narrow down first.
MAX_OPTIONS = 30


def option_count_errors(options: int) -> dict[str, list[str]]:
    """At most `MAX_OPTIONS` options on a priority ballot: the error keyed to
    `options`, or none. (At least two is the form's and `limits_errors`' rule.)"""
    if options > MAX_OPTIONS:
        words = {"max": figure(MAX_OPTIONS), "n": figure(options)}
        return {
            "options": [
                gettext("A ballot has at most %(max)s options: this one has %(n)s.") % words
            ]
        }
    return {}


def merge_errors(errors: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    """Add `more` to `errors`, one message per field: a field that already has its
    error keeps it."""
    for field, messages in more.items():
        errors.setdefault(field, messages)


def limits_errors(
    *, method: str, max_choices: int | None, seats: int | None, options: int | None
) -> dict[str, list[str]]:
    """How many options a voter may choose and how many win, against the number of
    `options` (None while they are not known, as an election's candidates before
    nominations close; then only what needs no count is checked).

    Approval: 1 <= choose up to < options (choosing them all would say nothing), and
    1 <= winners <= options. The other methods need more options than winners: with no
    option left to lose, the count elects everyone (for the single transferable vote
    the quota, and for instant-runoff pyrankvote's one winner, need a loser).
    A value below 1 is its field's own validator's error and is not repeated here.
    One message per field. Fewer than two options is an error of its own (a ballot
    needs two): then nothing is compared to them."""
    errors: dict[str, list[str]] = {}
    if options is not None and options < 2:
        options = None
    if method == BallotMethod.APPROVAL:
        if max_choices is None:
            errors["max_choices"] = [gettext("Say how many options a voter may choose.")]
        elif options and max_choices >= 1 and max_choices >= options:
            errors["max_choices"] = [
                gettext("A voter chooses fewer options than the ballot has: at most %(k)s.")
                % {"k": figure(options - 1)}
            ]
        if options and seats is not None and seats >= 1 and seats > options:
            errors["seats"] = [
                gettext("No more winners than options: at most %(n)s.") % {"n": figure(options)}
            ]
    elif options and seats is not None and seats >= 1 and seats >= options:
        errors["seats"] = [
            ngettext(
                "There must be more options than winners: at most %(k)s winner.",
                "There must be more options than winners: at most %(k)s winners.",
                options - 1,
            )
            % {"k": figure(options - 1)}
        ]
    return errors
