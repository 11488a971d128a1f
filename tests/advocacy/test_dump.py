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
        centre=centre,
        by=social_worker,
        member=member,
        narrative=f"{CANARY} narrative",
        contact=f"{CANARY} contact",
        issue_types=["harassment"],
        assignees=[social_worker],
    )
    actions.note_add(grievance=case, text=f"{CANARY} note", by=social_worker, legal=True)
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
