"""Load the demo: one programme, two centres and one person per role.

Safe to run again: it finds what is already there and adds only what is missing.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from advocacy.statistics.schedule import releases_make
from centres.models import (
    Accessibility,
    Centre,
    CentreRole,
    FundingKind,
    FundingSource,
    IntermediaryKind,
    Programme,
    ProgrammeCoordinator,
    Role,
    User,
)
from demo.cases import load_cases
from demo.feedback import has_feedback, load_feedback
from demo.governance import load_governance
from demo.recommendations import has_recommendations, load_recommendations
from demo.reports import load_reports
from demo.retention import has_retention_history, load_retention_history, run_retention
from demo.services import BEIRUT_REQUESTS, BEIRUT_SERVICES, load_services
from demo.this_week import load_this_week, load_worker
from demo.visits import AMMAN_HOURS, BEIRUT_HOURS, load_members_and_visits

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo credential, DEBUG only

CENTRES = [
    {
        "code": "AMM",
        "name": "Amman Workers' Centre",
        "country": "JO",
        "time_zone": "Asia/Amman",
        "area": "Sahab industrial estate",
        "address": "Building 12, Street 4, Sahab",
        "opening_hours": "Friday and Saturday 10:00–20:00\nSunday to Thursday 17:00–21:00",
        "languages": ["ar", "bn", "en", "hi", "ne"],
        "accessibility": [
            Accessibility.STEP_FREE,
            Accessibility.WOMEN_ONLY_SPACE,
            Accessibility.QUIET_ROOM,
        ],
        "intermediary_kind": IntermediaryKind.NGO,
        "intermediary_name": "Tamkeen-style legal aid NGO",
    },
    {
        "code": "BEY",
        "name": "Beirut Domestic Workers' Centre",
        "country": "LB",
        "time_zone": "Asia/Beirut",
        "area": "Bourj Hammoud",
        "address": "Armenia Street, ground floor",
        "opening_hours": "Sunday 09:00–18:00",
        "languages": ["am", "ar", "bn", "en", "fr"],
        "accessibility": [Accessibility.CHILDCARE],
        "intermediary_kind": IntermediaryKind.UNION,
        "intermediary_name": "Domestic workers' union",
    },
]

BEIRUT_NAMES = ["Tigist", "Hana", "Marta", "Selam", "Ruth", "Fatema", "Nasrin", "Mary", "Grace"]

PEOPLE = [
    ("manager@example.org", "Rania (manager)", "AMM", Role.MANAGER),
    ("social@example.org", "Samir (social worker)", "AMM", Role.SOCIAL_WORKER),
    ("legal@example.org", "Layla (legal advisor)", "AMM", Role.LEGAL_ADVISOR),
    ("worker@example.org", "Sita (worker)", "AMM", Role.WORKER_MEMBER),
    ("manager2@example.org", "Hiba (manager, Beirut)", "BEY", Role.MANAGER),
]


class Command(BaseCommand):
    help = "Load demo data (refuses to run unless DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo data is for local use only: DEBUG is off.")
        with transaction.atomic():
            programme, _ = Programme.objects.get_or_create(
                name="Levant Worker Centres Programme", defaults={"time_zone": "Asia/Amman"}
            )
            centres = {}
            for data in CENTRES:
                centre, created = Centre.objects.get_or_create(
                    code=data["code"], defaults={**data, "programme": programme}
                )
                if created:  # opened when the demo's records begin, four months ago
                    centre.created_at = timezone.now() - timedelta(days=120)
                    Centre.objects.filter(pk=centre.pk).update(created_at=centre.created_at)
                centres[centre.code] = centre
            FundingSource.objects.get_or_create(
                centre=centres["AMM"],
                year=2026,
                funder="Bilateral development partner",
                defaults={"kind": FundingKind.DONOR, "amount": 180000, "currency": "USD"},
            )
            # The people of the demo joined and took up their roles as the centres opened.
            opened = min(centre.created_at for centre in centres.values())
            coordinator = self._user("coordinator@example.org", "Omar (coordinator)")
            ProgrammeCoordinator.objects.get_or_create(
                user=coordinator, programme=programme, defaults={"granted_at": opened}
            )
            for email, name, code, role in PEOPLE:
                user = self._user(email, name)
                CentreRole.objects.get_or_create(
                    user=user,
                    centre=centres[code],
                    role=role,
                    defaults={"granted_at": centres[code].created_at},
                )
            # The committee role is not handed out: Kamala holds it because she won a
            # seat in the demo election (see demo.governance).
            committee_user = self._user("committee@example.org", "Kamala (committee)")
            admin = self._user("admin@example.org", "Administrator")
            if not admin.is_superuser:
                admin.is_staff = admin.is_superuser = True
                admin.save(update_fields=["is_staff", "is_superuser"])
            emails = [coordinator.email, committee_user.email, admin.email]
            emails += [email for email, *_rest in PEOPLE]
            User.objects.filter(email__in=emails, date_joined__gt=opened).update(date_joined=opened)
            social = User.objects.get(email="social@example.org")
            if not centres["AMM"].members.exists():
                load_members_and_visits(centres["AMM"], by=social)
            if not centres["AMM"].services.exists():
                manager = User.objects.get(email="manager@example.org")
                load_services(centres["AMM"], manager=manager, social=social)
            if not centres["AMM"].grievances.exists():
                load_cases(
                    centres["AMM"],
                    social=social,
                    legal=User.objects.get(email="legal@example.org"),
                    hours=AMMAN_HOURS,
                )
            if not centres["AMM"].committees.exists():
                load_governance(
                    centres["AMM"],
                    manager=User.objects.get(email="manager@example.org"),
                    social=social,
                    committee_user=committee_user,
                    worker_user=User.objects.get(email="worker@example.org"),
                )
            if not has_feedback(centres["AMM"]):
                load_feedback(
                    centres["AMM"],
                    manager=User.objects.get(email="manager@example.org"),
                    social=social,
                )
            # The records past the demo's retention periods (from the centre's first
            # weeks) before any figure is released, so the releases count them.
            first_run = not has_retention_history()
            if first_run:
                load_retention_history(
                    centres["AMM"],
                    manager=User.objects.get(email="manager@example.org"),
                    social=social,
                )
            if not has_recommendations(centres["AMM"]):
                load_recommendations(
                    centres["AMM"],
                    manager=User.objects.get(email="manager@example.org"),
                    committee=User.objects.get(email="committee@example.org"),
                )
            self._load_beirut(centres["BEY"])
            manager = User.objects.get(email="manager@example.org")
            load_this_week(centres["AMM"], manager=manager, social=social, hours=AMMAN_HOURS)
            manager2 = User.objects.get(email="manager2@example.org")
            load_this_week(centres["BEY"], manager=manager2, social=manager2, hours=BEIRUT_HOURS)
            load_worker(
                centres["AMM"],
                user=User.objects.get(email="worker@example.org"),
                by=social,
                hours=AMMAN_HOURS,
            )
            load_reports(list(centres.values()), programme)
        if first_run:
            counts = run_retention()
            self.stdout.write(
                "Retention task: " + ", ".join(f"{key} {n}" for key, n in sorted(counts.items()))
            )
        # What the hourly schedule does (advocacy.tasks.release_closed_periods): pages
        # only read stored releases, so every offered period is released here.
        made = sum(len(releases_make(centre=centre)) for centre in centres.values())
        self.stdout.write(f"Figures released: {made}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready. Every demo user's password: {DEMO_PASSWORD}")
        )

    def _load_beirut(self, centre: Centre) -> None:
        """The second centre has its own members, visits, services and cases, in its
        own time zone, so that switching centres shows a different place."""
        manager = User.objects.get(email="manager2@example.org")
        if not centre.members.exists():
            load_members_and_visits(
                centre,
                by=manager,
                days=60,
                phone_prefix="+961 71",
                phone_digits=6,
                names=BEIRUT_NAMES,
                hours=BEIRUT_HOURS,
            )
        if not centre.services.exists():
            load_services(
                centre,
                manager=manager,
                social=manager,
                services=BEIRUT_SERVICES,
                requests=BEIRUT_REQUESTS,
                currency="USD",
            )
        if not centre.grievances.exists():
            load_cases(centre, social=manager, legal=manager, hours=BEIRUT_HOURS, currency="USD")

    def _user(self, email: str, name: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user
