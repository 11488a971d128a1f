"""The audit trail records changes and reads, and cannot be changed by the application."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from centres.audit import record_access
from centres.models import AuditEntry, AuditTrailIsAppendOnly, Centre, CentreRole

from ..factories import CentreRoleFactory


def _profile(centre, **changes):
    data = {
        "name": centre.name,
        "area": centre.area,
        "address": centre.address,
        "opening_hours": centre.opening_hours,
        "languages": centre.languages,
        "intermediary_kind": centre.intermediary_kind,
        "intermediary_name": centre.intermediary_name,
        "time_zone": str(centre.time_zone),
    }
    data.update(changes)
    return data


def test_a_change_is_recorded_with_actor_centre_and_fields(client, manager, centre):
    client.force_login(manager)
    client.post(
        reverse("centre_edit", args=[centre.pk]), _profile(centre, opening_hours="Fri 10-20")
    )
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Centre), action=AuditEntry.Action.UPDATE
    )
    assert entry.actor == manager
    assert entry.centre == centre
    assert entry.object_pk == str(centre.pk)
    # Free text is recorded as changed, never with its words.
    assert entry.changes_dict["opening_hours"][1] == "[redacted]"


def test_removing_a_role_is_recorded(client, manager, centre):
    target = CentreRoleFactory(centre=centre)
    client.force_login(manager)
    client.post(reverse("role_revoke", args=[centre.pk, target.pk]))
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(CentreRole), action=AuditEntry.Action.DELETE
    )
    assert entry.actor == manager
    assert entry.centre == centre


def test_record_access_writes_one_entry(centre):
    before = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count()
    record_access(centre)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert entries.count() == before + 1
    assert entries.first().object_pk == str(centre.pk)


@pytest.fixture
def entry(centre):
    record_access(centre)
    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest()


def test_application_cannot_change_or_remove_entries(entry):
    entry.object_repr = "rewritten"
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="rewritten")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.object_repr != "rewritten"


def test_database_refuses_update_of_entries(entry):
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET object_repr = 'rewritten' WHERE id = %s", [entry.pk])  # noqa: S608
    entry.refresh_from_db()
    assert entry.object_repr != "rewritten"


@pytest.mark.postgresql
def test_database_refuses_delete_on_postgresql(entry):
    """PostgreSQL, the production database, refuses DELETE in the database too."""
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])  # noqa: S608
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_page_shows_only_this_centre_and_bounded_queries(
    client, manager, centre, other_centre, django_assert_max_num_queries
):
    record_access(other_centre)
    client.force_login(manager)
    for count in (2, 50):
        while AuditEntry.objects.for_centre(centre).count() < count:
            record_access(centre)
        with django_assert_max_num_queries(9):
            response = client.get(reverse("audit_trail", args=[centre.pk]))
        assert response.status_code == 200
    assert str(other_centre) not in response.content.decode()


@pytest.mark.parametrize(
    ("language", "name"),
    [("ar", "تعديل"), ("hi", "बदला गया"), ("ne", "परिवर्तन गरियो"), ("bn", "পরিবর্তন")],
)
def test_the_trail_names_its_actions_in_the_readers_language(
    client, manager, centre, language, name
):
    client.force_login(manager)
    client.post(reverse("centre_edit", args=[centre.pk]), _profile(centre, area="North"))
    client.cookies["django_language"] = language
    page = client.get(reverse("audit_trail", args=[centre.pk])).content.decode()
    assert f"<td>{name}</td>" in page
    assert "<td>update</td>" not in page
