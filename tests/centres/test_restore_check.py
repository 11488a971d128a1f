"""A backup restores: the restore check dumps this PostgreSQL database (custom
format), restores it into a fresh database of its own name, compares every table's
rows and opens an encrypted case with the field key, then drops what it made."""

import os
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from advocacy import actions

from ..factories import MemberFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def target():
    """A database named after this test database, so the test only ever creates and
    drops its own."""
    name = f"{connection.settings_dict['NAME']}_restore_{os.getpid()}"
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def case(centre, social_worker):
    member = MemberFactory(centre=centre)
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=member,
        narrative="CANARY-restore: the agency kept my passport",
        issue_types=["documents"],
        assignees=[social_worker],
    )


def _exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def test_a_dump_restores_with_every_row_and_the_case_opens(case, target):
    out = StringIO()
    call_command("restore_check", target=target, stdout=out)

    report = out.getvalue()
    assert "advocacy_grievance: 1 (dumped 1)" in report
    assert "members_member: 1 (dumped 1)" in report
    assert f"case {case.pk} opens with the field key" in report
    assert "CANARY" not in report
    assert not _exists(target)


def test_without_the_field_key_the_check_fails(case, target, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="does not open with FIELD_ENCRYPTION_KEY"):
        call_command("restore_check", target=target, stdout=StringIO())
    assert not _exists(target)


def test_an_existing_database_is_never_overwritten(case, target):
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{target}"')
    with pytest.raises(CommandError, match="exists already"):
        call_command("restore_check", target=target, stdout=StringIO())
    assert _exists(target)  # left as it was; the fixture drops it


def test_a_given_backup_file_is_restored(case, target, tmp_path):
    dump = tmp_path / "nightly.dump"
    call_command("restore_check", target=target, keep=True, stdout=StringIO())
    assert _exists(target)
    import subprocess  # noqa: S404

    from centres.management.commands.restore_check import _pg_env, _tool

    subprocess.run(  # noqa: S603
        [_tool("pg_dump"), "--format=custom", "--file", str(dump), target],
        env=_pg_env(target),
        check=True,
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE "{target}"')
    out = StringIO()
    call_command("restore_check", dump=str(dump), target=target, stdout=out)
    assert "advocacy_grievance: 1\n" in out.getvalue()
    assert "Restore check passed" in out.getvalue()
