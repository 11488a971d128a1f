#!/usr/bin/env python
"""Build the design-scale database on the PostgreSQL of DATABASE_URL.

    createdb -h 127.0.0.1 -U postgres wc_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wc_bench .venv/bin/python bench/load.py
    ... bench/load.py --scale 0.02      # 2 % of every count: a quick run

At `--scale 1` (DESIGN.md's plan): one programme of 50 centres, 250,000 members,
6,000,000 visits over two years (with purposes; the first centre, SAA, is the big one
with 1.2 M of them), 50,000 grievance cases (issues, assignees, notes, timeline),
about 550,000 consents, 62,000 sessions with 500,000 bookings, 60,000 service
requests, 100,000 workers' comments and 1,000,000 audit entries. Centres, staff and
the programme are made through the ORM; the bulk rows by COPY (members) and
`INSERT … SELECT generate_series` (the rest), with the secondary indexes and the
foreign keys of the bulk tables dropped first and rebuilt after, then `ANALYZE`.

Encrypted columns hold real Fernet tokens and digests made with `centres.crypto`
under the configured key: every member's phone and its search digest are its own
(so a search by phone finds one member), other texts come from a small pool of real
ciphertexts. Staff sign in with the password `bench-pass-2026`
(`manager.saa@bench.example.org`, `social.saa@…`, `legal.saa@…`, `committee.saa@…`,
`coordinator@bench.example.org`).

Loads once: a database that already holds the bench programme only gets what was
added to the load since (workers' comments); drop the database to load it afresh.
Prints the time of each step.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workercentre.settings.local")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

PROGRAMME = "Bench programme at design scale"
PASSWORD = "bench-pass-2026"  # noqa: S105 - a benchmark's published password
ZONE = "Asia/Amman"
CENTRES = 50
# Counts at scale 1.
MEMBERS = 250_000
VISITS = 6_000_000
CASES = 50_000
REQUESTS = 60_000
COMMENTS = 100_000
AUDIT = 1_000_000
SERVICES_PER_CENTRE = 6
DAYS = 730
# Staff of each centre: role and how many.
STAFF = [
    ("manager", "manager", 1),
    ("social", "social_worker", 4),
    ("legal", "legal_advisor", 2),
    ("committee", "committee_member", 3),
]
BULK_TABLES = [
    "members_member",
    "members_consent",
    "members_visit",
    "members_visit_purposes",
    "advocacy_grievance",
    "advocacy_grievance_assignees",
    "advocacy_grievanceissue",
    "advocacy_casenote",
    "advocacy_caseevent",
    "services_session",
    "services_booking",
    "services_servicerequest",
    "advocacy_comment",
    "centres_auditentry",
]
NAMES = [
    "Sita Gurung", "Maya Tamang", "Rina Shrestha", "Fatima Begum", "Amina Khatun",
    "Nasrin Akter", "Mariam Haddad", "Layla Nasser", "Huda Saleh", "Rania Aziz",
    "Priya Sharma", "Anjali Devi", "Kamala Rai", "Sunita Magar", "Bishnu Thapa",
    "Rahima Sultana", "Shirin Ahmed", "Mehedi Hasan", "Rafiq Islam", "Karim Uddin",
    "Ahmad Khalil", "Omar Fares", "Yusuf Ali", "Hassan Mahmoud", "Samir Taha",
    "Grace Achieng", "Mercy Wanjiru", "Joy Nakato", "Esther Mensah", "Ruth Tesfaye",
    "Rosa Dela Cruz", "Maricel Santos", "Joy Reyes", "Lorna Bautista", "Divina Ramos",
    "سيتا غورونغ", "فاطمة بيغوم", "مريم حداد", "ليلى ناصر", "هدى صالح",
    "सीता गुरुङ", "माया तामाङ", "प्रिया शर्मा", "সীতা গুরুং", "ফাতেমা বেগম",
]  # fmt: skip


def step(label: str, started: list[float]) -> None:
    now = time.perf_counter()
    print(f"  {label:<58} {now - started[0]:7.1f} s", flush=True)
    started[0] = now


def centre_code(n: int) -> str:
    return "S" + chr(65 + n // 26) + chr(65 + n % 26)


def phone_of(centre_n: int, k: int) -> str:
    """A distinct, valid Jordanian mobile number per member."""
    return f"+9627{7 + (centre_n + k) % 3}{(centre_n * 100_003 + k) % 10_000_000:07d}"


def skeleton(scale: float):
    """Programme, centres, staff, services: through the ORM (a few hundred rows)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from centres.categories import ServiceCategory
    from centres.models import (
        Centre,
        CentreRole,
        IntermediaryKind,
        Programme,
        ProgrammeCoordinator,
        User,
    )
    from services.models import Service

    programme = Programme.objects.create(name=PROGRAMME, time_zone=ZONE)
    password = make_password(PASSWORD)
    centres = Centre.objects.bulk_create(
        Centre(
            programme=programme,
            name=f"Bench centre {centre_code(n)}",
            code=centre_code(n),
            country="JO",
            languages=["ar", "bn", "en", "ne"],
            intermediary_kind=IntermediaryKind.NGO,
            time_zone=ZONE,
        )
        for n in range(CENTRES)
    )
    users = []
    for centre in centres:
        for prefix, _role, count in STAFF:
            for k in range(count):
                suffix = "" if count == 1 or k == 0 else str(k + 1)
                users.append(
                    User(email=f"{prefix}{suffix}.{centre.code.lower()}@bench.example.org")
                )
    users.append(User(email="coordinator@bench.example.org"))
    for user in users:
        user.password = password
    users = User.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    ProgrammeCoordinator.objects.create(user=users[-1], programme=programme)
    by_email = {u.email: u for u in users}
    roles = []
    staff: dict[int, dict[str, list[int]]] = {}
    for centre in centres:
        staff[centre.pk] = {}
        for prefix, role, count in STAFF:
            ids = []
            for k in range(count):
                suffix = "" if count == 1 or k == 0 else str(k + 1)
                user = by_email[f"{prefix}{suffix}.{centre.code.lower()}@bench.example.org"]
                roles.append(CentreRole(user=user, centre=centre, role=role))
                ids.append(user.pk)
            staff[centre.pk][role] = ids
    CentreRole.objects.bulk_create(roles)
    categories = list(ServiceCategory.objects.filter(centre__isnull=True).order_by("pk"))
    services = Service.objects.bulk_create(
        Service(
            centre=centre,
            category=categories[k % len(categories)],
            name=f"{categories[k % len(categories)].code} group",
            capacity=12,
        )
        for centre in centres
        for k in range(SERVICES_PER_CENTRE)
    )
    return programme, centres, staff, [c.pk for c in categories], [s.pk for s in services]


