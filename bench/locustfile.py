"""Load for `bench/run.py`: one scenario per run, chosen by BENCH_SCENARIO.

BENCH_SESSIONS holds comma-separated session cookies made by run.py (one signed-in
person each, spread over the simulated clients); BENCH_PATH is the page to read, or
for the scenario "log_visit" the visit form to POST to (BENCH_MEMBERS: member codes,
BENCH_PURPOSE: a purpose id). Every client waits for its answer before asking again
(no think time): the figure is the server's throughput. With BENCH_RATE (requests per
second, per client) each client asks at most that often instead (locust's
`constant_throughput`): the load offered is fixed, and the figure is the answer time.

A visit logged answers with a redirect to the form and a notice in the `messages`
cookie, which a browser's next page shows and clears. The client follows no redirect,
so it drops the cookie itself: otherwise every POST would carry, and Django re-encode
until it fits, the notices of every earlier one.
"""

import itertools
import os
import secrets

from locust import HttpUser, constant, constant_throughput, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "page")
PATH = os.environ.get("BENCH_PATH", "/accounts/login/")
SESSIONS = [s for s in os.environ.get("BENCH_SESSIONS", "").split(",") if s]
MEMBERS = os.environ.get("BENCH_MEMBERS", "").split(",")
PURPOSE = os.environ.get("BENCH_PURPOSE", "")
RATE = float(os.environ.get("BENCH_RATE") or 0)
CSRF = "benchcsrfbenchcsrfbenchcsrf12345"  # a 32-character secret: cookie and field
_numbers = itertools.count()


class Client(HttpUser):
    wait_time = constant_throughput(RATE) if RATE else constant(0)

    def on_start(self) -> None:
        n = next(_numbers)
        if SESSIONS:
            self.client.cookies.set("sessionid", SESSIONS[n % len(SESSIONS)])
        self.client.cookies.set("csrftoken", CSRF)
        self.member = itertools.cycle(MEMBERS[n::20] or MEMBERS)

    @task
    def ask(self) -> None:
        if SCENARIO == "log_visit":
            data = {
                "csrfmiddlewaretoken": CSRF,
                "form_key": secrets.token_urlsafe(24),
                "member": next(self.member),
                "purposes": PURPOSE,
            }
            with self.client.post(
                PATH,
                data=data,
                headers={"Referer": self.host + PATH},
                allow_redirects=False,
                catch_response=True,
                name="log visit",
            ) as response:
                if response.status_code != 302:
                    response.failure(f"status {response.status_code}")
            self.client.cookies.pop("messages", None)
        else:
            with self.client.get(
                PATH, allow_redirects=False, catch_response=True, name=SCENARIO
            ) as response:
                if response.status_code != 200:
                    response.failure(f"status {response.status_code}")
