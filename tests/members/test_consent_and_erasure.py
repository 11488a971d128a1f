"""Consent withdrawal per purpose, and erasure that keeps the counts."""

import pytest
from django.db import connection
from django.urls import reverse

from centres.models import AuditEntry
from members.models import Member, Visit

from ..factories import MemberFactory, VisitFactory

PERSONAL_FIELDS = [
    "preferred_language",
    "gender",
    "age_band",
    "sector",
    "occupation",
    "nationality",
    "migration_status",
    "phone",
    "phone_digest",
]


@pytest.fixture
def sita(centre):
    member = MemberFactory(
        centre=centre,
        preferred_name="Sita Tamang",
        phone="+977 980 111 2222",
        migration_status="irregular",
        occupation="cook",
        preferred_language="Nepali",
        consents=("services", "referral", "statistics"),
    )
    VisitFactory(centre=centre, member=member)
    VisitFactory(centre=centre, member=member)
    return member


def test_withdraw_one_purpose(client, social_worker, centre, sita):
    client.force_login(social_worker)
    url = reverse("consent_withdraw", args=[centre.pk, sita.pk, "referral"])
    assert client.get(url).status_code == 200  # the confirmation page
    client.post(url, {"confirm": "yes"})
    assert set(sita.consents.current().values_list("purpose", flat=True)) == {
        "services",
        "statistics",
    }
    withdrawn = sita.consents.get(purpose="referral")
    assert withdrawn.withdrawn_at is not None
    assert AuditEntry.objects.filter(
        object_pk=str(withdrawn.pk), action=AuditEntry.Action.UPDATE
    ).exists()


def test_withdrawing_unknown_or_absent_consent_changes_nothing(client, social_worker, centre, sita):
    client.force_login(social_worker)
    for purpose in ["marketing", "case_handling"]:
        response = client.post(
            reverse("consent_withdraw", args=[centre.pk, sita.pk, purpose]), follow=True
        )
        assert response.status_code == 200
    assert sita.consents.current().count() == 3


@pytest.mark.parametrize("role", ["committee_member", "worker", "coordinator", "legal"])
def test_only_front_desk_withdraws(client, cast, centre, sita, role):
    client.force_login(cast[role])
    url = reverse("consent_withdraw", args=[centre.pk, sita.pk, "referral"])
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 403
    assert sita.consents.current().count() == 3


def test_erasure_removes_personal_data_and_keeps_counts(client, social_worker, centre, sita):
    visits_before = Visit.objects.filter(centre=centre).count()
    client.force_login(social_worker)
    url = reverse("member_erase", args=[centre.pk, sita.pk])
    response = client.post(url, {"confirm": sita.code})
    assert response.status_code == 302

    erased = Member.objects.get(pk=sita.pk)
    assert erased.erased_at is not None
    assert "Sita" not in erased.preferred_name
    # Every personal attribute is blanked, the coarse ones too: together they identify.
    for field in PERSONAL_FIELDS:
        assert getattr(erased, field) == "", field
    assert erased.safe_to_contact is False
    assert sita.consents.current().count() == 0
    assert Visit.objects.filter(centre=centre).count() == visits_before
    assert Visit.objects.filter(member=erased).count() == 2

    members = reverse("member_list", args=[centre.pk])
    for query in ["Sita", "9801112222"]:
        page = client.post(members, {"q": query}).content.decode()
        assert "Sita Tamang" not in page and sita.code not in page

    # Nothing identifying stays in the row, nor in the audit trail.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM members_member WHERE id = %s", [sita.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert "Sita" not in row and "irregular" not in row and "cook" not in row
    audit = " ".join(str(e.changes) + e.object_repr for e in AuditEntry.objects.all())
    for secret in ["Sita", "980 111 2222", "9801112222", "irregular"]:
        assert secret not in audit, secret


def test_erasure_needs_the_code_typed(client, social_worker, centre, sita):
    client.force_login(social_worker)
    response = client.post(reverse("member_erase", args=[centre.pk, sita.pk]), {"confirm": "yes"})
    assert response.status_code == 200
    assert "Type the member code" in response.content.decode()
    assert Member.objects.get(pk=sita.pk).preferred_name == "Sita Tamang"


@pytest.mark.parametrize("role", ["committee_member", "worker", "coordinator", "legal"])
def test_only_front_desk_erases(client, cast, centre, sita, role):
    client.force_login(cast[role])
    response = client.post(
        reverse("member_erase", args=[centre.pk, sita.pk]), {"confirm": sita.code}
    )
    assert response.status_code == 403
    assert Member.objects.get(pk=sita.pk).erased_at is None


def test_erasure_removes_the_members_children_from_childcare(client, social_worker, centre, sita):
    from services.actions import child_add
    from services.models import Child

    child_add(member=sita, name="Little One", collectors="Sita Tamang\nAunt Maya", by=social_worker)
    client.force_login(social_worker)
    client.post(reverse("member_erase", args=[centre.pk, sita.pk]), {"confirm": sita.code})
    assert not Child.objects.filter(member=sita).exists()


def test_erasure_removes_request_words_and_the_account_link(centre, manager, worker):
    from members.actions import member_erase
    from services import actions as service_actions

    from ..factories import MemberFactory

    member = MemberFactory(centre=centre, account=worker)
    wish = service_actions.request_create(
        centre=centre, wish="CANARY-erase my own words", by=worker, member=member
    )
    member_erase(member=member, by=manager)
    wish.refresh_from_db()
    member.refresh_from_db()
    assert "CANARY" not in wish.wish
    assert member.account is None