def index_definitions(cursor) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Drop the bulk tables' secondary indexes, unique and foreign-key constraints;
    return what recreates them (indexes, then constraints)."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
        FROM pg_constraint c
        WHERE c.conrelid::regclass::text = ANY(%s) AND c.contype IN ('f', 'u')
        """,
        [BULK_TABLES],
    )
    constraints = [(table, name, definition) for table, name, definition, _ in cursor.fetchall()]
    cursor.execute(
        """
        SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = ANY(%s) AND i.indexname NOT IN (
            SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))
        """,
        [BULK_TABLES],
    )
    indexes = cursor.fetchall()
    for table, name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for _table, name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    unique = [(t, n, d) for t, n, d in constraints if d.startswith("UNIQUE")]
    foreign = [(t, n, d) for t, n, d in constraints if not d.startswith("UNIQUE")]
    return [d for _t, _n, d in indexes], unique + foreign


def ciphertexts(texts: list[str]) -> list[str]:
    from centres.crypto import encrypt

    return [encrypt(text) for text in texts]


def load_members(cursor, centres, staff, count: int, started) -> None:
    from centres.crypto import digest
    from centres.text import person_name_key

    keys = {name: person_name_key(name) for name in NAMES}
    statuses = ciphertexts(["regular", "irregular", "refugee", "pending", "not_said"])
    now = timezone.now()
    per_centre = count // len(centres)
    with cursor.copy(
        "COPY members_member (number, code, preferred_name, search_name, preferred_language,"
        " gender, age_band, sector, occupation, nationality, migration_status, phone,"
        " phone_digest, safe_to_contact, never_contact_via_employer, registered_at,"
        " centre_id, registered_by_id, card_token, card_token_hash) FROM STDIN"
    ) as copy:
        from centres.crypto import encrypt

        for n, centre in enumerate(centres):
            social = staff[centre.pk]["social_worker"]
            for k in range(per_centre):
                name = NAMES[(k * 7 + n) % len(NAMES)]
                has_phone = k % 5 != 0
                phone = phone_of(n, k) if has_phone else ""
                copy.write_row(
                    (
                        k + 1,
                        f"{centre.code}-{k + 1:04d}",
                        name,
                        keys[name],
                        ["ne", "ar", "bn", "en", "hi"][k % 5],
                        ["woman", "woman", "man", "", "other"][k % 5],
                        ["18-24", "25-34", "35-44", "45-54", ""][k % 5],
                        ["domestic", "garment", "construction", "agriculture", "care"][k % 5],
                        "",
                        ["NP", "BD", "LK", "PH", "ET", "SY", ""][k % 7],
                        statuses[k % len(statuses)] if k % 3 == 0 else "",
                        encrypt(phone) if has_phone else "",
                        digest(phone) if has_phone else "",
                        has_phone,
                        True,
                        now - timedelta(days=DAYS * (per_centre - k) / per_centre + 30),
                        centre.pk,
                        social[k % len(social)],
                        "",
                        "",
                    )
                )
    step(f"{per_centre * len(centres):,} members (COPY, phones encrypted one by one)", started)


def member_ranges(cursor) -> tuple[list[int], list[int], list[int]]:
    """Per bench centre (in centre id order): id, first member id, member count."""
    cursor.execute(
        """
        SELECT c.id, min(m.id), count(m.id) FROM centres_centre c
        JOIN members_member m ON m.centre_id = c.id
        WHERE c.code LIKE 'S%%' AND c.programme_id = (
            SELECT id FROM centres_programme WHERE name = %s)
        GROUP BY c.id ORDER BY c.id
        """,
        [PROGRAMME],
    )
    rows = cursor.fetchall()
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def bulk_args(cursor, staff, categories) -> dict:
    """The parameters every bulk statement draws from: centre ids, member id ranges,
    staff per centre, categories, and pools of real ciphertexts."""
    ids, first, sizes = member_ranges(cursor)
    pool = ciphertexts(
        [
            "The employer kept my passport and has not paid for three months.",
            "Dismissed after asking for a day off; wages owed since March.",
            "Recruitment fee debt deducted from every pay slip.",
            "Locked in the house, no phone, working sixteen hours a day.",
            "Injured at the site; the employer refuses to pay the clinic.",
        ]
    )
    return {
        "ids": ids,
        "first": first,
        "sizes": sizes,
        "n": len(ids),
        "social": [staff[c]["social_worker"][0] for c in ids],
        "legal": [staff[c]["legal_advisor"][0] for c in ids],
        "managers": [staff[c]["manager"][0] for c in ids],
        "cats": categories,
        "ncats": len(categories),
        "pool": pool,
        "short": ciphertexts(["Class for beginners", "Help with a visa renewal", "Evening clinic"]),
        "days": DAYS,
    }


def runner(cursor, args: dict, started):
    def run(label: str, sql: str, **extra) -> None:
        cursor.execute(sql, {**args, **extra})
        step(f"{cursor.rowcount:,} {label}", started)

    return run


def load_rows(cursor, centres, staff, categories, services, scale: float, started) -> None:
    args = bulk_args(cursor, staff, categories)
    run = runner(cursor, args, started)

    # Consents: services (90 %), statistics (80 %), case handling (20 %), referral (10 %);
    # one in twenty statistics consents withdrawn and given again (history rows).
    run(
        "consents",
        """
        INSERT INTO members_consent (member_id, purpose, version, wording, given_at,
            expires_at, withdrawn_at, recorded_by_id)
        SELECT m.id, p.purpose, '2026-1', 'bench', m.registered_at, NULL,
            CASE WHEN p.purpose = 'statistics' AND p.modulo = 20
                THEN m.registered_at + interval '30 days' END,
            NULL
        FROM members_member m
        JOIN (VALUES ('services', 10, 0, false), ('statistics', 5, 1, false),
                     ('case_handling', 5, 4, true), ('referral', 10, 9, true),
                     ('statistics', 20, 3, true)) AS p(purpose, modulo, rest, exact)
          ON (p.exact AND m.number %% p.modulo = p.rest)
             OR (NOT p.exact AND m.number %% p.modulo <> p.rest)
        WHERE m.centre_id = ANY(%(ids)s)
        """,
    )
    # Visits: two years, ids in time order; 40 % a member's, the rest head-counts. The
    # first centre is the programme's big one: a fifth of all visits (1.2 M at scale 1).
    visits = int(VISITS * scale)
    run(
        "visits",
        """
        INSERT INTO members_visit (centre_id, member_id, people, gender, age_band,
            nationality, arrived_at, left_at, channel, logged_by_id)
        SELECT (%(ids)s::bigint[])[c],
            CASE WHEN i %% 5 < 2 THEN (%(first)s::bigint[])[c]
                + (i * 7919) %% (%(sizes)s::int[])[c] END,
            CASE WHEN i %% 5 < 2 THEN 1 ELSE 1 + i %% 4 END,
            (ARRAY['woman', 'man', '', 'woman'])[1 + i %% 4],
            (ARRAY['25-34', '18-24', '', '35-44', '45-54'])[1 + i %% 5],
            (ARRAY['NP', 'BD', 'LK', 'PH', 'ET', 'SY', ''])[1 + i %% 7],
            t, CASE WHEN i %% 3 = 0 THEN t + interval '90 minutes' END,
            CASE WHEN i %% 5 = 4 THEN 'kiosk' ELSE 'staff' END,
            CASE WHEN i %% 5 = 4 THEN NULL ELSE (%(social)s::bigint[])[c] END
        FROM generate_series(0, %(visits)s::bigint - 1) AS i,
            LATERAL (SELECT CASE WHEN i %% 100 < 18 THEN 1 ELSE 1 + i %% %(n)s END AS c,
                now() - (%(days)s * interval '1 day') * (1 - i::float8 / %(visits)s)
                    - ((i * 37) %% 600) * interval '1 second' AS t) AS x
        """,
        visits=visits,
    )
    # Purposes: one per visit, a second for three in ten.
    run(
        "visit purposes",
        """
        INSERT INTO members_visit_purposes (visit_id, servicecategory_id)
        SELECT v.id, (%(cats)s::bigint[])[1 + (v.id * 31 + k) %% %(ncats)s]
        FROM members_visit v, generate_series(0, 1) AS k
        WHERE v.centre_id = ANY(%(ids)s) AND (k = 0 OR v.id %% 10 < 3)
        """,
    )
    cases = int(CASES * scale)
    run(
        "grievance cases",
        """
        INSERT INTO advocacy_grievance (centre_id, member_id, pseudonym, sector, narrative,
            contact, risk, status, consent_given, follow_up_on, outcome, closed_reason,
            opened_at, finished_at, opened_by_id)
        SELECT (%(ids)s::bigint[])[c],
            CASE WHEN i %% 5 <> 0 THEN (%(first)s::bigint[])[c]
                + (i * 104729) %% (%(sizes)s::int[])[c] END,
            CASE WHEN i %% 5 = 0 THEN (%(short)s::text[])[1] ELSE '' END,
            (ARRAY['domestic', 'garment', 'construction', 'care'])[1 + i %% 4],
            (%(pool)s::text[])[1 + i %% 5], '',
            (ARRAY['low', 'medium', 'high', 'urgent'])[1 + i %% 4],
            s.status, true,
            CASE WHEN s.open THEN (t + interval '14 days')::date END,
            CASE WHEN s.status = 'resolved' THEN 'favour'
                 WHEN s.status = 'closed' THEN 'withdrawn' ELSE '' END,
            '', t, CASE WHEN NOT s.open THEN t + interval '60 days' END,
            (%(social)s::bigint[])[c]
        FROM generate_series(0, %(cases)s::bigint - 1) AS i,
            LATERAL (SELECT 1 + i %% %(n)s AS c,
                now() - (%(days)s * interval '1 day') * (1 - i::float8 / %(cases)s) AS t) x,
            LATERAL (SELECT (ARRAY['intake', 'advice', 'mediation', 'referral', 'resolved',
                    'resolved', 'closed', 'closed', 'resolved', 'closed'])[1 + i %% 10] AS status,
                i %% 10 < 4 AS open) s
        """,
        cases=cases,
    )
    run(
        "case assignees",
        """
        INSERT INTO advocacy_grievance_assignees (grievance_id, user_id)
        SELECT g.id, u.user_id FROM advocacy_grievance g
        JOIN LATERAL (SELECT array_position(%(ids)s::bigint[], g.centre_id) AS c) x ON true
        JOIN LATERAL (
            SELECT (%(social)s::bigint[])[x.c] AS user_id
            UNION ALL SELECT (%(legal)s::bigint[])[x.c] WHERE g.id %% 3 = 0
        ) u ON true
        WHERE g.centre_id = ANY(%(ids)s)
        """,
    )
    run(
        "case issues",
        """
        INSERT INTO advocacy_grievanceissue (grievance_id, issue_type)
        SELECT g.id, t FROM advocacy_grievance g,
            LATERAL (SELECT (ARRAY['wage_theft', 'documents', 'overtime', 'violence', 'deception'])
                [1 + g.id %% 5] AS t
             UNION SELECT 'contract' WHERE g.id %% 4 = 0) x
        WHERE g.centre_id = ANY(%(ids)s)
        """,
    )
    run(
        "case notes",
        """
        INSERT INTO advocacy_casenote (grievance_id, text, legal, author_id, written_at)
        SELECT g.id, (%(pool)s::text[])[1 + (g.id + k) %% 5], k = 3 AND g.id %% 3 = 0,
            g.opened_by_id, g.opened_at + k * interval '3 days'
        FROM advocacy_grievance g, generate_series(0, 3) AS k
        WHERE g.centre_id = ANY(%(ids)s)
        """,
    )
    run(
        "case events",
        """
        INSERT INTO advocacy_caseevent (grievance_id, kind, from_status, to_status,
            from_value, to_value, actor_id, at)
        SELECT g.id, e.kind, e.f, e.t, '', '', g.opened_by_id, g.opened_at + e.d
        FROM advocacy_grievance g, LATERAL (VALUES
            ('opened', '', 'intake', interval '0'),
            ('assigned', '', '', interval '1 hour'),
            ('note', '', '', interval '3 days'),
            ('moved', 'intake', g.status, interval '10 days')) AS e(kind, f, t, d)
        WHERE g.centre_id = ANY(%(ids)s) AND (e.kind <> 'moved' OR g.status <> 'intake')
        """,
    )
    # Sessions: each service twice a week for two years (scaled), 8 bookings each.
    weeks = max(int(104 * scale), 4)
    run(
        "sessions",
        """
        INSERT INTO services_session (centre_id, service_id, starts_at, ends_at, capacity,
            walk_ins, cancel_reason)
        SELECT s.centre_id, s.id, t, t + interval '2 hours', 12, (w + k) %% 3, ''
        FROM services_service s, generate_series(0, %(weeks)s - 1) AS w,
            generate_series(0, 1) AS k,
            LATERAL (SELECT date_trunc('hour', now()) + interval '14 days'
                - (%(weeks)s - w) * interval '7 days' + k * interval '3 days'
                + (s.id %% 8) * interval '1 hour' AS t) x
        WHERE s.centre_id = ANY(%(ids)s)
        """,
        weeks=weeks,
    )
    run(
        "bookings",
        """
        INSERT INTO services_booking (session_id, member_id, status, attended, fee_status,
            waiver_reason, created_at, created_by_id)
        SELECT s.id, (%(first)s::bigint[])[x.c] + (s.id * 13 + k) %% (%(sizes)s::int[])[x.c],
            CASE WHEN k = 7 THEN 'cancelled' WHEN k = 6 THEN 'waiting' ELSE 'booked' END,
            CASE WHEN s.starts_at < now() AND k < 6 THEN k <> 5 END, 'none', '',
            s.starts_at - interval '5 days', (%(social)s::bigint[])[x.c]
        FROM services_session s
        JOIN LATERAL (SELECT array_position(%(ids)s::bigint[], s.centre_id) AS c) x ON true,
            generate_series(0, 7) AS k
        WHERE s.centre_id = ANY(%(ids)s)
        """,
    )
    requests = int(REQUESTS * scale)
    run(
        "service requests",
        """
        INSERT INTO services_servicerequest (centre_id, category_id, wish, member_id, channel,
            status, decline_reason, created_at, created_by_id)
        SELECT (%(ids)s::bigint[])[c], (%(cats)s::bigint[])[1 + i %% %(ncats)s],
            (%(short)s::text[])[1 + i %% 3],
            CASE WHEN i %% 2 = 0 THEN (%(first)s::bigint[])[c]
                + (i * 7) %% (%(sizes)s::int[])[c] END,
            CASE WHEN i %% 4 = 0 THEN 'kiosk' ELSE 'staff' END,
            (ARRAY['new', 'review', 'planned', 'offered', 'declined'])[1 + i %% 5],
            CASE WHEN i %% 5 = 4 THEN (%(short)s::text[])[2] ELSE '' END,
            now() - (%(days)s * interval '1 day') * (1 - i::float8 / %(requests)s),
            (%(social)s::bigint[])[c]
        FROM generate_series(0, %(requests)s::bigint - 1) AS i,
            LATERAL (SELECT 1 + i %% %(n)s AS c) x
        """,
        requests=requests,
    )
    load_comments(scale, run)
    from django.contrib.contenttypes.models import ContentType

    from advocacy.models import Grievance
    from members.models import Member

    audit = int(AUDIT * scale)
    run(
        "audit entries",
        """
        INSERT INTO centres_auditentry (object_pk, object_id, object_repr, action,
            changes_text, changes, timestamp, actor_id, actor_email, content_type_id,
            centre_id)
        SELECT o::text, o, CASE WHEN i %% 2 = 0 THEN 'CASE-' || o ELSE 'member ' || o END,
            CASE WHEN i %% 3 = 0 THEN 1 ELSE 3 END, '', '{}'::jsonb,
            now() - (%(days)s * interval '1 day') * (1 - i::float8 / %(audit)s),
            (%(managers)s::bigint[])[c], NULL,
            CASE WHEN i %% 2 = 0 THEN %(case_type)s ELSE %(member_type)s END,
            (%(ids)s::bigint[])[c]
        FROM generate_series(0, %(audit)s::bigint - 1) AS i,
            LATERAL (SELECT 1 + i %% %(n)s AS c) x,
            LATERAL (SELECT CASE WHEN i %% 2 = 0 THEN i / 20 + 1
                ELSE (%(first)s::bigint[])[c] + i %% (%(sizes)s::int[])[c] END AS o) y
        """,
        audit=audit,
        case_type=ContentType.objects.get_for_model(Grievance).pk,
        member_type=ContentType.objects.get_for_model(Member).pk,
    )


def load_comments(scale: float, run) -> None:
    """Workers' comments (their words encrypted), half of them coded by the staff."""
    run(
        "workers' comments",
        """
        INSERT INTO advocacy_comment (centre_id, channel, text, submitted_on, may_share,
            contact_wanted, sentiment, coded_at, coded_by_id, shared_text, member_id,
            entered_by_id)
        SELECT (%(ids)s::bigint[])[c], (ARRAY['phone', 'kiosk', 'paper'])[1 + i %% 3],
            (%(short)s::text[])[1 + i %% 3], t::date, i %% 4 = 0, i %% 10 = 0,
            CASE WHEN i %% 2 = 0 THEN (ARRAY['positive', 'mixed', 'negative'])[1 + i %% 3]
                ELSE '' END,
            CASE WHEN i %% 2 = 0 THEN t + interval '2 days' END,
            CASE WHEN i %% 2 = 0 THEN (%(managers)s::bigint[])[c] END, '',
            CASE WHEN i %% 10 = 0 THEN (%(first)s::bigint[])[c]
                + (i * 11) %% (%(sizes)s::int[])[c] END,
            CASE WHEN i %% 3 = 2 THEN (%(social)s::bigint[])[c] END
        FROM generate_series(0, %(comments)s::bigint - 1) AS i,
            LATERAL (SELECT 1 + i %% %(n)s AS c,
                now() - (%(days)s * interval '1 day') * (1 - i::float8 / %(comments)s) AS t) x
        """,
        comments=int(COMMENTS * scale),
    )


