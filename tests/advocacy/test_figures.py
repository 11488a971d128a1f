"""Case figures for reports and advocacy, read from the release of a closed period:
consenting members' cases only, small cells and the zeros beside them hidden,
employers named only when many, no custom or shifted dates, and the page's matrix."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse

from advocacy import actions
from advocacy.models import Employer, IssueType
from advocacy.statistics.models import Release
from advocacy.statistics.periods import Period, centre_zone

from ..factories import MemberFactory, centre_today
from ..releases import released_for

CANARY = "CANARY-figures-9c1e"
FORBIDDEN = ["social_worker", "legal", "committee_member", "worker", "coordinator"]


def last_month(centre) -> Period:
    return Period.containing("month", centre_today()).previous()


def at(centre, day) -> datetime:
    return datetime.combine(day, time(12), tzinfo=centre_zone(centre))


@pytest.fixture
def open_case(centre, social_worker):
    def open_case(*issues, day=None, consents=("services", "statistics"), pseudonym="", **kw):
        member = None if pseudonym else MemberFactory(centre=centre, consents=consents)
        case = actions.grievance_open(
            centre=centre,
            by=social_worker,
            member=member,
            pseudonym=pseudonym,
            narrative=f"{CANARY} what happened",
            issue_types=issues or ["wage_theft"],
            assignees=[social_worker],
            consent_given=True,
            **kw,
        )
        case.opened_at = at(centre, day or last_month(centre).first + timedelta(days=3))
        case.save(update_fields=["opened_at"])
        return case

    return open_case


def _url(centre, **query):
    url = reverse("case_figures", args=[centre.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shown(client, centre, **query):
    """The page, once the schedule has released what it shows."""
    released_for(centre, query.get("period"))
    return client.get(_url(centre, **query))


def _tables(response):
    return {table["id"]: dict(table["rows"]) for table in response.context["tables"]}


def test_counts_only_consenting_members_cases(client, manager, centre, open_case):
    for _ in range(6):
        open_case()
    open_case(consents=("services",))
    open_case(pseudonym="R.")
    client.force_login(manager)
    response = shown(client, centre)
    assert response.status_code == 200
    assert response.context["total"] == 6
    page = response.content.decode()
    assert CANARY not in page and "CASE-" not in page


def test_one_gender_based_violence_case_is_not_told_apart_from_none(
    client, manager, centre, open_case
):
    """Today a zero shows and a 1 shows as "hidden", so "hidden" means "somebody".
    In a release the zeros beside a hidden cell are hidden too."""
    for _ in range(8):
        open_case()
    open_case("gbv")
    client.force_login(manager)
    issues = _tables(shown(client, centre))["cases-issue"]
    assert issues[IssueType.GENDER_VIOLENCE.label] is None
    assert issues[IssueType.DEBT_BONDAGE.label] is None  # a zero, hidden beside it
    assert issues[IssueType.WAGE_THEFT.label] == 8


def test_employers_are_named_only_with_enough_cases(client, manager, centre, open_case):
    big = Employer.objects.create(centre=centre, name="Big Farms", kind="employer")
    small = Employer.objects.create(centre=centre, name="Small Shop", kind="employer")
    for _ in range(6):
        open_case(employer=big)
    open_case(employer=small)
    client.force_login(manager)
    page = shown(client, centre).content.decode()
    assert "Big Farms" in page
    assert "Small Shop" not in page


def test_custom_or_shifted_dates_are_not_accepted(client, manager, centre, open_case):
    """Two ranges one day apart gave the case opened on the extra day away."""
    for _ in range(6):
        open_case()
    client.force_login(manager)
    month = last_month(centre)
    shifted = shown(client, centre, since=month.first + timedelta(days=1), until=month.last)
    assert shifted.context["release"].period == month  # the dates are ignored
    refused = shown(client, centre, period=(month.first + timedelta(days=1)).isoformat())
    assert refused.context["release"].period == month
    assert "Choose a week, month, quarter or year" in refused.content.decode()
    current = Period.containing("month", centre_today())
    open_now = shown(client, centre, period=current.key)
    assert open_now.context["release"].period == month
    assert "only for periods that have ended" in open_now.content.decode()
    assert not Release.objects.filter(period_start=current.first).exists()


def test_a_quarter_is_released_with_its_months(client, manager, centre, open_case):
    client.force_login(manager)
    year = centre_today().year - 1
    response = shown(client, centre, period=f"{year}-Q2")
    assert response.context["release"].period.key == f"{year}-Q2"
    assert Release.objects.filter(period_kind="month").count() == 3


@pytest.mark.parametrize("role", FORBIDDEN)
def test_other_roles_may_not_see_the_figures(client, cast, centre, role):
    client.force_login(cast[role])
    assert client.get(_url(centre)).status_code == 403


@pytest.mark.parametrize("role", ["manager", *FORBIDDEN])
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
