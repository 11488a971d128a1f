"""An anonymised case (its member's data erased, or past its retention period) is kept
for its counts only: it cannot be reopened or worked on, by a page or a direct call;
an erased member gets nothing new tied to them; and the erasure's closing of an open
case names the person who erased on the timeline and in the audit trail."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advocacy import actions
from advocacy.models import CaseEvent, CaseNote, Grievance, Referral, Remedy
from advocacy.retention import anonymise_case
from centres.models import AuditEntry
from members.actions import member_card_renew, member_erase, member_link_account, visit_log
from services.actions import child_add, request_create
from services.models import ReferralPartner

from ..factories import MemberFactory

REFUSED = "This case was anonymised"


@pytest.fixture
def member(centre):
    return MemberFactory(centre=centre)


@pytest.fixture
def partner(centre):
    return ReferralPartner.objects.create(centre=centre, name="Clinic", kind="lawyer")


def _open(member, by, **extra):
    return actions.grievance_open(
        centre=member.centre,
        by=by,
        member=member,
        narrative="my passport was taken",
        issue_types=["documents"],
        assignees=[by],
        consent_given=True,
        **extra,
    )


@pytest.fixture
def erased_case(member, social_worker, manager, partner):
    case = _open(member, social_worker)
    actions.referral_send(
        grievance=case, partner=partner, by=social_worker, override_reason="urgent"
    )
    member_erase(member=member, by=manager)
    case.refresh_from_db()
    return case


def test_the_erasure_closes_an_open_case_in_the_name_of_who_erased(erased_case, manager, member):
    closing = CaseEvent.objects.filter(grievance=erased_case).last()
    assert (closing.from_status, closing.to_status) == ("intake", "closed")
    assert closing.actor == manager
    entries = AuditEntry.objects.filter(
        content_type__model="grievance", object_pk=str(erased_case.pk), action=1
    )
    assert entries.exists() and {entry.actor for entry in entries} == {manager}
    for entry in entries:
        assert "passport" not in str(entry.changes)


def test_an_erased_persons_case_cannot_be_reopened(client, erased_case, manager):
    with pytest.raises(ValidationError, match=REFUSED):
        actions.grievance_move(grievance=erased_case, to="advice", by=manager)
    client.force_login(manager)
    url = reverse("case_move", args=[erased_case.centre_id, erased_case.pk])
    response = client.post(url, {"to": "advice"}, follow=True)
    assert response.status_code == 200
    erased_case.refresh_from_db()
    assert erased_case.status == "closed"
    # No form to reopen it either: the page offers no status to move to.
    page = response.content.decode()
    assert f'action="{url}"' not in page


@pytest.mark.parametrize("how", ["erased", "past_retention"])
def test_no_work_on_an_anonymised_case(how, erased_case, member, social_worker, manager, partner):
    if how == "past_retention":
        case = _open(MemberFactory(centre=member.centre), social_worker)
        actions.grievance_move(grievance=case, to="closed", reason="done", by=social_worker)
        anonymise_case(case)
        case.refresh_from_db()
    else:
        case = erased_case
    referral = Referral.objects.create(grievance=case, partner=partner, created_by=manager)
    events = CaseEvent.objects.filter(grievance=case).count()
    writes = [
        lambda: actions.grievance_move(grievance=case, to="advice", by=manager),
        lambda: actions.note_add(grievance=case, text="more", by=manager),
        lambda: actions.referral_send(
            grievance=case, partner=partner, by=manager, override_reason="urgent"
        ),
        lambda: actions.referral_update(referral=referral, status="accepted", by=manager),
        lambda: actions.remedy_record(
            grievance=case, kind="wages", by=manager, amount=Decimal(10), currency="JOD"
        ),
        lambda: actions.grievance_assign(grievance=case, assignees=[manager], by=manager),
        lambda: actions.grievance_plan(grievance=case, risk="high", follow_up_on=None, by=manager),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match=REFUSED):
            write()
    assert CaseEvent.objects.filter(grievance=case).count() == events
    assert not CaseNote.objects.filter(grievance=case).exists()
    assert not Remedy.objects.filter(grievance=case).exists()
    referral.refresh_from_db()
    assert referral.status != "accepted"
    assert Grievance.objects.get(pk=case.pk).status == "closed"


def test_the_case_page_offers_no_work_and_refuses_it_with_a_message(
    client, erased_case, manager, partner
):
    client.force_login(manager)
    centre_id = erased_case.centre_id
    page = client.get(reverse("case_detail", args=[centre_id, erased_case.pk])).content.decode()
    for name in ("note_add", "referral_send", "remedy_record", "case_assign", "case_move"):
        assert reverse(name, args=[centre_id, erased_case.pk]) not in page
    referral = erased_case.referrals.get()
    posts = [
        ("note_add", {"text": "more"}),
        ("referral_send", {"partner": partner.pk}),
        ("remedy_record", {"kind": "wages"}),
        ("case_assign", {"assignees": [manager.pk]}),
    ]
    for name, data in posts:
        url = reverse(name, args=[centre_id, erased_case.pk])
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, name
        assert REFUSED in response.content.decode(), name
    url = reverse("referral_update", args=[centre_id, erased_case.pk, referral.pk])
    response = client.post(url, {"status": "accepted"}, follow=True)
    assert REFUSED in response.content.decode()
    assert not CaseNote.objects.exists() and not Remedy.objects.exists()


def test_nothing_new_is_tied_to_an_erased_member(centre, member, manager, worker):
    member_erase(member=member, by=manager)
    member.refresh_from_db()
    writes = [
        lambda: _open(member, manager),
        lambda: visit_log(centre=centre, by=manager, member=member),
        lambda: request_create(centre=centre, wish="a class", by=manager, member=member),
        lambda: child_add(member=member, name="Ali", collectors="Aunt", by=manager),
        lambda: member_link_account(member=member, email=worker.email, by=manager),
        lambda: member_card_renew(member=member, by=manager),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match="personal data was erased"):
            write()
    assert not Grievance.objects.exists()
    assert not member.visits.exists()
    member.refresh_from_db()
    assert member.account_id is None
