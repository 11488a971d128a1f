"""Demo members and four months of visits, so the dashboard has something to show.

Members registered over the months before today, most of them in the first weeks (the
centre's opening drive), so that a ballot opened today has a full roll and the past
ballots' rolls hold the people who voted in them. Nobody visits before registering and
no visit ends after now. Deterministic (a fixed random seed), and only ever loaded into
an empty centre.
"""

import random
from datetime import time, timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from centres import local_time
from centres.categories import ServiceCategory
from centres.local_time import zone_of
from members import rollups
from members.actions import member_register
from members.models import (
    AgeBand,
    Consent,
    Gender,
    Member,
    MigrationStatus,
    Sector,
    Visit,
    VisitChannel,
)

NAMES = [
    "Sita",
    "Gita",
    "Rina",
    "Maya",
    "Anju",
    "Kamala",
    "Sunita",
    "Parbati",
    "Laxmi",
    "Rupa",
    "Fatema",
    "Nasrin",
    "Shirin",
    "Amina",
    "Rokeya",
    "Priya",
    "Asha",
    "Meena",
    "Kavita",
    "Deepa",
    "Tigist",
    "Hana",
    "Marta",
    "Selam",
    "Ruth",
    "Mary",
    "Grace",
    "Joy",
    "Rose",
    "Ana",
]
NATIONALITIES = ["NP", "BD", "IN", "LK", "ET", "PH"]
MIGRATION_STATUSES = [
    MigrationStatus.REGULAR,
    MigrationStatus.REGULAR,
    MigrationStatus.IRREGULAR,
    MigrationStatus.NOT_SAID,
    MigrationStatus.PENDING,
]

# The demo centres' opening hours (load_demo's `opening_hours` text) by weekday, Monday 0,
# as (opening hour, closing hour) on the centre's own clock.
AMMAN_HOURS = {4: (10, 20), 5: (10, 20)} | {day: (17, 21) for day in (6, 0, 1, 2, 3)}
BEIRUT_HOURS = {6: (9, 18)}


def load_members_and_visits(
    centre,
    *,
    by,
    days: int = 120,
    phone_prefix: str = "+962 79",
    phone_digits: int = 7,
    names=NAMES,
    hours=AMMAN_HOURS,
) -> None:
    """`hours`: the centre's opening hours, weekday (Monday 0) to its opening and closing
    hour on the centre's clock; every visit arrives and leaves within them."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    now = timezone.now()
    people = names * 2
    opened = now - timedelta(days=days)
    members = [
        member_register(
            centre=centre,
            by=by,
            consents=["services", "statistics"] + (["referral"] if i % 3 == 0 else []),
            preferred_name=f"{name} {chr(65 + i % 26)}.",
            gender=Gender.WOMAN if i % 7 else Gender.MAN,
            age_band=rng.choice(AgeBand.values[1:]),
            sector=rng.choice(
                [Sector.DOMESTIC, Sector.GARMENT, Sector.GARMENT, Sector.HOSPITALITY]
            ),
            nationality=rng.choice(NATIONALITIES),
            # Asked of some only, as at a real front desk; blank is "not asked".
            migration_status=MIGRATION_STATUSES[i % len(MIGRATION_STATUSES)] if i % 3 else "",
            phone=f"{phone_prefix} {rng.randrange(10 ** (phone_digits - 1), 10**phone_digits)}"
            if i % 2
            else "",
            safe_to_contact=bool(i % 2),
            registered_at=registered_on(opened, days, i, len(people), rng),
        )
        for i, name in enumerate(people)
    ]
    date_consents(members)
    categories = list(ServiceCategory.objects.for_centre(centre))
    visits, purposes = [], []
    zone, today = zone_of(centre), local_time.today(centre, now)
    for day in range(days, -1, -1):
        date = today - timedelta(days=day)
        if date.weekday() not in hours:
            continue  # closed that day
        opens, closes = hours[date.weekday()]
        closing = local_time.wall_clock(date, time(closes), zone)
        busy = closes - opens >= 8  # the long days: days off for many
        for _ in range(rng.randint(8, 20) if busy else rng.randint(1, 7)):
            at = time(rng.randrange(opens, closes), rng.randint(0, 59))
            arrived = local_time.wall_clock(date, at, zone)
            if arrived > now:
                continue
            registered = [m for m in members if m.registered_at <= arrived]
            anonymous = rng.random() < 0.35 or not registered
            left = min(arrived + timedelta(minutes=rng.randint(20, 180)), closing)
            visits.append(
                Visit(
                    centre=centre,
                    member=None if anonymous else rng.choice(registered),
                    people=rng.randint(1, 4) if anonymous else 1,
                    gender=rng.choice(["woman", "woman", "man", ""]) if anonymous else "",
                    arrived_at=arrived,
                    left_at=left if left <= now else None,  # still in the centre
                    channel=VisitChannel.KIOSK if rng.random() < 0.2 else VisitChannel.STAFF,
                    logged_by=by,
                )
            )
    Visit.objects.bulk_create(visits)
    Through = Visit.purposes.through
    for visit in Visit.objects.filter(centre=centre):
        for category in rng.sample(categories, rng.randint(1, 2)):
            purposes.append(Through(visit_id=visit.pk, servicecategory_id=category.pk))
    Through.objects.bulk_create(purposes)
    rollups.forget_days(centre, {timezone.localdate(v.arrived_at, zone_of(centre)) for v in visits})


def registered_on(opened, days: int, i: int, count: int, rng: random.Random):
    """When the i-th of `count` members registered: the earlier numbers in the first
    weeks after `opened`, the later ones spread up to a few days ago."""
    moment = opened + timedelta(days=days * (i / count) ** 2, minutes=rng.randint(60, 480))
    return min(moment, opened + timedelta(days=days))


def date_consents(members: list[Member]) -> None:
    """The consents given at registration carry the registration's date."""
    registered = Member.objects.filter(pk=OuterRef("member_id")).values("registered_at")[:1]
    Consent.objects.filter(member__in=members).update(given_at=Subquery(registered))
