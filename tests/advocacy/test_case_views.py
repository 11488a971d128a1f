"""The case pages: an access matrix of every case view × every role, audit of reads,
legal notes, bad input, and the worker's own view."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from advocacy import actions
from advocacy.models import CaseNote, Grievance, Referral, Remedy, Status
from centres.models import AuditEntry, Role
from services.models import ReferralPartner

from ..factories import CentreRoleFactory, MemberFactory

CANARY = "CANARY-page-42aa"


@pytest.fixture
def people(cast, centre):
    return {
        **cast,
        "other_social": CentreRoleFactory(centre=centre, role=Role.SOCIAL_WORKER).user,
        "assigned_legal": CentreRoleFactory(centre=centre, role=Role.LEGAL_ADVISOR).user,
    }


@pytest.fixture
def case(centre, people):
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=people["social_worker"],
        member=MemberFactory(centre=centre, consents=("services", "statistics")),
        narrative=f"{CANARY} narrative",
        issue_types=["wage_theft"],
        assignees=[people["social_worker"], people["assigned_legal"]],
    )


@pytest.fixture
def partner(centre):
    return ReferralPartner.objects.create(centre=centre, name="Legal aid clinic", kind="lawyer")


REACHES = {"social_worker", "assigned_legal", "manager"}
NOT_REACHING = ["other_social", "legal", "committee_member", "worker", "coordinator", "outsider"]


@pytest.mark.parametrize("who", sorted(REACHES) + NOT_REACHING)
def test_case_page_matrix(client, people, centre, case, who):
    client.force_login(people[who])
    response = client.get(reverse("case_detail", args=[centre.pk, case.pk]))
    if who in REACHES:
        assert response.status_code == 200
        assert CANARY in response.content.decode()
    else:
        assert response.status_code == 404
        assert CANARY not in response.content.decode()


POSTS = [
    ("case_move", {"to": "advice"}),
    ("note_add", {"text": "A note"}),
    ("referral_send", {"override_reason": "urgent"}),
    ("remedy_record", {"kind": "documents"}),
]


@pytest.mark.parametrize("who", NOT_REACHING)
@pytest.mark.parametrize(("view", "data"), POSTS)
def test_writes_are_not_found_for_those_who_cannot_reach_the_case(
    client, people, centre, case, partner, who, view, data
):
    client.force_login(people[who])
    data = {**data, "partner": partner.pk}
    assert client.post(reverse(view, args=[centre.pk, case.pk]), data).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.INTAKE
    assert (
        not CaseNote.objects.exists()
        and not Referral.objects.exists()
        and not Remedy.objects.exists()
    )


@pytest.mark.parametrize(
    "who", ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_another_centres_case_is_not_found(client, people, other_centre, who):
    theirs_staff = CentreRoleFactory(centre=other_centre, role=Role.SOCIAL_WORKER).user
    theirs = actions.grievance_open(
        consent_given=True,
        centre=other_centre,
        by=theirs_staff,
        pseudonym="X",
        narrative="n",
        issue_types=["other"],
        assignees=[theirs_staff],
    )
    client.force_login(people[who])
    assert client.get(reverse("case_detail", args=[other_centre.pk, theirs.pk])).status_code == 404


def test_case_list_matrix(client, people, centre, case):
    for who, status in [
        ("manager", 200),
        ("social_worker", 200),
        ("legal", 200),
        ("committee_member", 403),
        ("worker", 403),
        ("coordinator", 403),
        ("outsider", 404),
    ]:
        client.force_login(people[who])
        response = client.get(reverse("case_list", args=[centre.pk]))
        assert response.status_code == status, who
        shows = case.reference in response.content.decode()
        assert shows is (who in {"manager", "social_worker"}), who


def test_one_page_view_makes_exactly_one_access_record(client, people, centre, case):
    client.force_login(people["social_worker"])
    before = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count()
    client.get(reverse("case_detail", args=[centre.pk, case.pk]))
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert entries.count() == before + 1
    entry = entries.latest()
    assert entry.actor == people["social_worker"]
    assert entry.content_type == ContentType.objects.get_for_model(Grievance)
    assert entry.object_pk == str(case.pk)
    assert entry.timestamp is not None
    assert CANARY not in f"{entry.changes} {entry.object_repr}"


def test_manager_sees_the_access_history(client, people, centre, case):
    client.force_login(people["social_worker"])
    client.get(reverse("case_detail", args=[centre.pk, case.pk]))
    client.force_login(people["manager"])
    page = client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
    assert "Who opened this case" in page
    assert str(people["social_worker"]) in page
    client.force_login(people["social_worker"])
    assert (
        "Who opened this case"
        not in client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
    )


def test_legal_notes_only_for_the_assigned_legal_advisors(client, people, centre, case):
    """F19: the manager sees that a legal note exists, not what it says
    (tests/advocacy/test_legal_notes.py)."""
    actions.note_add(
        grievance=case, text="LEGAL-ONLY strategy", legal=True, by=people["assigned_legal"]
    )
    actions.note_add(grievance=case, text="ordinary note", by=people["social_worker"])
    for who, sees in [("assigned_legal", True), ("manager", False), ("social_worker", False)]:
        client.force_login(people[who])
        page = client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
        assert ("LEGAL-ONLY strategy" in page) is sees, who
        assert "ordinary note" in page
    for who in ("social_worker", "manager"):
        client.force_login(people[who])
        response = client.post(
            reverse("note_add", args=[centre.pk, case.pk]), {"text": "sneaky", "legal": "on"}
        )
        assert response.status_code == 403, who
    assert not CaseNote.objects.filter(text="sneaky").exists()
    assert CaseNote.objects.count() == 2


def test_workflow_through_the_pages(client, people, centre, case, partner):
    client.force_login(people["social_worker"])
    url = lambda name: reverse(name, args=[centre.pk, case.pk])  # noqa: E731
    response = client.post(url("case_move"), {"to": "resolved", "outcome": "favour"}, follow=True)
    assert "cannot move there" in response.content.decode()
    client.post(url("case_move"), {"to": "advice"})
    client.post(url("note_add"), {"text": "Met the worker"})
    response = client.post(url("referral_send"), {"partner": partner.pk}, follow=True)
    assert "not consented to referral" in response.content.decode()
    assert not Referral.objects.exists()
    client.post(url("referral_send"), {"partner": partner.pk, "override_reason": "Danger tonight"})
    client.post(url("case_move"), {"to": "referral"})
    client.post(url("remedy_record"), {"kind": "wages", "amount": "350", "currency": "jod"})
    client.post(url("case_move"), {"to": "resolved", "outcome": "favour"})
    case.refresh_from_db()
    assert case.status == Status.RESOLVED and case.outcome == "favour"
    assert Remedy.objects.get().currency == "JOD"
    assert Referral.objects.get().consent_override == "Danger tonight"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"narrative": "x" * 20_001}, "at most 20000"),
        ({"issue_types": ["alien"]}, "Select a valid choice"),
        ({"assignees": "outsider"}, "Select a valid choice"),
        ({"member": "AMM-9999"}, "No member of this centre has the code"),
        ({"member": "", "pseudonym": ""}, "Give a member code or a pseudonym"),
    ],
)
def test_bad_intake_is_refused_and_nothing_saved(client, people, centre, data, message):
    member = MemberFactory(centre=centre)
    post = {
        "member": member.code,
        "issue_types": ["wage_theft"],
        "narrative": "What happened",
        "risk": "medium",
        "assignees": [people["social_worker"].pk],
        "consent_given": "on",
    }
    if data.get("assignees") == "outsider":
        data = {"assignees": [people["outsider"].pk]}
    post.update(data)
    client.force_login(people["social_worker"])
    response = client.post(reverse("case_new", args=[centre.pk]), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Grievance.objects.exists()


def test_intake_with_a_new_employer(client, people, centre):
    client.force_login(people["social_worker"])
    response = client.post(
        reverse("case_new", args=[centre.pk]),
        {
            "pseudonym": "Rose",
            "issue_types": ["documents", "movement"],
            "narrative": "They keep my passport",
            "risk": "high",
            "assignees": [people["social_worker"].pk],
            "new_employer": "Acme Garments",
            "new_employer_kind": "employer",
            "consent_given": "on",
        },
    )
    case = Grievance.objects.get()
    assert response.status_code == 302
    assert case.employer.name == "Acme Garments" and case.employer.centre == centre
    assert set(case.issues.values_list("issue_type", flat=True)) == {"documents", "movement"}


def test_a_case_opened_for_others_leads_back_to_the_case_list(client, people, centre):
    """A social worker at the front desk opens a case and assigns it to the legal
    advisor only: the case is not theirs to read, so they land on the case list with
    its reference, never on a "not found" page."""
    client.force_login(people["social_worker"])
    response = client.post(
        reverse("case_new", args=[centre.pk]),
        {
            "pseudonym": "Rose",
            "issue_types": ["documents"],
            "narrative": "They keep my passport",
            "risk": "high",
            "assignees": [people["assigned_legal"].pk],
            "consent_given": "on",
        },
    )
    case = Grievance.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("case_list", args=[centre.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200 and case.reference in page.content.decode()


@pytest.mark.parametrize("who", ["legal", "committee_member", "worker", "coordinator"])
def test_only_intake_roles_open_cases(client, people, centre, who):
    client.force_login(people[who])
    assert client.get(reverse("case_new", args=[centre.pk])).status_code == 403


def test_case_views_wrong_method(client, people, centre, case):
    client.force_login(people["manager"])
    assert client.post(reverse("case_detail", args=[centre.pk, case.pk])).status_code == 405
    assert client.get(reverse("case_move", args=[centre.pk, case.pk])).status_code == 405
    assert client.get(reverse("note_add", args=[centre.pk, case.pk])).status_code == 405
    assert client.post(reverse("case_list", args=[centre.pk])).status_code == 405


def test_only_the_manager_reassigns(client, people, centre, case):
    url = reverse("case_assign", args=[centre.pk, case.pk])
    client.force_login(people["social_worker"])
    assert client.post(url, {"assignees": [people["other_social"].pk]}).status_code == 403
    client.force_login(people["manager"])
    client.post(url, {"assignees": [people["other_social"].pk]})
    assert list(case.assignees.all()) == [people["other_social"]]


def test_case_list_queries_do_not_grow(client, people, centre, django_assert_max_num_queries):
    client.force_login(people["manager"])
    for count in (5, 50):
        while Grievance.objects.count() < count:
            actions.grievance_open(
                consent_given=True,
                centre=centre,
                by=people["manager"],
                pseudonym="P",
                narrative="n",
                issue_types=["other", "wage_theft"],
                assignees=[people["social_worker"]],
            )
        with django_assert_max_num_queries(14):
            assert client.get(reverse("case_list", args=[centre.pk])).status_code == 200


def test_the_worker_follows_their_own_case_without_staff_notes(client, people, centre, case):
    worker = people["worker"]
    case.member.account = worker
    case.member.save()
    actions.note_add(grievance=case, text="STAFF-ONLY note", by=people["social_worker"])
    client.force_login(worker)
    page = client.get(reverse("my_cases", args=[centre.pk])).content.decode()
    assert case.reference in page
    assert "A member of staff will talk with you" in page
    assert "STAFF-ONLY" not in page and CANARY not in page
    client.force_login(people["committee_member"])
    assert client.get(reverse("my_cases", args=[centre.pk])).status_code == 403


@pytest.mark.parametrize("typed", ["دينار", "dinar", "JD", "XYZ"])
def test_a_remedy_currency_is_chosen_from_iso_4217_codes(client, people, centre, case, typed):
    """A currency typed in words ("دينار") was cut to its first three letters by the
    field's maxlength and stored. The case page offers the codes; anything else is
    refused with a message and nothing is saved."""
    client.force_login(people["social_worker"])
    page = client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
    assert '<select name="currency"' in page and '<option value="JOD">' in page
    assert 'maxlength="3"' not in page
    remedy = reverse("remedy_record", args=[centre.pk, case.pk])
    data = {"kind": "wages", "amount": "350", "currency": typed}
    response = client.post(remedy, data, follow=True)
    assert "Choose the currency from the list" in response.content.decode()
    assert not Remedy.objects.exists()
    client.post(remedy, {**data, "currency": " jod "})
    assert Remedy.objects.get().currency == "JOD"
