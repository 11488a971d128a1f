#!/usr/bin/env python
"""Benchmark programme feedback reports at scale against a raw SQL GROUP BY, on the
database of DATABASE_URL (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres wc_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wc_bench \\
        .venv/bin/python bench/reports.py --scale 200000 --centres 4

Migrates, loads (once) `--scale` visits spread over the 13 months from December of
the year before last to December of last year, across `--centres` centres of one
programme, with members (most consenting to statistics), purposes, requests and cases
(INSERT … SELECT generate_series: seconds, not minutes). Then prints, in one run: the
daily visit roll-ups of every centre rebuilt over the 13 months (`members.rollups`;
kept up to date in use by the hourly `members.tasks.roll_up_visits`); the hourly
release schedule (`advocacy.statistics.schedule`) at a month's close (November and its
last week, every earlier week, month, quarter and year released as it closed) and at
the year's close (December, the fourth quarter and the year, December's weeks released
as they closed); a 1-month (December) and a 12-month programme report, as they are
built in operation: from the releases the schedule stored; and a raw SQL GROUP BY of
visits per centre, purpose and month over the same rows. With `--all`, also the
reports built together with their releases: from nothing (no stored release) and as
operated before the schedule existed (every month and quarter released as it closed;
with weeks too). For each: wall time, the CPU time of this process (the machine may be
shared: wall time then includes waiting for a core), and the peak Python memory
(tracemalloc, which also slows Python code down); then the ratios. Figures only;
nothing is asserted.
"""

import argparse
import os
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workercentre.settings.local")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

ZONE = "Asia/Amman"
MEMBERS_PER_CENTRE = 400


CPU: dict = {}  # label -> seconds of this process's CPU (the machine may be shared)


def measure(function):
    """(seconds, peak MiB of Python allocations, result) of one call; the process's
    CPU seconds of the last call are kept in CPU["last"]."""
    tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    seconds = time.perf_counter() - start
    CPU["last"] = time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, result


