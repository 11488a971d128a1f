"""Grievance cases: who can reach them, the workflow, encryption, referral consent."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection

from advocacy import actions
from advocacy.models import NARRATIVE_MAX, CaseEvent, Employer, Grievance, Referral, Status
from centres.models import AuditEntry, Role
from services.models import ReferralPartner

from ..factories import CentreRoleFactory, MemberFactory

CANARY = "CANARY-narrative-7f3a"


@pytest.fixture
def case(centre, social_worker, manager):
    member = MemberFactory(centre=centre, consents=("services",))
    return actions.grievance_open(
        centre=centre,
        by=social_worker,
        member=member,
        narrative=f"{CANARY}: my passport was taken",
        issue_types=["documents", "wages_withheld"],
        assignees=[social_worker],
        contact="+962 79 000 1111",
        consent_given=True,
    )


@pytest.fixture
def partner(centre):
    return ReferralPartner.objects.create(centre=centre, name="Legal aid", kind="lawyer")


def test_who_can_reach_a_case(case, cast, centre, legal):
    other_social = CentreRoleFactory(centre=centre, role=Role.SOCIAL_WORKER).user
    visible = {
        name: Grievance.objects.visible_to(user).filter(pk=case.pk).exists()
        for name, user in cast.items()
    }
    assert visible == {
        "manager": True,
        "social_worker": True,  # assigned
        "legal": False,  # not assigned
        "committee_member": False,
        "worker": False,
        "coordinator": False,
        "outsider": False,
    }
    assert not Grievance.objects.visible_to(other_social).exists()
    actions.grievance_assign(grievance=case, assignees=[legal], by=cast["manager"])
    assert Grievance.objects.visible_to(legal).filter(pk=case.pk).exists()
    assert not Grievance.objects.visible_to(cast["social_worker"]).filter(pk=case.pk).exists()


def test_narrative_contact_and_notes_are_encrypted_at_rest(case, social_worker):
    actions.note_add(grievance=case, text=f"{CANARY} note", by=social_worker)
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative, contact FROM advocacy_grievance WHERE id = %s", [case.pk])
        narrative, contact = cursor.fetchone()
        cursor.execute("SELECT text FROM advocacy_casenote WHERE grievance_id = %s", [case.pk])
        (note,) = cursor.fetchone()
    assert CANARY not in narrative and "1111" not in contact and CANARY not in note
    fresh = Grievance.objects.get(pk=case.pk)
    assert fresh.narrative.startswith(CANARY)
    assert fresh.notes.get().text == f"{CANARY} note"


def test_audit_trail_holds_no_case_text(case, social_worker):
    actions.note_add(grievance=case, text=f"{CANARY} note", by=social_worker)
    trail = " ".join(f"{e.object_repr} {e.changes}" for e in AuditEntry.objects.all())
    assert CANARY not in trail and "passport" not in trail and "1111" not in trail
    assert str(case) == f"CASE-{case.pk}"


def test_the_workflow_refuses_moves_it_does_not_allow(case, social_worker):
    with pytest.raises(ValidationError, match="cannot move"):
        actions.grievance_move(
            grievance=case, to=Status.RESOLVED, by=social_worker, outcome="favour"
        )
    with pytest.raises(ValidationError, match="cannot move"):
        actions.grievance_move(grievance=case, to="nowhere", by=social_worker)
    case.refresh_from_db()
    assert case.status == Status.INTAKE
    actions.grievance_move(grievance=case, to=Status.ADVICE, by=social_worker)
    with pytest.raises(ValidationError, match="outcome"):
        actions.grievance_move(grievance=case, to=Status.RESOLVED, by=social_worker)
    with pytest.raises(ValidationError, match="why the case is closed"):
        actions.grievance_move(grievance=case, to=Status.CLOSED, by=social_worker)
    actions.grievance_move(grievance=case, to=Status.RESOLVED, by=social_worker, outcome="favour")
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Status.RESOLVED, "favour")
    assert case.finished_at is not None
    actions.grievance_move(grievance=case, to=Status.ADVICE, by=social_worker)  # reopened
    case.refresh_from_db()
    assert (case.status, case.outcome, case.finished_at) == (Status.ADVICE, "", None)
    moves = list(
        CaseEvent.objects.filter(grievance=case, kind="moved").values_list(
            "from_status", "to_status"
        )
    )
    assert moves == [("intake", "advice"), ("advice", "resolved"), ("resolved", "advice")]


def test_referral_needs_consent_or_a_stated_override(case, partner, social_worker):
    with pytest.raises(ValidationError, match="not consented to referral"):
        actions.referral_send(grievance=case, partner=partner, by=social_worker)
    assert not Referral.objects.exists()
    referral = actions.referral_send(
        grievance=case, partner=partner, by=social_worker, override_reason="Danger tonight"
    )
    assert referral.consent_override == "Danger tonight"
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Referral),
        object_pk=str(referral.pk),
        action=AuditEntry.Action.CREATE,
    )
    assert entry.centre == case.centre
    # The reason stays on the referral; the append-only trail keeps no free text.
    assert "Danger tonight" not in str(entry.changes)


def test_referral_with_consent_needs_no_override(case, partner, social_worker):
    from members.actions import consent_give

    consent_give(member=case.member, purpose="referral", by=social_worker)
    referral = actions.referral_send(grievance=case, partner=partner, by=social_worker)
    assert referral.consent_override == ""


def test_a_withdrawn_referral_consent_no_longer_counts(case, partner, social_worker):
    from members.actions import consent_give, consent_withdraw

    consent_give(member=case.member, purpose="referral", by=social_worker)
    consent_withdraw(member=case.member, purpose="referral", by=social_worker)
    with pytest.raises(ValidationError, match="not consented to referral"):
        actions.referral_send(grievance=case, partner=partner, by=social_worker)
    assert not Referral.objects.exists()


def test_referral_to_another_centres_partner_is_refused(case, other_centre, social_worker):
    theirs = ReferralPartner.objects.create(centre=other_centre, name="Theirs", kind="clinic")
    with pytest.raises(ValidationError, match="partner of this centre"):
        actions.referral_send(grievance=case, partner=theirs, by=social_worker, override_reason="x")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"narrative": "x" * (NARRATIVE_MAX + 1)}, "at most"),
        ({"issue_types": ["alien abduction"]}, "issue types"),
        ({"issue_types": []}, "issue types"),
        ({"assignees": "outsider"}, "only to this centre's staff"),
        ({"assignees": "committee_member"}, "only to this centre's staff"),
        ({"member": "elsewhere"}, "another centre"),
        ({"member": None, "pseudonym": ""}, "complainant"),
    ],
)
def test_bad_intake_is_refused_and_nothing_saved(
    cast, centre, other_centre, social_worker, change, message
):
    data = {
        "centre": centre,
        "by": social_worker,
        "member": MemberFactory(centre=centre),
        "narrative": "What happened",
        "issue_types": ["wage_theft"],
        "assignees": [social_worker],
        "consent_given": True,
    }
    if change.get("assignees") in cast:
        change = {"assignees": [cast[change["assignees"]]]}
    if change.get("member") == "elsewhere":
        change = {"member": MemberFactory(centre=other_centre)}
    data.update(change)
    data.update(new_employer="Acme Garments", new_employer_kind="employer")
    with pytest.raises(ValidationError, match=message):
        actions.grievance_open(**data)
    assert not Grievance.objects.exists()
    # The employer named at intake is created with the case or not at all.
    assert not Employer.objects.exists()


def test_consent_given_at_intake_is_recorded_for_the_member(case):
    assert case.member.consents.current().filter(purpose="case_handling").exists()


def test_a_deactivated_account_reaches_no_case(case, manager, social_worker):
    assert set(Grievance.objects.visible_to(manager)) == {case}
    assert set(Grievance.objects.visible_to(social_worker)) == {case}
    for person in (manager, social_worker):
        person.is_active = False
        person.save()
        assert not Grievance.objects.visible_to(person).exists()


def test_a_referral_takes_only_a_known_status(case, partner, social_worker):
    referral = actions.referral_send(
        grievance=case, partner=partner, by=social_worker, override_reason="Danger tonight"
    )
    with pytest.raises(ValidationError, match="Unknown referral status"):
        actions.referral_update(referral=referral, status="lost", by=social_worker)
    referral.refresh_from_db()
    assert referral.status == "sent"
    updated = actions.referral_update(referral=referral, status="accepted", by=social_worker)
    assert Referral.objects.get(pk=referral.pk).status == updated.status == "accepted"
