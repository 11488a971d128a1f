"""On PostgreSQL, a dump of the whole database holds no case text."""

import os
import shutil
import subprocess

import pytest
from django.db import connection

from advocacy import actions

from ..factories import MemberFactory

pytestmark = pytest.mark.postgresql

CANARY = "CANARY-dump-91c2"


def test_pg_dump_shows_no_plaintext(transactional_db, centre, social_worker):
    member = MemberFactory(centre=centre, phone=f"+962 79 {CANARY[-4:]}0000")
    case = actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=member,
        narrative=f"{CANARY} narrative",
        contact=f"{CANARY} contact",
        issue_types=["harassment"],
        assignees=[social_worker],
    )
    actions.note_add(grievance=case, text=f"{CANARY} note", by=social_worker)
    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    dump = subprocess.run(  # noqa: S603
        [
            shutil.which("pg_dump") or "pg_dump",
            "--host",
            settings.get("HOST") or "127.0.0.1",
            "--port",
            str(settings.get("PORT") or 5432),
            "--username",
            settings.get("USER") or "postgres",
            "--no-owner",
            connection.settings_dict["NAME"],
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    ).stdout
    assert "advocacy_grievance" in dump  # the dump is real and has the table
    assert CANARY not in dump
    # ...and the application still reads it back.
    case.refresh_from_db()
    assert case.narrative == f"{CANARY} narrative"


def test_pg_dump_shows_none_of_the_other_sensitive_text(transactional_db, centre, social_worker):
    """A case's closing reason, a referral's consent override, a complainant's pseudonym,
    a worker's request and its decline reason, a member's migration status."""
    from services import actions as service_actions
    from services.models import ReferralPartner

    member = MemberFactory(centre=centre, migration_status="irregular")
    case = actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym=f"{CANARY} pseudonym",
        narrative="what happened",
        issue_types=["harassment"],
        assignees=[social_worker],
    )
    actions.grievance_move(grievance=case, to="advice", by=social_worker)
    partner = ReferralPartner.objects.create(centre=centre, name="Clinic", kind="lawyer")
    actions.referral_send(
        grievance=case, partner=partner, by=social_worker, override_reason=f"{CANARY} override"
    )
    actions.grievance_move(grievance=case, to="closed", by=social_worker, reason=f"{CANARY} why")
    wish = service_actions.request_create(
        centre=centre, wish=f"{CANARY} wish", by=social_worker, member=member
    )
    service_actions.request_move(
        request=wish, status="declined", by=social_worker, reason=f"{CANARY} declined"
    )
    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    dump = subprocess.run(  # noqa: S603
        [
            shutil.which("pg_dump") or "pg_dump",
            "--host",
            settings.get("HOST") or "127.0.0.1",
            "--port",
            str(settings.get("PORT") or 5432),
            "--username",
            settings.get("USER") or "postgres",
            "--no-owner",
            connection.settings_dict["NAME"],
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    ).stdout
    assert "services_servicerequest" in dump
    for what in ("pseudonym", "override", "why", "wish", "declined"):
        assert f"{CANARY} {what}" not in dump, what
    # A migration status is a code, so it is looked for in its own column of the row.
    assert _cell(dump, "members_member", member.pk, "migration_status").startswith("gAAAAA")
    case.refresh_from_db()
    assert case.closed_reason == f"{CANARY} why"
    member.refresh_from_db()
    assert member.migration_status == "irregular"


def _cell(dump: str, table: str, pk: int, column: str) -> str:
    """The text of one column of one row in the COPY block of `table` in a plain dump."""
    lines = iter(dump.splitlines())
    for line in lines:
        if line.startswith(f"COPY public.{table} ("):
            columns = line[line.index("(") + 1 : line.index(")")].split(", ")
            break
    else:
        raise AssertionError(f"no COPY block for {table}")
    for line in lines:
        if line == "\\.":
            break
        cells = line.split("\t")
        if cells[columns.index("id")] == str(pk):
            return cells[columns.index(column)]
    raise AssertionError(f"no row {pk} in {table}")
