""" "You said, we did": released figures of the last closed quarter only, no employer."""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from advocacy import actions as case_actions
from advocacy.models import Employer, Grievance
from advocacy.recommendations import actions
from advocacy.statistics.periods import Period
from advocacy.statistics.releases import release
from members.actions import kiosk_create
from tests.devices import pair

from ..factories import MemberFactory
from ..releases import released_for

EMPLOYER = "Golden Palm Recruitment"


@pytest.fixture
def quarter(centre):
    today = timezone.localdate(timezone=centre.time_zone)
    return Period.containing("quarter", today).previous()


@pytest.fixture
def raised(centre, social_worker, manager, quarter):
    """6 document cases at one employer and 2 harassment cases in the last closed quarter;
    6 debt cases in the running quarter; a sent recommendation to the employer."""
    employer = Employer.objects.create(centre=centre, name=EMPLOYER, kind="recruiter")
    closed_day = datetime.combine(quarter.first + timedelta(days=5), time(12), centre.time_zone)
    running_day = timezone.now()

    def cases(number, issue, when, **extra):
        for _ in range(number):
            case = case_actions.grievance_open(
                centre=centre, by=social_worker, member=MemberFactory(centre=centre),
                narrative="what happened", issue_types=[issue], assignees=[social_worker],
                consent_given=True, **extra,
            )  # fmt: skip
            Grievance.objects.filter(pk=case.pk).update(opened_at=when)

    cases(6, "documents", closed_day, employer=employer)
    cases(2, "harassment", closed_day)
    cases(6, "debt", running_day)
    recommendation = actions.recommendation_draft(
        centre=centre, by=manager, owner=manager, title=f"{EMPLOYER} must return passports",
        addressee_kind="recruiter", addressee_name=EMPLOYER, deficits=["documents"],
        text=f"{EMPLOYER} keeps passports.",
    )  # fmt: skip
    released_for(centre, quarter)  # as the hourly schedule has by now
    actions.evidence_cite(
        recommendation=recommendation, by=manager, centre=centre, period=quarter.key,
        cells=[("cases.issue", "documents")],
    )  # fmt: skip
    actions.recommendation_send(recommendation=recommendation, by=manager)
    return recommendation


def test_only_released_figures_and_no_employer_name(client, worker, centre, raised, quarter):
    stored = release(centre=centre, period=quarter)
    assert stored.value("cases.issue", "documents") == 6
    assert stored.value("cases.issue", "harassment") is None  # hidden by the layer
    client.force_login(worker)
    page = client.get(reverse("you_said", args=[centre.pk])).content.decode()
    assert "Retention of identity documents" in page and "<b>6</b>" in page
    assert "Harassment" not in page  # a hidden cell
    assert "Debt bondage" not in page  # the running quarter is not released
    assert EMPLOYER not in page and "Golden Palm" not in page
    assert "an employer or recruiter" in page and "Sent" in page


def test_the_page_is_light(client, worker, centre, raised):
    client.force_login(worker)
    response = client.get(reverse("you_said", args=[centre.pk]))
    with open(finders.find("css/yousaid.css"), "rb") as css:
        weight = len(response.content) + len(css.read())
    assert weight < 30_000
    assert b"<script" not in response.content


def test_access_and_the_kiosk(client, cast, centre, manager, raised):
    url = reverse("you_said", args=[centre.pk])
    for role in ("worker", "committee_member", "manager", "social_worker"):
        client.force_login(cast[role])
        assert client.get(url).status_code == 200
    assert client.get(url + "?poster=1").status_code == 200
    assert client.post(url).status_code == 405
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(reverse("kiosk_you_said")).status_code == 404  # not a kiosk
    pair(client, kiosk_create(centre=centre, label="Entrance", by=manager)[1])
    page = client.get(reverse("kiosk_you_said"))
    assert page.status_code == 200 and EMPLOYER not in page.content.decode()
