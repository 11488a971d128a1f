"""Access to a case needs a current case role in the centre: losing the role ends it,
unassigns the person on the case's timeline and tells the manager which cases have
nobody left."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from advocacy import actions
from advocacy.models import CaseNote, EventKind, Grievance
from advocacy.tasks import send_overdue_reminders
from centres.actions import role_revoke
from centres.models import CentreRole, Role

from ..factories import CentreRoleFactory, MemberFactory, centre_today

CANARY = "CANARY-role-loss-7c2d"


@pytest.fixture
def case(centre, social_worker, manager):
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=MemberFactory(centre=centre),
        narrative=f"{CANARY} narrative",
        contact=f"{CANARY} contact",
        issue_types=["wage_theft"],
        assignees=[social_worker],
        follow_up_on=centre_today() - timedelta(days=2),
    )


def _demote(centre, user, to=Role.COMMITTEE_MEMBER):
    """The person is moved: the case role goes, another role stays."""
    CentreRoleFactory(centre=centre, user=user, role=to)
    CentreRole.objects.filter(centre=centre, user=user, role=Role.SOCIAL_WORKER).delete()


@pytest.mark.parametrize("new_role", [Role.COMMITTEE_MEMBER, Role.WORKER_MEMBER])
def test_a_former_assignee_without_a_case_role_cannot_open_or_write(
    client, centre, case, social_worker, new_role
):
    _demote(centre, social_worker, to=new_role)
    client.force_login(social_worker)
    response = client.get(reverse("case_detail", args=[centre.pk, case.pk]))
    assert response.status_code == 404
    assert CANARY not in response.content.decode()
    posted = client.post(reverse("note_add", args=[centre.pk, case.pk]), {"text": "still here"})
    assert posted.status_code == 404
    assert not CaseNote.objects.exists()
    assert not Grievance.objects.visible_to(social_worker).exists()


def test_former_assignees_get_no_reminders(centre, case, social_worker):
    _demote(centre, social_worker)
    send_overdue_reminders.delay().get()
    assert [m for m in mail.outbox if social_worker.email in m.to] == []


def test_removing_the_role_unassigns_on_the_timeline_and_tells_the_manager(
    client, centre, case, social_worker, manager, django_capture_on_commit_callbacks
):
    CentreRoleFactory(centre=centre, user=social_worker, role=Role.COMMITTEE_MEMBER)
    role = CentreRole.objects.get(centre=centre, user=social_worker, role=Role.SOCIAL_WORKER)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("role_revoke", args=[centre.pk, role.pk]))

    assert list(case.assignees.all()) == []
    event = case.events.get(kind=EventKind.UNASSIGNED)
    assert event.actor == manager
    told = [m for m in mail.outbox if manager.email in m.to]
    assert len(told) == 1
    assert f"CASE-{case.pk}" in told[0].body
    assert CANARY not in told[0].subject + told[0].body


def test_keeping_another_case_role_keeps_the_assignment(
    centre, case, social_worker, manager, django_capture_on_commit_callbacks
):
    CentreRoleFactory(centre=centre, user=social_worker, role=Role.LEGAL_ADVISOR)
    role = CentreRole.objects.get(centre=centre, user=social_worker, role=Role.SOCIAL_WORKER)
    with django_capture_on_commit_callbacks(execute=True):
        role_revoke(centre_role=role, by=manager)
    assert list(case.assignees.all()) == [social_worker]
    assert Grievance.objects.visible_to(social_worker).get() == case
    assert mail.outbox == []
