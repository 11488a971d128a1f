"""Case figures for reports and advocacy: consenting members' cases only, small cells
hidden and never recomputable from a total, employers named only when many, the
programme's threshold, and the page (manager only, no names, constant queries)."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy import actions
from advocacy.models import Grievance, IssueType, RemedyKind, Status
from advocacy.selectors import case_aggregates
from members.actions import consent_withdraw

from ..factories import MemberFactory

CANARY = "CANARY-figures-9c1e"
FORBIDDEN = ["social_worker", "legal", "committee_member", "worker", "coordinator"]
QUERIES = 15  # 4 to find the person and the centre, 8 for the figures, 3 to save the session
WAGE_THEFT = IssueType.WAGE_THEFT.label
HARASSMENT = IssueType.HARASSMENT.label
DOCUMENTS = IssueType.DOCUMENTS_RETAINED.label


@pytest.fixture
def open_case(centre, social_worker):
    def open_case(*issues, consents=("services", "statistics"), pseudonym="", **kwargs):
        member = None if pseudonym else MemberFactory(centre=centre, consents=consents)
        return actions.grievance_open(
            centre=centre,
            by=social_worker,
            member=member,
            pseudonym=pseudonym,
            narrative=f"{CANARY} what happened",
            issue_types=issues or ["wage_theft"],
            assignees=[social_worker],
            **kwargs,
        )

    return open_case


@pytest.fixture
def three_ten_twelve(open_case):
    """3 wage-theft cases, 10 harassment cases, 12 documents cases."""
    for issue, number in [("wage_theft", 3), ("harassment", 10), ("documents", 12)]:
        for _ in range(number):
            open_case(issue)


def _url(centre):
    return reverse("case_figures", args=[centre.pk])


def _figures(centre, threshold=5, **period):
    return case_aggregates(centre=centre, threshold=threshold, **period)


def _resolve(case, by, *, days):
    """Resolve a case `days` after it was opened (the opening time is moved back)."""
    actions.grievance_move(grievance=case, to=Status.ADVICE, by=by)
    case = actions.grievance_move(grievance=case, to=Status.RESOLVED, by=by, outcome="favour")
    Grievance.objects.filter(pk=case.pk).update(opened_at=case.finished_at - timedelta(days=days))
    return case


def _recomputable(breakdown, total):
    """The hidden cells a reader could work out: the total minus the visible cells gives
    one hidden cell exactly when it is the only one hidden."""
    hidden = [label for label, count in breakdown.items() if count is None]
    return total is not None and len(hidden) == 1


# --- Suppression ----------------------------------------------------------------------


def test_a_category_of_three_is_not_shown_and_cannot_be_recomputed(centre, three_ten_twelve):
    figures = _figures(centre)
    issues = figures.by_issue_type
    assert issues[WAGE_THEFT] is None
    assert issues[HARASSMENT] is None  # hidden too: 25 - 12 - 10 would give 3 away
    assert issues[DOCUMENTS] == 12
    assert figures.total == 25
    assert 3 not in issues.values() and "3" not in {str(count) for count in issues.values()}
    visible = sum(count for count in issues.values() if count)
    assert figures.total - visible == 13  # two hidden cells: 13 does not say which is 3
    for breakdown in (issues, figures.by_status, figures.by_sector, figures.by_employer):
        assert not _recomputable(breakdown, figures.total), breakdown
    assert figures.has_hidden


def test_a_small_total_is_hidden_too(centre, open_case):
    for _ in range(3):
        open_case("wage_theft")
    figures = _figures(centre)
    assert figures.total is None
    assert figures.by_issue_type[WAGE_THEFT] is None
    assert figures.by_status[Status.INTAKE.label] is None


def test_the_page_shows_hidden_cells_as_hidden_with_one_notice(
    client, manager, centre, three_ten_twelve
):
    client.force_login(manager)
    html = client.get(_url(centre)).content.decode()
    issue_table = re.search(r'<h2 id="by-issue">.*?</table>', html, re.S).group()
    rows = dict(
        re.findall(r'<th scope="row">([^<]+)</th><td class="count">([^<]+)</td>', issue_table)
    )
    assert rows[str(WAGE_THEFT)] == "hidden"
    assert rows[str(HARASSMENT)] == "hidden"
    assert rows[str(DOCUMENTS)] == "12"
    assert "3" not in rows.values()
    assert html.count('class="notice"') == 1
    assert "fewer than 5 cases is “hidden”" in html


def test_the_programmes_threshold_is_used(client, manager, centre, three_ten_twelve):
    client.force_login(manager)
    assert client.get(_url(centre)).context["figures"].by_issue_type[WAGE_THEFT] is None
    centre.programme.suppression_threshold = 3
    centre.programme.save()
    figures = client.get(_url(centre)).context["figures"]
    assert figures.threshold == 3
    assert figures.by_issue_type[WAGE_THEFT] == 3
    assert figures.by_issue_type[HARASSMENT] == 10


def test_a_case_with_two_issues_counts_once_in_each(centre, open_case):
    for _ in range(5):
        open_case("documents", "wages_withheld")
    figures = _figures(centre)
    assert figures.total == 5
    assert figures.by_issue_type[DOCUMENTS] == 5
    assert figures.by_issue_type[IssueType.WAGES_WITHHELD.label] == 5
    assert figures.by_issue_type[HARASSMENT] == 0


# --- Who is counted -------------------------------------------------------------------


def test_only_cases_of_members_who_agree_to_statistics_count(centre, open_case, social_worker):
    cases = [open_case("harassment") for _ in range(3)]
    open_case("harassment", consents=("services",))
    assert _figures(centre, threshold=2).total == 3
    consent_withdraw(member=cases[0].member, purpose="statistics", by=social_worker)
    figures = _figures(centre, threshold=2)
    assert figures.total == 2
    assert figures.by_issue_type[HARASSMENT] == 2


def test_pseudonymous_cases_are_not_counted(centre, open_case):
    open_case("safety")
    open_case("safety")
    for n in range(3):
        open_case("safety", pseudonym=f"Rose {n}")
    figures = _figures(centre, threshold=2)
    assert figures.total == 2
    assert figures.by_issue_type[IssueType.SAFETY.label] == 2


def test_another_centres_cases_never_count(centre, other_centre, open_case):
    for _ in range(2):
        open_case("safety")
    assert _figures(other_centre, threshold=2).total == 0
    assert _figures(centre, threshold=2).total == 2


# --- Breakdowns -----------------------------------------------------------------------


def test_employers_are_named_only_with_enough_cases(client, manager, centre, open_case):
    big, middling, small = (
        actions.employer_get_or_create(centre=centre, name=name, kind="employer", by=manager)
        for name in ["Acme Garments", "Star Textiles", "Tiny Bakery"]
    )
    for employer, number in [(big, 6), (middling, 4), (small, 1)]:
        for _ in range(number):
            open_case("wage_theft", employer=employer)
    figures = _figures(centre)
    assert figures.by_employer == {"Acme Garments": 6, "Other employers": 5, "Not recorded": 0}
    # The pooled cells are suppressed like any other: one case with no employer is
    # hidden, and so is the next smallest cell, or 12 - 6 - 5 would give it away.
    open_case("wage_theft")
    figures = _figures(centre)
    assert figures.by_employer == {
        "Acme Garments": 6,
        "Other employers": None,
        "Not recorded": None,
    }
    assert figures.total == 12
    assert not _recomputable(figures.by_employer, figures.total)
    client.force_login(manager)
    html = client.get(_url(centre)).content.decode()
    assert "Acme Garments" in html
    assert "Star Textiles" not in html and "Tiny Bakery" not in html
    # One more case makes Star Textiles big enough to be named.
    open_case("wage_theft", employer=middling)
    assert _figures(centre).by_employer["Star Textiles"] == 5


def test_status_outcome_and_sector(centre, open_case, social_worker):
    cases = [open_case("harassment", sector="garment") for _ in range(6)]
    for case in cases[:5]:
        _resolve(case, social_worker, days=2)
    figures = _figures(centre)
    assert figures.by_status[Status.RESOLVED.label] is None  # 1 intake: both hidden
    assert figures.by_status[Status.INTAKE.label] is None
    assert figures.by_outcome["Resolved in the worker's favour"] == 5
    assert figures.by_sector["Garment and textiles"] == 6
    assert figures.by_sector["Domestic work"] == 0


def test_time_to_resolution_needs_enough_resolved_cases(centre, open_case, social_worker):
    cases = [open_case("wage_theft") for _ in range(5)]
    for case, days in zip(cases[:4], [1, 2, 3, 4], strict=True):
        _resolve(case, social_worker, days=days)
    figures = _figures(centre)
    assert figures.median_days_to_resolution is None
    assert figures.mean_days_to_resolution is None
    _resolve(cases[4], social_worker, days=10)
    figures = _figures(centre)
    assert figures.median_days_to_resolution == 3.0
    assert figures.mean_days_to_resolution == 4.0


def test_wages_recovered_per_currency(centre, open_case, social_worker):
    for amount in ["100", "100", "100", "100", "250.50"]:
        case = open_case("wage_theft")
        actions.remedy_record(
            grievance=case, kind="wages", by=social_worker, amount=Decimal(amount), currency="jod"
        )
    for _ in range(2):
        case = open_case("wage_theft")
        actions.remedy_record(
            grievance=case, kind="wages", by=social_worker, amount=Decimal("900"), currency="USD"
        )
    figures = _figures(centre)
    assert figures.wages_recovered == {"JOD": Decimal("650.50"), "USD": None}
    # Two cases in dollars are hidden, and so the next smallest count: 7 - 5 = 2.
    assert figures.wages_cases == {"JOD": None, "USD": None}
    assert figures.remedies_by_kind[RemedyKind.WAGES.label] == 7
    assert figures.remedies_by_kind[RemedyKind.DOCUMENTS.label] == 0


def test_a_currency_total_needs_enough_cases_not_enough_payments(centre, open_case, social_worker):
    cases = [open_case("wage_theft") for _ in range(4)]
    for case in [*cases, cases[0]]:  # five payments, four workers
        actions.remedy_record(
            grievance=case, kind="wages", by=social_worker, amount=Decimal("10"), currency="JOD"
        )
    assert _figures(centre).wages_recovered == {"JOD": None}
    assert _figures(centre, threshold=4).wages_recovered == {"JOD": Decimal("50.00")}


def test_the_period_counts_cases_opened_in_it(centre, open_case):
    old = [open_case("harassment") for _ in range(2)]
    for case in old:
        Grievance.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=40))
    for _ in range(3):
        open_case("harassment")
    today = timezone.localdate()
    assert _figures(centre, threshold=2).total == 5
    assert _figures(centre, threshold=2, since=today - timedelta(days=7)).total == 3
    assert _figures(centre, threshold=2, until=today - timedelta(days=30)).total == 2
    assert _figures(centre, threshold=2, since=today, until=today).total == 3


# --- The page -------------------------------------------------------------------------


def test_page_for_the_manager_names_nobody(client, manager, centre, three_ten_twelve):
    client.force_login(manager)
    response = client.get(_url(centre))
    assert response.status_code == 200
    html = response.content.decode()
    assert CANARY not in html and "CASE-" not in html
    for case in Grievance.objects.select_related("member"):
        assert case.member.code not in html
        assert case.member.preferred_name not in html


@pytest.mark.parametrize("role", FORBIDDEN)
def test_other_roles_may_not_see_the_figures(client, cast, centre, role):
    client.force_login(cast[role])
    assert client.get(_url(centre)).status_code == 403


@pytest.mark.parametrize("role", [*FORBIDDEN, "manager"])
def test_other_centre_is_not_found_for_every_role(client, cast, other_centre, role):
    client.force_login(cast[role])
    assert client.get(_url(other_centre)).status_code == 404


def test_outsider_cannot_see_this_centre(client, outsider, centre):
    client.force_login(outsider)
    assert client.get(_url(centre)).status_code == 404


def test_post_is_refused(client, manager, centre):
    client.force_login(manager)
    assert client.post(_url(centre)).status_code == 405


def test_anonymous_is_sent_to_sign_in(client, centre):
    response = client.get(_url(centre))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_period_from_the_address(client, manager, centre, open_case):
    for _ in range(5):
        open_case("harassment")
    client.force_login(manager)
    today = timezone.localdate().isoformat()
    figures = client.get(_url(centre), {"since": today, "until": today}).context["figures"]
    assert figures.total == 5
    assert figures.since == date.fromisoformat(today)
    assert client.get(_url(centre), {"until": "2020-01-01"}).context["figures"].total == 0


@pytest.mark.parametrize(
    "period",
    [
        {"since": "2026-13-45"},
        {"until": "yesterday"},
        {"since": "2026-03-10", "until": "2026-03-01"},
    ],
)
def test_a_bad_date_is_explained_and_the_whole_period_shown(
    client, manager, centre, open_case, period
):
    for _ in range(5):
        open_case("harassment")
    client.force_login(manager)
    response = client.get(_url(centre), period)
    assert response.status_code == 200
    assert "Check the dates" in response.content.decode()
    figures = response.context["figures"]
    assert figures.since is None and figures.until is None
    assert figures.total == 5


@pytest.mark.parametrize("number", [5, 50])
def test_queries_do_not_grow_with_cases(
    client,
    manager,
    centre,
    open_case,
    social_worker,
    django_assert_num_queries,
    django_assert_max_num_queries,
    number,
):
    employer = actions.employer_get_or_create(
        centre=centre, name="Acme Garments", kind="employer", by=manager
    )
    for n in range(number):
        case = open_case("wage_theft", "documents", employer=employer, sector="domestic")
        if n % 2:
            _resolve(case, social_worker, days=n)
            actions.remedy_record(
                grievance=case, kind="wages", by=social_worker, amount=Decimal(n), currency="JOD"
            )
    with django_assert_num_queries(8):
        assert _figures(centre).total == number
    client.force_login(manager)
    with django_assert_max_num_queries(QUERIES):
        assert client.get(_url(centre)).status_code == 200
