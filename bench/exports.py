#!/usr/bin/env python
"""Exports against PostgreSQL COPY of the same columns, on the database of DATABASE_URL.

    createdb -h 127.0.0.1 -U postgres wc_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wc_bench \\
        .venv/bin/python bench/exports.py 1200000 --rounds 3

Loads (once) a centre `EXP` with N visits in SQL: a third of them identified members'
visits, two thirds with one or two purposes. Then, for `--rounds` rounds, it times
PostgreSQL `COPY` of the visit export's columns (the member code and the purposes
joined in SQL), our CSV export and our XLSX export of the same visits, and prints the
medians and the ratios. Figures only; nothing is asserted.

Stable entry points for other benchmarks: `load_visits(count) -> Centre` and
`measure_exports(centre, rounds=3) -> dict` (seconds: `copy`, `csv`, `xlsx`; ratios:
`csv_ratio`, `xlsx_ratio`; CPU seconds of this process and its PostgreSQL server process
when the server is local: `copy_cpu`, `csv_cpu`, `xlsx_cpu`, and `csv_cpu_ratio`,
`xlsx_cpu_ratio`; `rows`; `peak_mb`: the process's peak resident memory).
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workercentre.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

MEMBERS = 20_000


def load_visits(count: int):
    """The bench centre with at least `count` visits (added in SQL when missing)."""
    from centres.categories import ServiceCategory
    from centres.models import Centre, IntermediaryKind, Programme
    from members.models import Member, Visit

    call_command("migrate", verbosity=0)
    programme, _ = Programme.objects.get_or_create(
        name="Export bench programme", defaults={"time_zone": "Asia/Amman"}
    )
    centre, _ = Centre.objects.get_or_create(
        code="EXP",
        defaults={
            "name": "Export bench",
            "country": "JO",
            "time_zone": "Asia/Amman",
            "programme": programme,
            "intermediary_kind": IntermediaryKind.NGO,
        },
    )
    have = Member.objects.filter(centre=centre).count()
    if have < MEMBERS:
        Member.objects.bulk_create(
            [
                Member(centre=centre, number=n, code=f"EXP-{n:05d}", preferred_name=f"M{n}")
                for n in range(have + 1, MEMBERS + 1)
            ],
            batch_size=5000,
        )
    have = Visit.objects.filter(centre=centre).count()
    if have >= count:
        return centre
    first_member = Member.objects.filter(centre=centre).order_by("pk").values_list("pk")[0][0]
    categories = list(ServiceCategory.objects.filter(centre=None).values_list("pk", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO members_visit (centre_id, member_id, people, gender, age_band,
                nationality, arrived_at, left_at, channel)
            SELECT %(centre)s,
                   CASE WHEN g %% 3 = 0 THEN %(first)s + (g %% %(members)s) END,
                   CASE WHEN g %% 3 = 0 THEN 1 ELSE 1 + g %% 4 END,
                   (ARRAY['woman', 'man', ''])[1 + g %% 3],
                   (ARRAY['18-24', '25-34', ''])[1 + g %% 3],
                   (ARRAY['NP', 'BD', 'IN', ''])[1 + g %% 4],
                   now() - make_interval(mins => ((g::bigint * 7919) %% 525600)::int),
                   CASE WHEN g %% 2 = 0 THEN now()
                        - make_interval(mins => ((g::bigint * 7919) %% 525600 - 30)::int) END,
                   'staff'
            FROM generate_series(%(start)s, %(stop)s) AS g
            """,
            {
                "centre": centre.pk,
                "first": first_member,
                "members": MEMBERS,
                "start": have + 1,
                "stop": count,
            },
        )
        cursor.execute(
            """
            INSERT INTO members_visit_purposes (visit_id, servicecategory_id)
            SELECT v.id, (%(categories)s::int[])[1 + v.id %% cardinality(%(categories)s::int[])]
            FROM members_visit v
            WHERE v.centre_id = %(centre)s AND v.id %% 3 <> 0
              AND NOT EXISTS (SELECT 1 FROM members_visit_purposes p WHERE p.visit_id = v.id)
            UNION ALL
            SELECT v.id,
                   (%(categories)s::int[])[1 + (v.id + 1) %% cardinality(%(categories)s::int[])]
            FROM members_visit v
            WHERE v.centre_id = %(centre)s AND v.id %% 5 = 1
              AND NOT EXISTS (SELECT 1 FROM members_visit_purposes p WHERE p.visit_id = v.id)
            """,
            {"centre": centre.pk, "categories": categories},
        )
        cursor.execute("ANALYZE members_visit; ANALYZE members_visit_purposes")
    return centre


