"""Rows that look like a person already in the file or already registered, by the
rule of `members.duplicates`. A file uploaded twice matches on every row.

Two kinds, counted apart wherever the preview speaks of them: a row that repeats a
person of an earlier row of the file (`REPEATED`: the earlier row is not flagged for
it), and a row that looks like a member already registered (`REGISTERED`). One row
can be both; "skip all" skips every row of either kind once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from centres.models import Centre
from centres.numbers import figure
from centres.templatetags.bidi import isolated, joined

from .. import duplicates
from ..resources import cell_text
from .sheet import Sheet

REPEATED = "repeated"
REGISTERED = "registered"


@dataclass(frozen=True)
class LookAlike:
    row: int
    kind: str  # REPEATED or REGISTERED
    message: str


def look_alikes(sheet: Sheet, *, centre: Centre) -> list[LookAlike]:
    """Every reason a row looks like someone, in row order (a row may have two)."""
    people = [
        duplicates.person_of(
            **{name: cell_text(row.get(name)) for name in duplicates.PERSON_FIELDS},
            region=centre.country,
        )
        for row in sheet.dataset.dict
    ]
    found: list[LookAlike] = []
    for index, person in enumerate(people):
        earlier = next((i for i in range(index) if duplicates.same_person(person, people[i])), None)
        if earlier is not None:
            found.append(
                LookAlike(
                    sheet.row_numbers[index],
                    REPEATED,
                    _("Looks like the same person as row %(row)s.")
                    % {"row": sheet.row_numbers[earlier]},
                )
            )
    matches = duplicates.existing_matches(centre, people)
    for index, person in enumerate(people):
        members = matches.get(person) or []
        if members:
            found.append(
                LookAlike(
                    sheet.row_numbers[index],
                    REGISTERED,
                    _("Looks like a member already registered: %(codes)s.")
                    % {"codes": joined(isolated(member.code) for member in members[:3])},
                )
            )
    found.sort(key=lambda item: item.row)
    return found


def _rows(found: list[LookAlike], kind: str) -> int:
    return len({item.row for item in found if item.kind == kind})


def summary(found: list[LookAlike], *, rows: int) -> list[str]:
    """What the preview says above the rows, one sentence per kind found, with its
    count of rows; `rows` is the number of rows in the file."""
    registered, repeated = _rows(found, REGISTERED), _rows(found, REPEATED)
    lines = []
    if registered and registered == rows:
        lines.append(
            _("Every row looks like a member already registered: was this file imported before?")
        )
    elif registered:
        lines.append(
            ngettext(
                "%(count)s row looks like a member already registered.",
                "%(count)s rows look like members already registered.",
                registered,
            )
            % {"count": figure(registered)}
        )
    if repeated:
        lines.append(
            ngettext(
                "%(count)s row looks like the same person as an earlier row of this file.",
                "%(count)s rows look like the same person as an earlier row of this file.",
                repeated,
            )
            % {"count": figure(repeated)}
        )
    return lines


def skip_all_label(found: list[LookAlike]) -> str:
    """The "skip all" choice, saying how many rows it skips and of which kinds."""
    count = len({item.row for item in found})
    registered, repeated = _rows(found, REGISTERED), _rows(found, REPEATED)
    if not repeated:
        text = ngettext(
            "Skip the %(count)s row that looks like a member already registered",
            "Skip all %(count)s rows that look like members already registered",
            count,
        )
    elif not registered:
        text = ngettext(
            "Skip the %(count)s row that looks like an earlier row of this file",
            "Skip all %(count)s rows that look like an earlier row of this file",
            count,
        )
    else:
        text = ngettext(
            "Skip the %(count)s row listed below: it looks like a member already "
            "registered or like an earlier row of this file",
            "Skip all %(count)s rows listed below: each looks like a member already "
            "registered or like an earlier row of this file",
            count,
        )
    return text % {"count": figure(count)}


def by_row(found: list[LookAlike]) -> list[tuple[int, list[str]]]:
    """(row, its messages) for each row that looks like someone, in row order: the rows
    the importer may choose to skip."""
    rows: dict[int, list[str]] = {}
    for item in found:
        rows.setdefault(item.row, []).append(item.message)
    return sorted(rows.items())
