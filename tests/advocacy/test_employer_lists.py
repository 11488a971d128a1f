"""Naming an employer tells that someone complained about them: a case worker is
offered only the employers of the cases they may open."""

import pytest
from django.urls import reverse

from advocacy import actions
from advocacy.models import Employer, Grievance
from centres.models import Role

from ..factories import CentreRoleFactory

SECRET = "Secret Garments Ltd"


@pytest.fixture
def hidden_case(centre, manager):
    """A case of another case worker, naming an employer nobody else has named."""
    colleague = CentreRoleFactory(centre=centre, role=Role.SOCIAL_WORKER).user
    employer = Employer.objects.create(centre=centre, name=SECRET, kind="employer")
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=manager,
        pseudonym="R.",
        narrative="…",
        issue_types=["gbv"],
        employer=employer,
        assignees=[colleague],
    )


def test_the_case_list_filter_does_not_name_employers_of_other_cases(
    client, centre, social_worker, hidden_case
):
    client.force_login(social_worker)
    page = client.get(reverse("case_list", args=[centre.pk]))
    assert page.status_code == 200
    assert SECRET not in page.content.decode()
    # Filtering by its id is refused as an unknown choice, not answered with "0 cases".
    response = client.get(
        reverse("case_list", args=[centre.pk]), {"employer": hidden_case.employer_id}
    )
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert not response.context["form"].is_valid()


def test_the_intake_form_does_not_name_employers_of_other_cases(
    client, centre, social_worker, hidden_case
):
    client.force_login(social_worker)
    page = client.get(reverse("case_new", args=[centre.pk]))
    assert page.status_code == 200
    assert SECRET not in page.content.decode()


def test_the_manager_sees_every_employer(client, centre, manager, hidden_case):
    client.force_login(manager)
    assert SECRET in client.get(reverse("case_list", args=[centre.pk])).content.decode()
    assert SECRET in client.get(reverse("case_new", args=[centre.pk])).content.decode()


def test_intake_still_matches_an_existing_employer_by_name(
    client, centre, social_worker, hidden_case
):
    """The case worker types the name: the case is filed under the same employer (no
    duplicate), and the page says nothing about it having been known."""
    client.force_login(social_worker)
    response = client.post(
        reverse("case_new", args=[centre.pk]),
        {
            "pseudonym": "S.",
            "issue_types": ["wage_theft"],
            "new_employer": SECRET,
            "new_employer_kind": "employer",
            "narrative": "Unpaid for two months.",
            "risk": "medium",
            "assignees": [social_worker.pk],
            "consent_given": "on",
        },
    )
    assert response.status_code == 302
    assert Employer.objects.filter(centre=centre, name=SECRET).count() == 1
    case = Grievance.objects.exclude(pk=hidden_case.pk).get()
    assert case.employer_id == hidden_case.employer_id