# The export's columns, honestly: the purposes' codes and names aggregated once per
# visit with string_agg in one GROUP BY and joined (as a planner would do it at best),
# not looked up again for every row; times in the centre's zone with their offset.
COPY_SQL = """
COPY (
    WITH chosen AS (
        SELECT vp.visit_id,
               string_agg(c.code, '; ' ORDER BY c.code) AS codes,
               string_agg(coalesce(nullif(c.own_name, ''), c.code), '; ' ORDER BY c.code)
                   AS labels
        FROM members_visit_purposes vp
        JOIN centres_servicecategory c ON c.id = vp.servicecategory_id
        JOIN members_visit pv ON pv.id = vp.visit_id AND pv.centre_id = %(centre)s
        GROUP BY vp.visit_id
    )
    SELECT v.arrived_at, (v.arrived_at AT TIME ZONE %(zone)s)::date, v.left_at, m.code,
           v.people, v.gender, v.age_band, v.nationality, p.codes, p.labels, v.channel
    FROM members_visit v
    LEFT JOIN members_member m ON m.id = v.member_id
    LEFT JOIN chosen p ON p.visit_id = v.id
    WHERE v.centre_id = %(centre)s
    ORDER BY v.arrived_at DESC, v.id DESC
) TO STDOUT WITH CSV HEADER
"""


def copy_visits(centre) -> int:
    """COPY of the centre's visit export's columns (`COPY_SQL`) in the centre's zone, as
    the export writes its times; bytes written."""
    from centres.local_time import zone_of

    zone = str(zone_of(centre))
    sql = COPY_SQL % {"zone": f"'{zone}'", "centre": int(centre.pk)}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('TimeZone', %s, true)", [zone])
        with cursor.copy(sql) as stream:
            return sum(len(chunk) for chunk in stream)


_copy = copy_visits


def _csv(centre) -> int:
    from members.exports import visits_export
    from members.models import Visit

    table = visits_export(Visit.objects.for_centre(centre), centre=centre)
    return sum(len(line) for line in table.csv_lines())


def _xlsx(centre) -> int:
    import tempfile

    from members.exports import visits_export
    from members.models import Visit

    table = visits_export(Visit.objects.for_centre(centre), centre=centre)
    with tempfile.TemporaryFile() as target:
        table.write_xlsx(target)
        return target.tell()


def _backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL server process, read from
    /proc when the server runs on this machine (0 otherwise): COPY's work is done there,
    and so is the part of our exports' work that is the query."""
    if connection.settings_dict.get("HOST") not in ("", "localhost", "127.0.0.1", "::1"):
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(function, centre) -> tuple[float, float]:
    """Wall seconds of `function(centre)`, and CPU seconds of this process and of its
    PostgreSQL server process together: on a machine shared with other work the wall
    clock measures the others too."""
    start, cpu, server = time.perf_counter(), time.process_time(), _backend_cpu()
    function(centre)
    used = time.process_time() - cpu + _backend_cpu() - server
    return time.perf_counter() - start, used


def measure_exports(centre, rounds: int = 3, xlsx: bool = True) -> dict:
    """Median seconds of COPY, our CSV and our XLSX over `rounds`, and their ratios; the
    same of CPU seconds (this process and its PostgreSQL server process) as `*_cpu`."""
    from members.models import Visit

    if connection.vendor != "postgresql":
        raise SystemExit("COPY needs PostgreSQL: set DATABASE_URL.")
    names = ["copy", "csv", "xlsx"] if xlsx else ["copy", "csv"]
    functions = {"copy": _copy, "csv": _csv, "xlsx": _xlsx}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            times[name].append(_timed(functions[name], centre))
    result: dict = {}
    for name, values in times.items():
        result[name] = statistics.median(wall for wall, _cpu in values)
        result[f"{name}_cpu"] = statistics.median(cpu for _wall, cpu in values)
    for name in names[1:]:
        result[f"{name}_ratio"] = result[name] / result["copy"]
        if result["copy_cpu"]:
            result[f"{name}_cpu_ratio"] = result[f"{name}_cpu"] / result["copy_cpu"]
    result["rows"] = Visit.objects.for_centre(centre).count()
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-xlsx", action="store_true")
    args = parser.parse_args()
    centre = load_visits(args.count)
    result = measure_exports(centre, rounds=args.rounds, xlsx=not args.no_xlsx)
    print(f"{connection.vendor}, {result['rows']} visits, medians of {args.rounds} rounds")
    print(f"{'':<28} {'wall':>8}{'':17}{'CPU':>8}")
    copy = f"{'COPY of the same columns':<28} {result['copy']:8.2f} s"
    print(f"{copy}{'':13}  {result['copy_cpu']:8.2f} s")
    for name, label in (("csv", "CSV export"), ("xlsx", "XLSX export")):
        if f"{name}_ratio" in result:
            line = f"{label:<28} {result[name]:8.2f} s {result[f'{name}_ratio']:5.1f} x COPY"
            line += f"  {result[f'{name}_cpu']:8.2f} s"
            if f"{name}_cpu_ratio" in result:
                line += f" {result[f'{name}_cpu_ratio']:5.1f} x COPY"
            print(line)
    print("(CPU: this process and its PostgreSQL server process, read from /proc)")
    print(f"{'peak resident memory':<28} {result['peak_mb']:8.0f} MB")


if __name__ == "__main__":
    main()
