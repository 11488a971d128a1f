"""Whether any figure of a centre or a programme has left the staff.

A released figure was cut on the day boundaries of its owner's time zone: moving the
zone afterwards would cut the same periods again on other boundaries, and two cuts of
one period can be differenced. The apps that release figures (advocacy) say here how
to find them; centres sits below them and only asks.
"""

from __future__ import annotations

from collections.abc import Callable

_FINDERS: list[Callable[[object], bool]] = []


def register(finder: Callable[[object], bool]) -> None:
    """`finder(owner)` answers whether figures of `owner` (a Centre or a Programme)
    were released."""
    if finder not in _FINDERS:
        _FINDERS.append(finder)


def any_released(owner) -> bool:
    return owner.pk is not None and any(finder(owner) for finder in _FINDERS)
