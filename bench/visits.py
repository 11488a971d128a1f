#!/usr/bin/env python
"""Benchmark visits at scale against the raw floor, on the database of DATABASE_URL.

    createdb -h 127.0.0.1 -U postgres wc_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wc_bench .venv/bin/python bench/visits.py 200000

Migrates, loads N visits into one centre (once), then prints: our CSV export vs
PostgreSQL COPY of the same rows, the dashboard's figures for 90 days, one page of the
visit log, and logging a visit. Figures only; nothing is asserted.
"""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workercentre.settings.local")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402


def timed(label, function, repeat=3):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<48} {best * 1000:10.1f} ms")
    return best, result


def main(count: int) -> None:
    from centres.models import Centre, CentreRole, IntermediaryKind, Programme, Role, User
    from members.actions import visit_log
    from members.exports import visits_export
    from members.models import Visit
    from members.selectors import visit_figures

    call_command("migrate", verbosity=0)
    programme, _ = Programme.objects.get_or_create(
        name="Bench programme", defaults={"time_zone": "Asia/Amman"}
    )
    centre, _ = Centre.objects.get_or_create(
        code="BEN",
        defaults={
            "name": "Bench",
            "country": "JO",
            "time_zone": "Asia/Amman",
            "programme": programme,
            "intermediary_kind": IntermediaryKind.NGO,
        },
    )
    user, _ = User.objects.get_or_create(email="bench@example.org")
    CentreRole.objects.get_or_create(user=user, centre=centre, role=Role.MANAGER)
    have = Visit.objects.filter(centre=centre).count()
    if have < count:
        rng = random.Random(1)  # noqa: S311
        now = timezone.now()
        batch = [
            Visit(
                centre=centre,
                people=rng.randint(1, 4),
                gender=rng.choice(["woman", "man", ""]),
                arrived_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
            )
            for _ in range(count - have)
        ]
        Visit.objects.bulk_create(batch, batch_size=5000)
    visits = (
        Visit.objects.filter(centre=centre).select_related("member").prefetch_related("purposes")
    )
    total = visits.count()
    print(f"{connection.vendor}, {total} visits in the centre\n")

    ours, _ = timed(
        "our CSV export (streamed, in chunks)",
        lambda: sum(len(line) for line in visits_export(visits, centre=centre).csv_lines()),
        1,
    )
    if connection.vendor == "postgresql":
        sql = (
            "COPY (SELECT arrived_at, left_at, '' AS member_code, people, gender, age_band, "
            "nationality, '' AS purposes, channel FROM members_visit "
            f"WHERE centre_id = {int(centre.pk)} ORDER BY arrived_at DESC) "
            "TO STDOUT WITH CSV HEADER"
        )

        def copy():
            with connection.cursor() as cursor, cursor.copy(sql) as stream:
                return sum(len(chunk) for chunk in stream)

        floor, _ = timed("PostgreSQL COPY of the same rows (floor)", copy, 1)
        print(f"{'ratio export / COPY':<48} {ours / floor:10.1f} x")
    since = timezone.now() - timedelta(days=90)
    timed(
        "dashboard figures, 90 days",
        lambda: visit_figures(centre=centre, since=since, until=timezone.now()),
    )
    client = Client()
    client.force_login(user)
    timed(
        "visit log, first page (HTTP, in process)",
        lambda: client.get(f"/centres/{centre.pk}/visits/"),
    )
    timed("visit log, page 500", lambda: client.get(f"/centres/{centre.pk}/visits/?page=500"))
    timed("log one visit", lambda: visit_log(centre=centre, by=user, people=2), repeat=20)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
