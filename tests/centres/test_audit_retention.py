"""Audit entries past their period are removed only by the owner's procedure, which
writes one entry saying how many; the application's role cannot run it."""

import os
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from centres.models import AuditEntry, RetentionPolicy

NOW = timezone.now()
APP_ROLE = f"wc_app_purge_{os.getpid()}"


def _entry(centre, **ago):
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(AuditEntry),
        object_pk="1",
        object_repr="centres.centre 1",
        action=AuditEntry.Action.ACCESS,
        centre=centre,
        timestamp=NOW - relativedelta(**ago),
    )


@pytest.fixture
def entries(centre, other_centre):
    return {
        "old": _entry(centre, years=6, days=1),
        "kept": _entry(centre, years=6, days=-1),
        "other_programme_old": _entry(other_centre, years=6, days=1),
        "no_centre_old": _entry(None, years=6, days=1),
        "no_centre_kept": _entry(None, years=5),
    }


def _left(entries) -> set[str]:
    left = set(AuditEntry.objects.values_list("pk", flat=True))
    return {name for name, entry in entries.items() if entry.pk in left}


def test_the_owner_removes_entries_past_their_period_and_records_how_many(entries):
    out = StringIO()
    call_command("purge_audit_trail", stdout=out)

    assert _left(entries) == {"kept", "no_centre_kept"}
    assert "Removed 3 audit entries" in out.getvalue()
    summary = AuditEntry.objects.latest("pk")
    assert summary.action == AuditEntry.Action.DELETE
    assert summary.changes["removed_entries"] == ["", "3"]


def test_each_programme_keeps_its_own_period(entries, programme):
    RetentionPolicy.objects.create(programme=programme, audit_entry_years=10)
    call_command("purge_audit_trail", stdout=StringIO())
    # Entries of no centre follow the longest period of all programmes.
    assert _left(entries) == {"old", "kept", "no_centre_old", "no_centre_kept"}


def test_dry_run_counts_and_removes_nothing(entries):
    out = StringIO()
    count = AuditEntry.objects.count()
    call_command("purge_audit_trail", "--dry-run", stdout=out)
    assert "Would remove 3 audit entries." in out.getvalue()
    assert AuditEntry.objects.count() == count


@pytest.mark.postgresql
def test_the_trail_is_append_only_again_afterwards(entries):
    call_command("purge_audit_trail", stdout=StringIO())
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table}")  # noqa: S608
    assert _left(entries) == {"kept", "no_centre_kept"}


@pytest.mark.postgresql
def test_the_application_role_cannot_run_it(entries):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f'CREATE ROLE "{APP_ROLE}" NOLOGIN')
    call_command("grant_application_role", APP_ROLE)
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{APP_ROLE}"')
    try:
        with pytest.raises(CommandError, match="owns the audit trail"):
            call_command("purge_audit_trail", stdout=StringIO())
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert _left(entries) == set(entries)
