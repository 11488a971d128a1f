"""Employers' names in what governance pages show members.

The committee's published decisions and the manager's answers to priorities are read
by every member; an employer named in them is replaced for a reader who may not read
employers' names (only the manager may), as on the "you said, we did" poster. The
employers belong to `advocacy`, which sits above `members`: it registers its cleaner
when it starts (`AdvocacyConfig.ready`), as `services` registers option sources.
"""

from __future__ import annotations

from collections.abc import Callable

from centres.models import Centre

Cleaner = Callable[[str], str]
_factory: Callable[[Centre], Cleaner] | None = None


def register(factory: Callable[[Centre], Cleaner]) -> None:
    """`factory(centre)` returns a function replacing the centre's employers' names."""
    global _factory
    _factory = factory


def _as_typed(text: str) -> str:
    return text


def cleaner_for(user, centre: Centre) -> Cleaner:
    """The function `user` reads typed text through at `centre`: unchanged for a reader
    who may read employers' names, the registered cleaner for anyone else."""
    if _factory is None or user.has_perm("advocacy.name_employers", centre):
        return _as_typed
    return _factory(centre)
