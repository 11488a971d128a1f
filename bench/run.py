#!/usr/bin/env python
"""`make bench`: every main page's server time and query count at scale, throughput
against the login page under gunicorn and locust, logging a visit under load, and the
visit exports against PostgreSQL COPY: in one run, on the database of DATABASE_URL.

    createdb -h 127.0.0.1 -U postgres wc_bench
    make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/wc_bench

Loads the database first (bench/load.py, `--scale`, default 1 = DESIGN.md's plan) if
it is not loaded. Pages are read as the centre SAA (the big one) by its staff, in
process through Django's test client with every middleware: the first (cold) time,
the median of `--rounds` more, and the query count. Throughput runs gunicorn with 4
workers on 127.0.0.1:`--port` and locust headless with `--clients` clients for
`--seconds` per page, each page against the login page measured in the same run.
Figures only; nothing is asserted. Add `--skip-load-test` to leave out the server, and
`--only dashboard --only "log a visit"` to measure only the pages (and exports) whose
label holds one of those words; the login page, every ratio's floor, is always measured.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workercentre.settings.local")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

import exports  # noqa: E402  (bench/exports.py, beside this file)
import load  # noqa: E402  (bench/load.py, beside this file)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

TARGET_MS = 200
# The visit POST's offered load, as a share of the login page's throughput (the goal's).
VISIT_LOAD = 0.5


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f}"


# Labels asked for with --only (every page when empty).
ONLY: list[str] = []


def wanted(label: str) -> bool:
    return not ONLY or label.startswith("login page") or any(word in label for word in ONLY)


class Setting:
    """What the pages are read with: the big centre, its staff, cursors for deep pages."""

    def __init__(self) -> None:
        from centres.categories import ServiceCategory
        from centres.keyset import cursor_of
        from centres.models import Centre, User

        self.centre = Centre.objects.get(code="SAA")
        self.programme = self.centre.programme
        self.users = {
            role: User.objects.get(email=f"{role}.saa@bench.example.org")
            for role in ("manager", "social", "legal", "committee")
        }
        self.users["coordinator"] = User.objects.get(email="coordinator@bench.example.org")
        self.purpose = ServiceCategory.objects.get(code="advice", centre__isnull=True)
        c = self.centre.pk
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM members_visit WHERE centre_id = %s", [c])
            self.visits = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM members_visit")
            self.all_visits = cursor.fetchone()[0]

            def edge(sql: str) -> str:
                cursor.execute(sql, [c])
                row = cursor.fetchone()
                return cursor_of(row[0], row[1]) if row else ""

            # "Page 1000" (50,000 rows in) and the last page (20 rows from the end).
            self.visit_deep = edge(
                "SELECT arrived_at, id FROM members_visit WHERE centre_id = %s"
                " ORDER BY arrived_at DESC, id DESC OFFSET 49950 LIMIT 1"
            )
            self.visit_last = edge(
                "SELECT arrived_at, id FROM members_visit WHERE centre_id = %s"
                " ORDER BY arrived_at, id OFFSET 20 LIMIT 1"
            )
            self.audit_last = edge(
                "SELECT timestamp, id FROM centres_auditentry WHERE centre_id = %s"
                " ORDER BY timestamp, id OFFSET 20 LIMIT 1"
            )
        self.phone = load.phone_of(0, 42)
        self.name = "Maya Tamang"

    def pages(self) -> list[tuple[str, str, str, str, dict | None]]:
        """(label, role, method, path, data) of every page measured; role "" is anonymous."""
        c, p = f"/centres/{self.centre.pk}", f"/programmes/{self.programme.pk}"
        deep, last = f"{c}/visits/?older={self.visit_deep}", f"{c}/visits/?older={self.visit_last}"
        by_purpose, audit_last = (
            f"{c}/visits/?purpose={self.purpose.pk}",
            f"{c}/audit/?older={self.audit_last}",
        )
        return [
            ("login page (the floor)", "", "GET", "/accounts/login/", None),
            ("home, manager", "manager", "GET", "/", None),
            ("visit log, first page", "manager", "GET", f"{c}/visits/", None),
            ("visit log, page 1000", "manager", "GET", deep, None),
            ("visit log, last page", "manager", "GET", last, None),
            ("visit log, by purpose", "manager", "GET", by_purpose, None),
            ("visit form", "social", "GET", f"{c}/visits/new/", None),
            ("dashboard, manager", "manager", "GET", f"{c}/dashboard/", None),
            ("figures, committee (its dashboard)", "committee", "GET", f"{c}/figures/", None),
            ("figures, manager", "manager", "GET", f"{c}/figures/", None),
            ("programme figures, coordinator", "coordinator", "GET", f"{p}/figures/", None),
            ("case list, manager", "manager", "GET", f"{c}/cases/", None),
            ("case list, social worker", "social", "GET", f"{c}/cases/", None),
            ("case list, legal advisor", "legal", "GET", f"{c}/cases/", None),
            ("case figures", "manager", "GET", f"{c}/cases/figures/", None),
            ("member list, first page", "social", "GET", f"{c}/members/", None),
            ("member search by phone", "social", "POST", f"{c}/members/", {"q": self.phone}),
            ("member search by name", "social", "POST", f"{c}/members/", {"q": self.name}),
            ("audit trail, first page", "manager", "GET", f"{c}/audit/", None),
            ("audit trail, last page", "manager", "GET", audit_last, None),
            ("service requests", "manager", "GET", f"{c}/requests/", None),
            ("workers' comments", "manager", "GET", f"{c}/feedback/comments/", None),
            ("sessions (calendar)", "manager", "GET", f"{c}/calendar/", None),
        ]  # fmt: skip


def operate(setting: Setting) -> None:
    """What the product's periodic tasks would have done while the loaded data came in,
    so that no page below pays for it: the hourly roll-up of closed days
    (`members.tasks.roll_up_visits`) and the monthly
    programme report's releases (its last closed month, the month before and the same
    month a year earlier, for every centre). Both skip what is done already."""
    from advocacy.reports.contents import build_contents
    from advocacy.reports.scope import Scope
    from advocacy.statistics.periods import PeriodKind, closed_periods
    from members.tasks import roll_up_visits

    start = time.perf_counter()
    rolled = roll_up_visits()  # the dashboard's days; a release rolls up its own months
    label = f"roll-ups of closed days ({rolled} centres)"
    print(f"{label:<40} {ms(time.perf_counter() - start)} ms")
    start = time.perf_counter()
    scope = Scope.for_programme(setting.programme)
    month = closed_periods(PeriodKind.MONTH, zone=scope.zone, now=timezone.now(), count=1)[0]
    build_contents(scope, month)
    print(f"{'releases of the programme report':<40} {ms(time.perf_counter() - start)} ms\n")


def clients(setting: Setting) -> dict[str, Client]:
    made = {"": Client()}
    for role, user in setting.users.items():
        made[role] = Client()
        made[role].force_login(user)
    return made


def request(client: Client, method: str, path: str, data: dict | None):
    response = client.post(path, data) if method == "POST" else client.get(path)
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
    return response


def measure_pages(setting: Setting, rounds: int) -> dict[str, float]:
    made = clients(setting)
    print(f"{'page (centre SAA, in process)':<40} {'cold ms':>8} {'median ms':>9} {'queries':>7}")
    medians = {}
    for label, role, method, path, data in setting.pages():
        if not wanted(label):
            continue
        client = made[role]
        start = time.perf_counter()
        response = request(client, method, path, data)
        cold = time.perf_counter() - start
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            request(client, method, path, data)
            times.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as queries:
            request(client, method, path, data)
        median = statistics.median(times)
        medians[label] = median
        flag = "" if response.status_code == 200 else f"  (status {response.status_code})"
        over = "  > 200 ms" if median * 1000 > TARGET_MS else ""
        print(f"{label:<40} {ms(cold)} {ms(median):>9} {len(queries):7d}{over}{flag}", flush=True)
    return medians


def measure_visit_post(setting: Setting, rounds: int) -> None:
    """Logging one visit through the form, in process (one client)."""
    from centres.submissions import new_key
    from members.models import Member

    client = Client()
    client.force_login(setting.users["social"])
    codes = list(Member.objects.filter(centre=setting.centre).values_list("code", flat=True)[:100])
    path = f"/centres/{setting.centre.pk}/visits/new/"
    times = []
    count = 0
    for n in range(max(rounds, 5) + 1):
        data = {"member": codes[n % len(codes)], "purposes": setting.purpose.pk}
        data["form_key"] = new_key()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(path, data)
            if n:
                times.append(time.perf_counter() - start)
        count = len(queries)
        assert response.status_code == 302, response.status_code  # noqa: S101
        client.cookies.pop("messages", None)  # shown by the next page (bench/locustfile.py)
    print(
        f"{'log a visit (POST), one client':<40} {'':>8} {ms(statistics.median(times)):>9}"
        f" {count:7d}"
    )


def measure_exports(setting: Setting) -> None:
    """Our CSV and XLSX of the big centre's whole visit log against COPY of its columns."""
    from members.exports import visits_export
    from members.models import Visit

    visits = (
        Visit.objects.for_centre(setting.centre)
        .select_related("member")
        .prefetch_related("purposes")
        .order_by("-arrived_at", "-pk")
    )

    if not wanted("CSV export") and not wanted("XLSX export"):
        return

    def copy() -> int:
        return exports.copy_visits(setting.centre)  # the same columns, joined honestly

    def timed(function):
        start = time.perf_counter()
        result = function()
        return time.perf_counter() - start, result

    floor, size = timed(copy)
    print(f"\nexports of {setting.visits:,} visits (centre SAA)    seconds    x COPY   goal")
    print(f"{'PostgreSQL COPY, same columns (floor)':<40} {floor:8.1f}")
    if wanted("CSV export"):
        ours_csv, _ = timed(
            lambda: sum(
                len(line) for line in visits_export(visits, centre=setting.centre).csv_lines()
            )
        )
        print(f"{'CSV export':<40} {ours_csv:8.1f} {ours_csv / floor:8.1f}   ≤ 3", flush=True)
    if not wanted("XLSX export"):
        return

    def xlsx() -> int:
        with tempfile.TemporaryFile() as target:
            return visits_export(visits, centre=setting.centre).write_xlsx(target)

    ours_xlsx, result = timed(xlsx)
    print(f"{'XLSX export':<40} {ours_xlsx:8.1f} {ours_xlsx / floor:8.1f}   ≤ 8", flush=True)


