"""Where a priority ballot's options can come from, besides the committee's own words.

The service catalogue and workers' requests belong to the `services` app, which sits
above `members`: it registers its suggestions here when it starts (`ServicesConfig.ready`),
so the ballot form offers them without this app importing upwards.
"""

from __future__ import annotations

from collections.abc import Callable

from centres.models import Centre

_sources: dict[str, Callable[[Centre], list[str]]] = {}


def register(source: str, suggest: Callable[[Centre], list[str]]) -> None:
    """`suggest(centre)` lists option labels for the `OptionSource` value `source`."""
    _sources[source] = suggest


def suggestions(centre: Centre) -> dict[str, list[str]]:
    return {source: suggest(centre) for source, suggest in _sources.items()}
