"""Legal notes (F19): legal privilege is between the worker and her legal advisor.

A legal note is read and written only by the legal advisors assigned to the case (an
administrator reads it as everything, the read audited as every case read is). The
manager sees that a legal note exists, its date and its author's role, never its text.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from advocacy import actions
from advocacy.models import CaseNote
from centres.models import AuditEntry, Role
from centres.submissions import FIELD, new_key

from ..factories import CentreRoleFactory, MemberFactory, UserFactory

SECRET = "PRIVILEGED-strategy-7f3"


@pytest.fixture
def assigned_legal(centre):
    return CentreRoleFactory(centre=centre, role=Role.LEGAL_ADVISOR).user


@pytest.fixture
def case(centre, social_worker, assigned_legal):
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=MemberFactory(centre=centre),
        narrative="Wages unpaid for three months.",
        issue_types=["wage_theft"],
        assignees=[social_worker, assigned_legal],
    )


@pytest.fixture
def legal_note(case, assigned_legal):
    return actions.note_add(grievance=case, text=SECRET, legal=True, by=assigned_legal)


def page(client, user, case):
    client.force_login(user)
    response = client.get(reverse("case_detail", args=[case.centre_id, case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_assigned_legal_advisor_reads_it(client, case, legal_note, assigned_legal):
    assert SECRET in page(client, assigned_legal, case)


def test_the_manager_sees_that_it_exists_not_its_text(client, case, legal_note, manager):
    shown = page(client, manager, case)
    assert SECRET not in shown
    assert "Legal note" in shown
    assert "Legal advisor · <strong>Legal note" in shown  # the author's role
    assert "Only the legal advisors assigned to this case read it." in shown


def test_a_social_worker_on_the_case_neither_reads_nor_sees_it(
    client, case, legal_note, social_worker
):
    shown = page(client, social_worker, case)
    assert SECRET not in shown
    assert "Legal note" not in shown


def test_an_administrator_reads_it_and_the_read_is_audited(client, case, legal_note):
    admin = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    before = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=admin).count()
    assert SECRET in page(client, admin, case)
    after = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=admin).count()
    assert after == before + 1


def test_a_legal_advisor_not_assigned_cannot_reach_the_case(client, centre, case, legal_note):
    other_legal = CentreRoleFactory(centre=centre, role=Role.LEGAL_ADVISOR).user
    client.force_login(other_legal)
    response = client.get(reverse("case_detail", args=[centre.pk, case.pk]))
    assert response.status_code == 404


def test_a_legal_advisor_assigned_to_another_case_does_not_read_this_one(
    centre, case, social_worker
):
    """The rule is per case: the legal advisor role in the centre is not enough."""
    other_legal = CentreRoleFactory(centre=centre, role=Role.LEGAL_ADVISOR).user
    theirs = actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym="R",
        narrative="n",
        issue_types=["other"],
        assignees=[other_legal],
    )
    assert other_legal.has_perm("advocacy.read_legal_notes", theirs)
    assert not other_legal.has_perm("advocacy.read_legal_notes", case)
    assert not other_legal.has_perm("advocacy.write_legal_notes", case)
    with pytest.raises(PermissionDenied):
        actions.note_add(grievance=case, text="x", legal=True, by=other_legal)


@pytest.mark.parametrize("who", ["manager", "social_worker"])
def test_only_the_assigned_legal_advisor_writes_one(client, cast, centre, case, who):
    client.force_login(cast[who])
    url = reverse("note_add", args=[centre.pk, case.pk])
    response = client.post(url, {"text": "my legal view", "legal": "on"})
    assert response.status_code == 403
    assert not CaseNote.objects.exists()
    # The same page's ordinary note goes through: the refusal was the legal flag's.
    client.post(url, {"text": "an ordinary note"})
    assert CaseNote.objects.filter(legal=False).count() == 1


def test_the_manager_is_not_offered_the_legal_flag(client, case, manager, assigned_legal):
    assert 'name="legal"' not in page(client, manager, case)
    assert 'name="legal"' in page(client, assigned_legal, case)


def test_the_assigned_legal_advisor_writes_one_once(client, centre, case, assigned_legal):
    client.force_login(assigned_legal)
    url = reverse("note_add", args=[centre.pk, case.pk])
    data = {"text": "Claim before the labour court", "legal": "on", FIELD: new_key()}
    client.post(url, data)
    client.post(url, data)
    assert CaseNote.objects.filter(legal=True).count() == 1


def test_a_blank_legal_note_is_refused(client, centre, case, assigned_legal):
    client.force_login(assigned_legal)
    url = reverse("note_add", args=[centre.pk, case.pk])
    response = client.post(url, {"text": "   ", "legal": "on"}, follow=True)
    assert response.status_code == 200
    assert not CaseNote.objects.exists()
    assert client.get(url).status_code == 405


def test_the_help_text_says_who_reads_it():
    help_text = str(CaseNote._meta.get_field("legal").help_text)
    assert help_text.startswith("Read only by the legal advisors assigned to the case")
    assert "not what it says" in help_text
