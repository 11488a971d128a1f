"""A case opens only with the worker's consent to case handling (ticked after the
sentence is read, or a member's consent on record), or with the reason it cannot
wait, kept on the case as a referral keeps its own; retention removes that reason
with the rest of the story."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advocacy import actions
from advocacy.models import Employer, Grievance
from advocacy.retention import anonymise_case
from members.models import Consent

from ..factories import MemberFactory

REFUSAL = "The worker has not consented to case handling"


def _post(member, social_worker, **extra):
    return {
        "member": member.code,
        "issue_types": ["wage_theft"],
        "narrative": "Not paid for three months",
        "new_employer": "Acme Garments",
        "new_employer_kind": "employer",
        "risk": "medium",
        "assignees": [social_worker.pk],
        **extra,
    }


def test_intake_without_consent_or_reason_is_refused_beside_the_consent(
    client, centre, social_worker
):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    response = client.post(reverse("case_new", args=[centre.pk]), _post(member, social_worker))

    assert response.status_code == 200
    assert any(REFUSAL in str(e) for e in response.context["form"].errors["consent_given"])
    assert not Grievance.objects.exists()
    assert not Employer.objects.exists()
    assert not Consent.objects.filter(purpose="case_handling").exists()


def test_intake_with_a_reason_opens_the_case_and_keeps_the_reason(client, centre, social_worker):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    data = _post(member, social_worker, consent_override="Locked in tonight, no time to ask")
    response = client.post(reverse("case_new", args=[centre.pk]), data)

    assert response.status_code == 302
    case = Grievance.objects.get()
    assert case.consent_given is False
    assert case.consent_override == "Locked in tonight, no time to ask"
    assert not Consent.objects.filter(purpose="case_handling").exists()  # a reason is not one
    page = client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
    assert "Opened without recorded consent because:" in page
    assert "Locked in tonight" in page


def test_intake_with_consent_ticked_records_it(client, centre, social_worker):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    data = _post(member, social_worker, consent_given="on", consent_override="ignored")
    assert client.post(reverse("case_new", args=[centre.pk]), data).status_code == 302
    case = Grievance.objects.get()
    assert case.consent_given is True and case.consent_override == ""
    assert member.consents.current().filter(purpose="case_handling").count() == 1


def test_a_members_consent_on_record_is_enough(centre, social_worker):
    member = MemberFactory(centre=centre, consents=["case_handling"])
    case = actions.grievance_open(
        centre=centre,
        by=social_worker,
        member=member,
        narrative="n",
        issue_types=["debt"],
        assignees=[social_worker],
    )
    assert case.consent_given is True
    assert member.consents.filter(purpose="case_handling").count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_action_refuses_without_consent_or_reason(centre, social_worker, reason):
    with pytest.raises(ValidationError, match=REFUSAL):
        actions.grievance_open(
            centre=centre,
            by=social_worker,
            pseudonym="Rose",
            narrative="n",
            issue_types=["debt"],
            assignees=[social_worker],
            consent_override=reason,
        )
    assert not Grievance.objects.exists()


def test_retention_removes_the_reason_with_the_story(centre, social_worker):
    case = actions.grievance_open(
        centre=centre,
        by=social_worker,
        pseudonym="Rose",
        narrative="n",
        issue_types=["debt"],
        assignees=[social_worker],
        consent_override="Danger tonight",
    )
    anonymise_case(case)
    case.refresh_from_db()
    assert case.consent_override == ""
