"""A member's migration status is asked only to be counted: once saved, no page shows
it, not the profile, not the correction form (which can still replace or remove it),
and the import's column guide does not invite it."""

import pytest
from django.urls import reverse

from members.forms import FORGET_MIGRATION_STATUS
from members.imports.column_guide import column_guide
from members.models import Member, MigrationStatus

from ..factories import MemberFactory

SHOWN = str(MigrationStatus.IRREGULAR.label)


@pytest.fixture
def rina(centre):
    return MemberFactory(
        centre=centre, preferred_name="Rina C.", migration_status=MigrationStatus.IRREGULAR
    )


def _edit_form(member, **changes):
    data = {
        "preferred_name": member.preferred_name,
        "preferred_language": member.preferred_language,
        "gender": member.gender,
        "age_band": member.age_band,
        "sector": member.sector,
        "occupation": member.occupation,
        "nationality": member.nationality,
        "migration_status": "",
        "phone": member.phone,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_the_profile_never_shows_it(client, cast, centre, rina, role):
    client.force_login(cast[role])
    page = client.get(reverse("member_detail", args=[centre.pk, rina.pk])).content.decode()
    assert "Rina C." in page  # the profile itself is shown
    assert SHOWN not in page and "Migration status" not in page


def test_the_correction_form_does_not_show_what_is_on_record(client, centre, rina, manager):
    client.force_login(manager)
    page = client.get(reverse("member_edit", args=[centre.pk, rina.pk])).content.decode()
    assert 'value="irregular" selected' not in page
    assert 'value="" selected' in page


def test_saving_other_details_keeps_it(client, centre, rina, social_worker):
    client.force_login(social_worker)
    url = reverse("member_edit", args=[centre.pk, rina.pk])
    response = client.post(url, _edit_form(rina, preferred_name="Rina"))
    assert response.status_code == 302
    rina = Member.objects.get(pk=rina.pk)
    assert rina.preferred_name == "Rina" and rina.migration_status == MigrationStatus.IRREGULAR


def test_it_can_be_replaced_or_removed(client, centre, rina, social_worker):
    client.force_login(social_worker)
    url = reverse("member_edit", args=[centre.pk, rina.pk])
    client.post(url, _edit_form(rina, migration_status=MigrationStatus.PENDING))
    assert Member.objects.get(pk=rina.pk).migration_status == MigrationStatus.PENDING
    client.post(url, _edit_form(rina, migration_status=FORGET_MIGRATION_STATUS))
    assert Member.objects.get(pk=rina.pk).migration_status == ""


def test_an_unknown_choice_is_refused_and_nothing_saved(client, centre, rina, social_worker):
    client.force_login(social_worker)
    url = reverse("member_edit", args=[centre.pk, rina.pk])
    response = client.post(url, _edit_form(rina, migration_status="overstayer"))
    assert response.status_code == 200
    assert Member.objects.get(pk=rina.pk).migration_status == MigrationStatus.IRREGULAR


def test_the_import_guide_advises_leaving_it_out(db):
    guide = dict(column_guide())
    assert "best left out" in guide["migration_status"]
