"""Rows that look like a person already in the file or already registered, by the
rule of `members.duplicates`. A file uploaded twice matches on every row."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from centres.models import Centre

from .. import duplicates
from ..resources import cell_text
from .sheet import Sheet


@dataclass(frozen=True)
class LookAlike:
    row: int | None
    message: str


def look_alikes(sheet: Sheet, *, centre: Centre) -> list[LookAlike]:
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
                    _("Looks like the same person as row %(row)s.")
                    % {"row": sheet.row_numbers[earlier]},
                )
            )
    matches = duplicates.existing_matches(centre, people)
    registered = 0
    for index, person in enumerate(people):
        members = matches.get(person) or []
        if members:
            registered += 1
            found.append(
                LookAlike(
                    sheet.row_numbers[index],
                    _("Looks like a member already registered: %(codes)s.")
                    % {"codes": ", ".join(member.code for member in members[:3])},
                )
            )
    found.sort(key=lambda item: item.row or 0)
    if registered and registered == len(people):
        found.insert(
            0,
            LookAlike(
                None,
                _(
                    "Every row looks like a member already registered: "
                    "was this file imported before?"
                ),
            ),
        )
    elif registered:
        found.insert(
            0,
            LookAlike(
                None,
                ngettext(
                    "%(count)d row looks like a member already registered.",
                    "%(count)d rows look like members already registered.",
                    registered,
                )
                % {"count": registered},
            ),
        )
    return found


def by_row(found: list[LookAlike]) -> list[tuple[int, list[str]]]:
    """(row, its messages) for each row that looks like someone, in row order: the rows
    the importer may choose to skip."""
    rows: dict[int, list[str]] = {}
    for item in found:
        if item.row is not None:
            rows.setdefault(item.row, []).append(item.message)
    return sorted(rows.items())
