"""On PostgreSQL the trail cannot be wiped or rewritten with the application's role,
and TRUNCATE is refused even for the owner."""

import os

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from centres.audit import record_access
from centres.models import AuditEntry

pytestmark = pytest.mark.postgresql

TABLE = AuditEntry._meta.db_table
APP_ROLE = f"wc_app_test_{os.getpid()}"


@pytest.fixture
def entry(centre):
    record_access(centre)
    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest("pk")


def _refused(statement: str, params=()) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def as_application_role(db):
    """The role the README's production set-up gives the processes (created inside the
    test's transaction, so it vanishes with it)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f'CREATE ROLE "{APP_ROLE}" NOLOGIN')
    call_command("grant_application_role", APP_ROLE)
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{APP_ROLE}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def test_truncate_is_refused_even_for_the_owner(entry):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL workercentre.allow_audit_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _refused(f"TRUNCATE {TABLE}")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "statement",
    [
        f"DELETE FROM {TABLE}",  # noqa: S608
        f"UPDATE {TABLE} SET object_repr = 'rewritten'",  # noqa: S608
        f"TRUNCATE {TABLE}",
        f"ALTER TABLE {TABLE} DISABLE TRIGGER ALL",
        f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_trail_append_only",
        f"DROP TABLE {TABLE}",
    ],
)
def test_the_application_role_cannot_remove_or_rewrite_entries(
    entry, as_application_role, statement
):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL workercentre.allow_audit_truncate = 'on'")
    _refused(statement)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT object_repr FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
        assert cursor.fetchone()[0] == entry.object_repr


def test_the_application_role_still_writes_the_trail_and_the_records(
    entry, centre, as_application_role
):
    record_access(centre)
    centre.opening_hours = "Fri 10-20"
    centre.save()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count() >= 2
