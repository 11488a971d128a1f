"""Does this person look like someone the centre already knows?

Two records look like one person when they have the same phone number (compared as
keyed digests of the E.164 form), or the same name as people type it, punctuation
aside (`centres.text.person_name_key`: "Maya D." is "Maya D"), with no disagreement on
nationality or age band where both give one. The front desk and the import use this
one rule; they warn and let staff decide, because two people can share a name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from centres.crypto import digest, digests
from centres.phones import e164_or_blank
from centres.text import person_name_key

from .models import Member

# What a registration or an import row tells about a person that matching uses.
PERSON_FIELDS = ("preferred_name", "phone", "nationality", "age_band")


@dataclass(frozen=True)
class Person:
    name_key: str
    phone: str  # E.164, or ""
    nationality: str = ""
    age_band: str = ""

    @property
    def phone_digest(self) -> str:
        return digest(self.phone) if self.phone else ""


def person_of(
    *, preferred_name="", phone="", nationality="", age_band="", region: str = "", **_other
) -> Person:
    return Person(
        name_key=person_name_key(str(preferred_name or "")),
        phone=e164_or_blank(str(phone or ""), region=region),
        nationality=str(nationality or "").upper(),
        age_band=str(age_band or "").lower(),
    )


def _agree(a: str, b: str) -> bool:
    return not a or not b or a == b


def same_person(a: Person, b: Person) -> bool:
    if a.phone and a.phone == b.phone:
        return True
    return bool(
        a.name_key
        and a.name_key == b.name_key
        and _agree(a.nationality, b.nationality)
        and _agree(a.age_band, b.age_band)
    )


def _as_person(member: Member) -> Person:
    return Person(
        name_key=member.search_name,
        phone=e164_or_blank(member.phone, region=member.centre.country),
        nationality=member.nationality,
        age_band=member.age_band,
    )


def existing_matches(centre, people: Iterable[Person]) -> dict[Person, list[Member]]:
    """For each person, the centre's active members who look like them; two queries
    whatever the number of people."""
    people = list(dict.fromkeys(people))
    phones = [digest_ for p in people if p.phone for digest_ in digests(p.phone)]
    names = [p.name_key for p in people if p.name_key]
    if not phones and not names:
        return {person: [] for person in people}
    found = list(
        Member.objects.for_centre(centre)
        .active()
        .select_related("centre")
        .filter(Q(phone_digest__in=phones) | Q(search_name__in=names))
        .order_by("number")
    )
    known = [(member, _as_person(member)) for member in found]
    return {
        person: [member for member, other in known if same_person(person, other)]
        for person in people
    }


def candidates(centre, person: Person, *, limit: int = 5) -> list[Member]:
    return existing_matches(centre, [person])[person][:limit]
