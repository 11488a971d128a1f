"""Demo members and four months of visits, so the dashboard has something to show.

Deterministic (a fixed random seed), and only ever loaded into an empty centre.
"""

import random
from datetime import timedelta

from django.utils import timezone

from centres.categories import ServiceCategory
from centres.local_time import zone_of
from members import rollups
from members.actions import member_register
from members.models import AgeBand, Gender, MigrationStatus, Sector, Visit, VisitChannel

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


def load_members_and_visits(
    centre,
    *,
    by,
    days: int = 120,
    phone_prefix: str = "+962 79",
    phone_digits: int = 7,
    names=NAMES,
) -> None:
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
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
        )
        for i, name in enumerate(names * 2)
    ]
    categories = list(ServiceCategory.objects.for_centre(centre))
    now = timezone.now()
    visits, purposes = [], []
    for day in range(days, -1, -1):
        date = now - timedelta(days=day)
        weekend = date.weekday() in (4, 5)  # Friday and Saturday: days off for many
        for _ in range(rng.randint(8, 20) if weekend else rng.randint(1, 7)):
            arrived = date.replace(
                hour=rng.choice([10, 11, 14, 15, 16, 17, 18, 19]), minute=rng.randint(0, 59)
            )
            if arrived > now:
                continue
            anonymous = rng.random() < 0.35
            visits.append(
                Visit(
                    centre=centre,
                    member=None if anonymous else rng.choice(members),
                    people=rng.randint(1, 4) if anonymous else 1,
                    gender=rng.choice(["woman", "woman", "man", ""]) if anonymous else "",
                    arrived_at=arrived,
                    left_at=arrived + timedelta(minutes=rng.randint(20, 180)),
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
