"""A case's risk and next follow-up date change as the case goes on: by whoever may work
the case, each change on the timeline with its value before and after."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advocacy import actions
from advocacy.models import CaseEvent, Grievance
from centres.local_time import today as local_today
from centres.models import AuditEntry

from ..factories import MemberFactory, centre_today


@pytest.fixture
def case(centre, social_worker):
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=MemberFactory(centre=centre),
        narrative="what happened",
        issue_types=["wage_theft"],
        assignees=[social_worker],
        risk="medium",
    )


def _url(case):
    return reverse("case_plan", args=[case.centre_id, case.pk])


def _changes(case):
    return list(
        CaseEvent.objects.filter(grievance=case, kind__in=["risk", "follow_up"])
        .order_by("pk")
        .values_list("kind", "from_value", "to_value")
    )


def test_an_assignee_raises_the_risk_and_sets_the_follow_up(client, centre, case, social_worker):
    day = local_today(centre) + timedelta(days=3)
    client.force_login(social_worker)
    page = client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
    assert _url(case) in page
    response = client.post(_url(case), {"risk": "high", "follow_up_on": day.isoformat()})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.risk, case.follow_up_on) == ("high", day)
    assert _changes(case) == [("risk", "medium", "high"), ("follow_up", "", day.isoformat())]
    page = client.get(response.url).content.decode()
    assert "Risk and follow-up saved." in page
    assert "Risk changed" in page and "(Medium → High)" in page
    assert "Next follow-up changed" in page
    # Audited as a change of the case, without any text.
    assert AuditEntry.objects.filter(
        content_type__model="grievance", object_pk=str(case.pk), action=AuditEntry.Action.UPDATE
    ).exists()


def test_a_resent_form_changes_nothing_twice(client, centre, case, social_worker):
    client.force_login(social_worker)
    data = {"risk": "urgent", "follow_up_on": ""}
    client.post(_url(case), data)
    response = client.post(_url(case), data, follow=True)
    assert "Nothing changed." in response.content.decode()
    assert _changes(case) == [("risk", "medium", "urgent")]


def test_the_follow_up_can_be_cleared(client, centre, social_worker):
    day = local_today(centre) + timedelta(days=1)
    case = actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym="Someone",
        narrative="what happened",
        issue_types=["other"],
        assignees=[social_worker],
        follow_up_on=day,
    )
    client.force_login(social_worker)
    client.post(_url(case), {"risk": "medium", "follow_up_on": ""})
    case.refresh_from_db()
    assert case.follow_up_on is None
    assert _changes(case) == [("follow_up", day.isoformat(), "")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"risk": "extreme", "follow_up_on": ""}, "Select a valid choice"),
        ({"risk": "high", "follow_up_on": "30/02/2026"}, "Enter a valid date"),
        (
            {"risk": "high", "follow_up_on": str(centre_today() - timedelta(days=30))},
            "cannot be in the past",
        ),
        (
            {"risk": "high", "follow_up_on": str(centre_today() + timedelta(days=3 * 365))},
            "within two years",
        ),
        ({"follow_up_on": ""}, "This field is required"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, centre, case, social_worker, data, message):
    client.force_login(social_worker)
    response = client.post(_url(case), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    case.refresh_from_db()
    assert (case.risk, case.follow_up_on) == ("medium", None)
    assert _changes(case) == []


def test_a_closed_case_has_no_plan_to_change(client, centre, case, social_worker):
    actions.grievance_move(grievance=case, to="closed", by=social_worker, reason="Moved away")
    client.force_login(social_worker)
    page = client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
    assert _url(case) not in page
    response = client.post(_url(case), {"risk": "high", "follow_up_on": ""}, follow=True)
    assert "has no risk or follow-up to plan" in response.content.decode()
    assert Grievance.objects.get(pk=case.pk).risk == "medium"
    with pytest.raises(ValidationError):
        actions.grievance_plan(grievance=case, by=social_worker, risk="low", follow_up_on=None)


@pytest.mark.parametrize("who", ["manager"])
def test_the_manager_may_change_it_too(client, cast, centre, case, who):
    client.force_login(cast[who])
    assert client.post(_url(case), {"risk": "low", "follow_up_on": ""}).status_code == 302
    assert Grievance.objects.get(pk=case.pk).risk == "low"


@pytest.mark.parametrize("who", ["legal", "committee_member", "worker", "coordinator", "outsider"])
def test_those_who_cannot_reach_the_case_find_nothing(client, cast, centre, case, who):
    """Not assigned, or another role: the case is "not found" (404), so that nobody
    learns it exists; the manager of another centre likewise."""
    client.force_login(cast[who])
    response = client.post(_url(case), {"risk": "urgent", "follow_up_on": ""})
    assert response.status_code == 404
    assert Grievance.objects.get(pk=case.pk).risk == "medium"


def test_only_post(client, centre, case, social_worker):
    client.force_login(social_worker)
    assert client.get(_url(case)).status_code == 405


def test_the_past_is_the_centre_s_past(centre, case, social_worker):
    """Today in Amman is allowed even when it is still yesterday in UTC."""
    today = local_today(centre, timezone.now())
    actions.grievance_plan(grievance=case, by=social_worker, risk="medium", follow_up_on=today)
    case.refresh_from_db()
    assert case.follow_up_on == today
