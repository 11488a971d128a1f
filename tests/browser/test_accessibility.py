"""Every page each role can reach passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules,
in English and Arabic, on a 360 px phone and a 1280 px desktop, and forms also do in
their error state.

How pages are found: ``PAGES`` below lists every page once, as a URL name and the
objects of ``a11y_world`` that fill its arguments. For each role, the test asks the
application (Django's test client) which of the pages that role may open (status
200) and runs axe on exactly those in the browser, so a page is checked for every
role whose menus and permissions change it. A page that no role reaches fails the
test, so the list cannot rot.

The kiosk survey opens only on a tablet that has just checked someone in: the anonymous
role is that tablet, paired as the kiosk and as a booth (``tablet_cookies`` in
``a11y_world``).

To add a page: append ``Page("your_url_name", ("centre", ...))`` to ``PAGES``; each
argument is a key of the ``a11y_world`` fixture in tests/browser/conftest.py (objects
give their ``pk``, strings are used as they are): add what your page needs there. Give
``error_form="css selector"`` when posting that form empty (browser validation off)
is refused with errors, so the error state is checked too; never for a form whose
empty post would succeed or destroy something.

axe-core comes inside the pinned axe-playwright-python wheel (axe.min.js): no
network is needed. One browser, one context per language and role; each page is
loaded once and checked at 360 px, then at 1280 px by resizing the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser
from playwright.sync_api import Page as BrowserPage

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# axe-core is added to every page of the context once (an init script), then run.
AXE_RUN = "options => axe.run(document, options)"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
LANGUAGES = ["en", "ar"]
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 800}


@dataclass(frozen=True)
class Page:
    url_name: str
    args: tuple[str, ...] = ()
    error_form: str = ""

    def url(self, world: dict) -> str:
        values = [getattr(world[key], "pk", world[key]) for key in self.args]
        return reverse(self.url_name, args=values)


PAGES: list[Page] = [
    # Signed out
    Page("account_login", error_form="main form"),
    Page("account_reset_password", error_form="main form"),
    Page("invitation_accept", ("invitation_token",), error_form="main form"),
    Page("kiosk_pair", error_form="main form"),
    Page("booth_pair", error_form="main form"),
    Page("kiosk_checkin"),
    Page("kiosk_request", error_form="main form"),
    # Everyone signed in
    Page("home"),
    Page("mfa_index"),
    Page("account_reauthenticate"),
    # Centres
    Page("centre_detail", ("centre",)),
    Page("centre_edit", ("centre",)),
    Page("staff_list", ("centre",)),
    Page("staff_invite", ("centre",), error_form="main form"),
    Page("audit_trail", ("centre",)),
    Page("retention", ("centre",)),
    # Members and visits
    Page("member_list", ("centre",)),
    Page("member_register", ("centre",), error_form="main form"),
    Page("member_import", ("centre",)),
    Page("member_detail", ("centre", "member")),
    Page("member_card", ("centre", "member")),
    Page("member_erase", ("centre", "member")),
    Page("member_merge", ("centre", "member")),
    Page("visit_list", ("centre",)),
    Page("visit_new", ("centre",), error_form="main form"),
    Page("headcount_new", ("centre",), error_form="main form"),
    Page("dashboard", ("centre",)),
    Page("kiosk_list", ("centre",)),
    # Services
    Page("service_list", ("centre",)),
    Page("service_new", ("centre",), error_form="main form"),
    Page("category_add", ("centre",)),
    Page("service_edit", ("centre", "service")),
    Page("partner_list", ("centre",)),
    Page("partner_new", ("centre",), error_form="main form"),
    Page("partner_edit", ("centre", "partner")),
    Page("calendar", ("centre",)),
    Page("session_detail", ("centre", "session")),
    Page("pick_up", ("centre", "childcare_session")),
    Page("child_add", ("centre", "member")),
    Page("request_list", ("centre",)),
    Page("request_new", ("centre",), error_form="main form"),
    Page("my_request_new", ("centre",), error_form="main form"),
    Page("demand", ("centre",)),
    # Cases
    Page("case_list", ("centre",)),
    Page("case_new", ("centre",), error_form="main form"),
    Page("case_figures", ("centre",)),
    Page("case_detail", ("centre", "case")),
    Page("my_cases", ("centre",)),
    # Workers' feedback
    Page("survey_list", ("centre",)),
    Page("survey_detail", ("centre", "survey")),
    Page("question_edit", ("centre", "survey", "question")),
    Page("survey_answer", ("centre", "survey")),
    Page("paper_entry", ("centre", "survey")),
    Page("my_feedback", ("centre",)),
    Page("comment_new", ("centre",), error_form="main form"),
    Page("comment_list", ("centre",)),
    Page("feedback_summary", ("centre",)),
    Page("kiosk_survey"),  # the anonymous tablet has checked a member in
    Page("released_figures", ("centre",)),
    # Recommendations and "you said, we did"
    Page("recommendation_list", ("centre",)),
    Page("recommendation_detail", ("centre", "recommendation")),
    Page("recommendation_letter", ("centre", "sent_recommendation")),
    Page("you_said", ("centre",)),
    Page("kiosk_you_said"),
    # Self-governance
    Page("governance_home", ("centre",)),
    Page("committee_detail", ("centre", "committee")),
    Page("ballot_new", ("centre",), error_form="main form"),
    Page("ballot_detail", ("centre", "open_ballot")),
    Page("ballot_detail", ("centre", "closed_ballot")),
    Page("ballot_vote", ("centre", "open_ballot"), error_form="main form.vote"),
    Page("ballot_receipts", ("centre", "closed_ballot")),
    Page("ballot_withdraw", ("centre", "open_ballot")),
    Page("priority_respond", ("centre", "closed_ballot", "closed_option"), error_form="main form"),
    Page("election_new", ("centre", "committee"), error_form="main form"),
    Page("election_detail", ("centre", "election")),
    Page("meeting_new", ("centre", "committee"), error_form="main form"),
    Page("meeting_detail", ("centre", "meeting")),
    Page("booth_devices", ("centre",), error_form="main form.card"),
    Page("ballot_polling", ("centre", "open_ballot"), error_form="main form"),
    Page("ballot_paper", ("centre", "open_ballot"), error_form="main form"),
    Page("booth"),
    # Django admin
    Page("admin:index"),
    Page("admin:centres_user_changelist"),
    Page("admin:centres_user_change", ("manager",)),
    Page("admin:centres_centre_change", ("centre",)),
]

ROLES = [
    "anonymous",
    "worker",
    "committee_member",
    "social_worker",
    "legal",
    "manager",
    "coordinator",
    "administrator",
]


# The administrator reaches every page as the centre staff see it (checked under those
# roles); under this role only the header differs, so only the admin site and home.
ROLE_SCOPE = {
    "administrator": lambda page: page.url_name.startswith("admin:") or page.url_name == "home"
}


def _reachable(role: str, world: dict) -> list[tuple[Page, str]]:
    client = Client()
    if role == "anonymous":  # the kiosk tablet, just after a check-in
        for name, value in world["tablet_cookies"].items():
            client.cookies[name] = value
    else:
        client.force_login(world[role])
    pages = []
    for page in filter(ROLE_SCOPE.get(role, bool), PAGES):
        url = page.url(world)
        if client.get(url).status_code == 200:
            pages.append((page, url))
    return pages


def _session_cookie(role: str, world: dict, base_url: str) -> list[dict]:
    if role == "anonymous":  # the tablet's cookies: its session holds a check-in ticket
        cookies = world["tablet_cookies"].items()
        return [{"name": name, "value": value, "url": base_url} for name, value in cookies]
    client = Client()
    client.force_login(world[role])
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}]


def _check(page: BrowserPage, where: str, found: list[str]) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        for violation in page.evaluate(AXE_RUN, AXE_OPTIONS)["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"]][:3]
            found.append(
                f"{where} @{size['width']}px: {violation['id']} ({violation['impact']}) {targets}"
            )
    page.set_viewport_size(PHONE)


def _submit_empty(page: BrowserPage, selector: str) -> None:
    form = page.locator(selector).first
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.evaluate("form => form.requestSubmit()")


def test_every_listed_page_is_reached_by_some_role(a11y_world):
    reached = {page.url_name for role in ROLES for page, _url in _reachable(role, a11y_world)}
    assert reached == {page.url_name for page in PAGES}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe(role, a11y_world, browser: Browser, live_server):
    reachable = _reachable(role, a11y_world)
    assert reachable, role
    found: list[str] = []
    for language in LANGUAGES:
        context = browser.new_context(viewport=PHONE)
        context.add_init_script(path=AXE_FILE_PATH)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            + _session_cookie(role, a11y_world, live_server.url)
        )
        page = context.new_page()
        for entry, url in reachable:
            response = page.goto(live_server.url + url)
            assert response.status == 200, (role, url)
            _check(page, f"{role} {language} {url}", found)
            if entry.error_form:
                _submit_empty(page, entry.error_form)
                _check(page, f"{role} {language} {url} (errors)", found)
        context.close()
    assert not found, "\n".join(found)


MEMBER_FACING_BUDGET = 30 * 1024  # bytes on the wire, first load, cache empty


def test_member_facing_pages_stay_light(a11y_world, browser: Browser, live_server, page_weights):
    """A worker's pages and the pages anyone may open (sign-in, kiosk) weigh under
    30 KB on the wire at first load: document, styles and script, compressed."""
    pages = [("worker", *entry) for entry in _reachable("worker", a11y_world)]
    pages += [("anonymous", *entry) for entry in _reachable("anonymous", a11y_world)]
    heavy = []
    for role, entry, url in pages:
        context = browser.new_context(viewport=PHONE)  # an empty cache for each page
        context.add_cookies(_session_cookie(role, a11y_world, live_server.url))
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request, finished=finished: finished.append(request))
        page.goto(live_server.url + url, wait_until="load")
        sizes = [request.sizes() for request in finished]
        weight = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
        page_weights[f"{role} {entry.url_name}"] = (weight, len(sizes))
        if weight > MEMBER_FACING_BUDGET:
            heavy.append(f"{role} {url}: {weight} bytes in {len(sizes)} requests")
        context.close()
    assert not heavy, "\n".join(heavy)


def test_axe_core_comes_inside_the_pinned_wheel():
    """No network at test time: the engine is the wheel's own axe.min.js."""
    assert AXE_FILE_PATH.read_text()[:20].startswith("/*! axe v4.")