def top_up(started) -> None:
    """A database loaded before workers' comments were part of the load gets them,
    at the scale its visits were loaded at; otherwise there is nothing to do."""
    from advocacy.feedback.models import Comment
    from centres.categories import ServiceCategory
    from centres.models import CentreRole
    from members.models import Visit

    centres = CentreRole.objects.filter(centre__programme__name=PROGRAMME)
    if Comment.objects.filter(centre__programme__name=PROGRAMME).exists():
        print("The bench programme is already loaded: nothing to do.")
        return
    staff: dict[int, dict[str, list[int]]] = {}
    for centre_id, role, user_id in centres.order_by("user_id").values_list(
        "centre_id", "role", "user_id"
    ):
        staff.setdefault(centre_id, {}).setdefault(role, []).append(user_id)
    categories = list(
        ServiceCategory.objects.filter(centre__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    scale = Visit.objects.filter(centre__programme__name=PROGRAMME).count() / VISITS
    with transaction.atomic(), connection.cursor() as cursor:
        load_comments(scale, runner(cursor, bulk_args(cursor, staff, categories), started))
        cursor.execute("ANALYZE advocacy_comment")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the design")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/load.py needs PostgreSQL (DATABASE_URL).")
    from centres.models import Programme

    started = [time.perf_counter()]
    begin = started[0]
    call_command("migrate", verbosity=0)
    step("migrate", started)
    if Programme.objects.filter(name=PROGRAMME).exists():
        top_up(started)
        return
    print(f"Loading at scale {args.scale:g} ({int(VISITS * args.scale):,} visits):", flush=True)
    with transaction.atomic():
        programme, centres, staff, categories, services = skeleton(args.scale)
        step(f"{len(centres)} centres, staff, services (ORM)", started)
        with connection.cursor() as cursor:
            # Check the skeleton's deferred keys now: none may be pending when the bulk
            # tables' constraints are added back.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            indexes, constraints = index_definitions(cursor)
            step(f"dropped {len(indexes)} indexes, {len(constraints)} constraints", started)
            load_members(cursor, centres, staff, int(MEMBERS * args.scale), started)
            load_rows(cursor, centres, staff, categories, services, args.scale, started)
            for definition in indexes:
                cursor.execute(definition)
            step(f"rebuilt {len(indexes)} indexes", started)
            for table, name, definition in constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            step(f"rebuilt {len(constraints)} unique and foreign-key constraints", started)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        step("ANALYZE", started)
    print(f"Loaded in {time.perf_counter() - begin:.0f} s.")


if __name__ == "__main__":
    main()