def setup(scale: int, centres: int, year: int):
    from centres.categories import ServiceCategory
    from centres.models import Centre, IntermediaryKind, Programme

    call_command("migrate", verbosity=0)
    programme, _ = Programme.objects.get_or_create(
        name="Report bench programme", defaults={"time_zone": ZONE}
    )
    made = []
    for n in range(centres):
        centre, _ = Centre.objects.get_or_create(
            code=f"RB{n}",
            defaults={
                "name": f"Report bench {n}",
                "country": "JO",
                "time_zone": ZONE,
                "programme": programme,
                "intermediary_kind": IntermediaryKind.NGO,
            },
        )
        made.append(centre)
    for centre in made:
        if not ServiceCategory.objects.for_centre(centre).exists():
            ServiceCategory.objects.bulk_create(
                ServiceCategory(
                    code=f"bench-{k}", kind="other", own_name=f"Bench {k}", centre=centre
                )
                for k in range(6)
            )
        _load(centre, scale // centres, year)
    return programme, made


@transaction.atomic
def _load(centre, visits: int, year: int) -> None:
    from advocacy.models import Grievance
    from centres.categories import ServiceCategory
    from members.models import Consent, ConsentPurpose, Member, Visit
    from services.models import ServiceRequest

    if Visit.objects.filter(centre=centre).exists():
        return
    start = f"{year - 1}-12-01 00:00:00"
    span = f"'{year + 1}-01-01'::timestamp - '{start}'::timestamp"
    Member.objects.bulk_create(
        Member(
            centre=centre,
            number=i + 1,
            code=f"{centre.code}-{i + 1}",
            preferred_name=f"Member {i}",
            gender=["woman", "man", ""][i % 3],
            nationality=["JO", "SY", "EG", "NP", ""][i % 5],
        )
        for i in range(MEMBERS_PER_CENTRE)
    )
    members = list(Member.objects.filter(centre=centre).values_list("pk", flat=True))
    Consent.objects.bulk_create(
        Consent(member_id=pk, purpose=ConsentPurpose.STATISTICS, version="1", wording="bench")
        for pk in members[: int(len(members) * 0.8)]
    )
    categories = list(ServiceCategory.objects.for_centre(centre).values_list("pk", flat=True))
    through = Visit.purposes.through._meta.db_table
    with connection.cursor() as cursor:
        # Every 4th visit is a member's (one person), the rest anonymous head-counts.
        cursor.execute(
            f"""
            INSERT INTO members_visit (centre_id, member_id, people, gender, age_band,
                nationality, arrived_at, channel)
            SELECT %s,
                CASE WHEN i %% 4 = 0 THEN (%s::bigint[])[1 + (i / 4) %% %s] END,
                CASE WHEN i %% 4 = 0 THEN 1 ELSE 1 + i %% 3 END,
                (ARRAY['woman', 'man', ''])[1 + i %% 3],
                '',
                (ARRAY['JO', 'SY', 'EG', ''])[1 + i %% 4],
                ('{start}'::timestamp AT TIME ZONE %s)
                    + (({span}) * ((i * 7919) %% %s)::float8 / %s),
                'staff'
            FROM generate_series(0, %s - 1) AS i
            """,
            [centre.pk, members, len(members), ZONE, visits, visits, visits],
        )
        cursor.execute(
            f"""
            INSERT INTO {through} (visit_id, servicecategory_id)
            SELECT id, (%s::bigint[])[1 + id %% %s] FROM members_visit
            WHERE centre_id = %s AND id %% 3 <> 0
            """,
            [categories, len(categories), centre.pk],
        )
    now = timezone.now()
    first = datetime(year - 1, 12, 1, tzinfo=UTC)
    days = (now - first).days if now > first else 1
    count = max(visits // 100, 13)
    ServiceRequest.objects.bulk_create(
        ServiceRequest(
            centre=centre,
            category_id=categories[i % len(categories)],
            member_id=members[i % len(members)] if i % 2 else None,
            status=["new", "review", "planned", "offered", "declined"][i % 5],
            decline_reason="bench" if i % 5 == 4 else "",
            created_at=first + timedelta(days=(i * 397) % min(days, 396)),
        )
        for i in range(count)
    )
    Grievance.objects.bulk_create(
        Grievance(
            centre=centre,
            member_id=members[i % len(members)],
            sector="",
            status=["intake", "advice", "resolved", "closed"][i % 4],
            outcome=["", "", "favour", "not"][i % 4],
            finished_at=first + timedelta(days=(i * 397) % min(days, 396) + 20)
            if i % 4 > 1
            else None,
            opened_at=first + timedelta(days=(i * 397) % min(days, 396)),
        )
        for i in range(max(visits // 200, 13))
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def raw_group_by(centres, year: int, months: int) -> int:
    """Visits (people) per centre, purpose and local month: the floor."""
    ids = [c.pk for c in centres]
    first_month = 13 - months
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT v.centre_id, p.servicecategory_id,
                date_trunc('month', v.arrived_at AT TIME ZONE %s) AS month, SUM(v.people)
            FROM members_visit v
            LEFT JOIN members_visit_purposes p ON p.visit_id = v.id
            WHERE v.centre_id = ANY(%s)
              AND v.arrived_at >= (make_date(%s, %s, 1)::timestamp AT TIME ZONE %s)
              AND v.arrived_at < (make_date(%s, 1, 1)::timestamp AT TIME ZONE %s)
            GROUP BY 1, 2, 3
            """,
            [ZONE, ids, year, first_month, ZONE, year + 1, ZONE],
        )
        return len(cursor.fetchall())


def forget(centres) -> None:
    """No stored release, segment or report: the next build starts from nothing."""
    from advocacy.reports.models import FeedbackReport
    from advocacy.statistics.models import Release, SegmentSnapshot

    FeedbackReport.objects.filter(programme=centres[0].programme).delete()
    Release.objects.filter(centre__in=centres).delete()
    SegmentSnapshot.objects.filter(centre__in=centres).delete()


def operate_until(centres, year: int, cutoff) -> None:
    """From nothing, every week, month, quarter and year of `year` - 1 and `year` that
    ended before the local day `cutoff` released in the order they closed (weeks
    before the month, quarter and year that end with them), as the hourly release
    schedule leaves them: what is stored when the schedule's next run finds the
    periods ending on `cutoff` - 1 closed."""
    from datetime import date

    from advocacy.statistics.beginnings import first_day
    from advocacy.statistics.periods import Period, PeriodKind, centre_zone, existed
    from advocacy.statistics.releases import release

    forget(centres)
    order = [PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR]
    periods = {Period.year(year - 1), Period.year(year)}
    periods |= {Period.quarter(y, q) for y in (year - 1, year) for q in range(1, 5)}
    periods |= {Period.month(y, m) for y in (year - 1, year) for m in range(1, 13)}
    day = date(year - 1, 1, 1)
    while day.year <= year:
        week = Period.containing(PeriodKind.WEEK, day)
        if week.first.year == week.last.year:
            periods.add(week)
        day += timedelta(days=7)
    for centre in centres:
        # The records begin in December of the year before: no week before has figures.
        since = first_day([centre], centre_zone(centre))
        for period in sorted(periods, key=lambda p: (p.last, order.index(p.kind))):
            if period.end <= cutoff and existed(period, since):
                release(centre=centre, period=period)


def operate_weekly(centres, year: int) -> None:
    """As `operate`, and every ISO week inside one year released as it closed too (the
    centres' Monday reports release them): each is released before the month, quarter
    and year that end with it, so those are built over the weeks' segments. December,
    the fourth quarter and the year are left to the build measured."""
    from datetime import date

    operate_until(centres, year, cutoff=date(year, 12, 1))
    _release_weeks_of_december(centres, year)


def _release_weeks_of_december(centres, year: int) -> None:
    from datetime import date

    from advocacy.statistics.periods import Period, PeriodKind
    from advocacy.statistics.releases import release

    day = date(year, 12, 1)
    while day.year == year:
        week = Period.containing(PeriodKind.WEEK, day)
        if week.first.year == week.last.year == year and week.first >= date(year, 12, 1):
            for centre in centres:
                release(centre=centre, period=week)
        day += timedelta(days=7)


def schedule_at(centres, local_day) -> None:
    """The hourly release schedule's first run after midnight of `local_day`: it
    releases every standard period of each centre that ended that midnight."""
    from datetime import time as clock

    from advocacy.statistics.periods import centre_zone
    from advocacy.statistics.schedule import releases_make

    for centre in centres:
        zone = centre_zone(centre)
        releases_make(centre=centre, now=datetime.combine(local_day, clock(0, 30), tzinfo=zone))


def operate(centres, year: int) -> None:
    """The releases stored when December's and the year's reports are built in
    operation: every period released as it closed (the centres' own reports release
    each closed month, quarter and year), so the year before is complete, and this
    year up to November and its third quarter. December, the fourth quarter and the
    year close together: building them is what is measured."""
    from advocacy.statistics.periods import Period
    from advocacy.statistics.releases import release

    forget(centres)
    closed = [Period.year(year - 1)]
    closed += [Period.quarter(year, q) for q in (1, 2, 3)]
    closed += [Period.month(year, m) for m in (10, 11)]
    for centre in centres:
        for period in closed:  # each builds the months inside it first
            release(centre=centre, period=period)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=200_000, help="visits in all")
    parser.add_argument("--centres", type=int, default=4)
    parser.add_argument(
        "--all",
        action="store_true",
        help="also the reports built with their releases: from nothing and as operated",
    )
    args = parser.parse_args()
    from advocacy.reports.actions import report_build
    from advocacy.reports.scope import Scope
    from members.models import Visit

    if connection.vendor != "postgresql":
        sys.exit("bench/reports.py needs PostgreSQL (DATABASE_URL).")
    year = timezone.now().year - 1
    programme, centres = setup(args.scale, args.centres, year)
    scope = Scope.for_programme(programme)
    total = Visit.objects.filter(centre__in=centres).count()
    print(f"{connection.vendor}, {len(centres)} centres, {total} visits\n")

    def build(period: str, state: str):
        if state == "cold":
            forget(centres)
        return report_build(scope=scope, period=period)

    month_key, year_key = f"{year}-12", str(year)
    rows = []

    def roll_up():
        from datetime import date

        from members import rollups

        for centre in centres:
            rollups.rebuild(centre, date(year - 1, 12, 1), date(year, 12, 31))

    seconds, peak, _ = measure(roll_up)
    rows.append(("daily visit roll-ups, 13 months, rebuilt", seconds, peak))
    CPU[rows[-1][0]] = CPU["last"]
    print(f"  {rows[-1][0]}: {seconds:.1f} s", flush=True)

    def timed(label: str, function) -> None:
        seconds, peak, _ = measure(function)
        rows.append((label, seconds, peak))
        CPU[label] = CPU["last"]
        print(f"  {label}: {seconds:.1f} s ({CPU['last']:.1f} s CPU)", flush=True)

    # As the product runs: the hourly release schedule releases each period the hour
    # after it closes (`advocacy.statistics.schedule`); reports read the releases.
    from datetime import date

    operate_until(centres, year, cutoff=date(year, 11, 24))
    timed(SCHEDULE_MONTH, lambda: schedule_at(centres, date(year, 12, 1)))
    _release_weeks_of_december(centres, year)
    timed(SCHEDULE_YEAR, lambda: schedule_at(centres, date(year + 1, 1, 1)))
    timed(REPORT_MONTH, lambda: build(month_key, "stored"))
    timed(REPORT_YEAR, lambda: build(year_key, "stored"))
    for label, period, state in (
        [
            ("month, from nothing", month_key, "cold"),
            ("year, from nothing", year_key, "cold"),
            ("month, as operated", month_key, "operated"),
            ("year, as operated", year_key, "operated"),
            ("month, as operated with weeks", month_key, "weekly"),
            ("year, as operated with weeks", year_key, "weekly"),
        ]
        if args.all
        else []
    ):
        if state == "operated":
            operate(centres, year)
        elif state == "weekly":
            operate_weekly(centres, year)
        timed(f"programme report and its releases, {label}", lambda p=period, s=state: build(p, s))
    for label, months in [("month", 1), ("year", 12)]:
        seconds, peak, _ = measure(lambda m=months: raw_group_by(centres, year, m))
        rows.append((f"raw SQL GROUP BY centre/purpose/month, {label}", seconds, peak))
        CPU[rows[-1][0]] = CPU["last"]
    print(f"{'':<64} {'time':>10} {'CPU':>8} {'peak mem':>10}")
    for label, seconds, peak in rows:
        cpu = f"{CPU[label] * 1000:5.0f} ms" if label in CPU else ""
        print(f"{label:<64} {seconds * 1000:8.0f} ms {cpu:>8} {peak:7.1f} MiB")
    t = {label: seconds for label, seconds, _ in rows}
    raw_m = t["raw SQL GROUP BY centre/purpose/month, month"]
    raw_y = t["raw SQL GROUP BY centre/purpose/month, year"]
    print()
    pairs = [("releases stored by the schedule", REPORT_MONTH, REPORT_YEAR)]
    pairs += [
        (state, f"programme report and its releases, month, {state}",
         f"programme report and its releases, year, {state}")
        for state in ("from nothing", "as operated", "as operated with weeks")
        if f"programme report and its releases, month, {state}" in t
    ]  # fmt: skip
    for state, month, yr in pairs:
        print(f"{f'report year / month, {state} (goal: at most 2)':<64} {t[yr] / t[month]:8.1f} x")
        print(f"{'  the same in CPU seconds of this process':<64} {CPU[yr] / CPU[month]:8.1f} x")
        print(f"{'  month report / raw GROUP BY month':<64} {t[month] / raw_m:8.1f} x")
        print(f"{'  year report / raw GROUP BY year':<64} {t[yr] / raw_y:8.1f} x")
    print(
        f"{'release schedule, year close / month close, in CPU':<64} "
        f"{CPU[SCHEDULE_YEAR] / CPU[SCHEDULE_MONTH]:8.1f} x"
    )


SCHEDULE_MONTH = "release schedule at a month's close (November, its last week)"
SCHEDULE_YEAR = "release schedule at the year's close (December, Q4, the year)"
REPORT_MONTH = "programme report, month (December), releases stored"
REPORT_YEAR = "programme report, year, releases stored"


if __name__ == "__main__":
    main()