class Server:
    """gunicorn with 4 sync workers on 127.0.0.1:port, stopped on exit."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.process = None

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn), "workercentre.wsgi", "--workers", "4",
                "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            start_new_session=True,
        )  # fmt: skip
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(  # noqa: S310
                    f"http://127.0.0.1:{self.port}/accounts/login/", timeout=5
                )
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer in 60 s")

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


class Run(NamedTuple):
    """One headless locust run: requests per second, percentiles in ms, failures."""

    rate: float
    p50: float
    p95: float
    failures: int


def locust(port: int, scenario: str, path: str, *, clients: int, seconds: int, env: dict) -> Run:
    """The figures of one headless run (percentiles are infinite if nothing was served)."""
    binary = Path(sys.executable).with_name("locust")
    with tempfile.TemporaryDirectory() as folder:
        prefix = os.path.join(folder, "run")
        subprocess.run(  # noqa: S603
            [
                str(binary), "--headless", "--only-summary",
                "-f", str(ROOT / "bench" / "locustfile.py"),
                "--host", f"http://127.0.0.1:{port}",
                "--users", str(clients), "--spawn-rate", str(clients),
                "--run-time", f"{seconds}s", "--csv", prefix, "--exit-code-on-error", "0",
            ],
            env={**os.environ, **env, "BENCH_SCENARIO": scenario, "BENCH_PATH": path},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )  # fmt: skip
        with open(prefix + "_stats.csv", newline="") as stats:
            for row in csv.DictReader(stats):
                if row["Name"] == "Aggregated":
                    return Run(
                        float(row["Requests/s"]),
                        _ms(row["50%"]),
                        _ms(row["95%"]),
                        int(row["Failure Count"]),
                    )
    return Run(0.0, 0.0, 0.0, 0)


def _ms(text: str) -> float:
    # No answer within the run gives "N/A": nothing was served.
    return float(text) if text not in ("", "N/A") else float("inf")


def measure_throughput(setting: Setting, port: int, clients: int, seconds: int) -> None:
    from django.contrib.auth import get_user_model

    from members.models import Member

    if shutil.which("locust", path=str(Path(sys.executable).parent)) is None:
        print("\nlocust is not installed: `make bench` installs it (the bench extra).")
        return

    def sessions(role: str) -> str:
        user = get_user_model().objects.get(email=f"{role}.saa@bench.example.org")
        cookies = []
        for _ in range(4):
            client = Client()
            client.force_login(user)
            cookies.append(client.cookies["sessionid"].value)
        return ",".join(cookies)

    c = f"/centres/{setting.centre.pk}"
    manager, social = sessions("manager"), sessions("social")
    codes = Member.objects.filter(centre=setting.centre).values_list("code", flat=True)[:400]
    runs = [
        ("visit log, first page", "page", f"{c}/visits/", manager),
        ("dashboard, manager", "page", f"{c}/dashboard/", manager),
        ("case list, social worker", "page", f"{c}/cases/", social),
        ("member list, first page", "page", f"{c}/members/", social),
        ("service requests", "page", f"{c}/requests/", manager),
        ("audit trail, first page", "page", f"{c}/audit/", manager),
    ]
    runs = [run for run in runs if wanted(run[0])]
    print(
        f"\nthroughput, gunicorn 4 workers, {clients} clients, {seconds} s each"
        f"{'req/s':>10} {'p95 ms':>8} {'÷ login':>8}  goal"
    )
    with Server(port):
        floor = locust(port, "login", "/accounts/login/", clients=clients, seconds=seconds, env={})
        login, login_p95 = floor.rate, floor.p95
        print(f"{'login page (the floor)':<58} {login:10.1f} {login_p95:8.0f}", flush=True)
        for label, scenario, path, cookie in runs:
            rate, _p50, p95, failures = locust(
                port, scenario, path, clients=clients, seconds=seconds,
                env={"BENCH_SESSIONS": cookie},
            )  # fmt: skip
            note = f"  ({failures} failed)" if failures else ""
            print(
                f"{label:<58} {rate:10.1f} {p95:8.0f} {rate / login:8.3f}  ≥ 0.10{note}",
                flush=True,
            )
        if not wanted("log a visit (POST)"):
            return
        visit_env = {
            "BENCH_SESSIONS": social,
            "BENCH_MEMBERS": ",".join(codes),
            "BENCH_PURPOSE": str(setting.purpose.pk),
        }
        rate, _p50, p95, failures = locust(
            port, "log_visit", f"{c}/visits/new/", clients=20, seconds=seconds, env=visit_env
        )  # fmt: skip
        note = f"  ({failures} failed)" if failures else ""
        print(
            f"{'log a visit (POST), 20 clients':<58} {rate:10.1f} {p95:8.0f} {rate / login:8.3f}"
            f"  ≥ 0.5, p95 < 250 ms{note}",
            flush=True,
        )
        # With no think time p95 is about clients ÷ throughput whatever the server does;
        # the goal's answer time is read at a stated load instead: the 20 clients
        # together offer half the login page's measured throughput.
        offered = VISIT_LOAD * login
        paced = locust(
            port, "log_visit", f"{c}/visits/new/", clients=20, seconds=seconds,
            env={**visit_env, "BENCH_RATE": str(offered / 20)},
        )  # fmt: skip
        note = f"  ({paced.failures} failed)" if paced.failures else ""
        print(
            f"log a visit (POST), 20 clients offering {offered:.1f} req/s"
            f" ({VISIT_LOAD}× login), achieved {paced.rate:.1f} req/s ({paced.rate / login:.3f}×),"
            f" p50 {paced.p50:.0f} ms, p95 {paced.p95:.0f} ms  goal p95 < 250 ms{note}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="load at this scale if empty")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20, help="per throughput run")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--skip-load-test", action="store_true")
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--skip-pages", action="store_true", help="no in-process page times")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="WORDS",
        help="only the pages and exports whose label holds these words (repeatable)",
    )
    args = parser.parse_args()
    ONLY.extend(args.only)
    if connection.vendor != "postgresql":
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL.")
    # Migrates, then loads an empty database (or tops up one loaded by an older load).
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "bench" / "load.py"), "--scale", str(args.scale)],
        check=True,
    )
    # DEBUG is off, as in production: pages need the hashed static files' manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    setting = Setting()
    print(
        f"PostgreSQL, {setting.all_visits:,} visits in all, {setting.visits:,} in centre SAA;"
        f" median of {args.rounds} rounds\n"
    )
    operate(setting)
    if not args.skip_pages:
        measure_pages(setting, args.rounds)
        if wanted("log a visit (POST)"):
            measure_visit_post(setting, args.rounds)
    if not args.skip_exports:
        measure_exports(setting)
    if not args.skip_load_test:
        measure_throughput(setting, args.port, args.clients, args.seconds)


if __name__ == "__main__":
    main()
