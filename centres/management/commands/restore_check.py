"""Prove that a backup restores: restore a pg_dump (custom format) into a fresh
database, compare the rows of every table, and open an encrypted case with the field
key, which a backup never contains (README, "Backups").

Without `--dump` it first takes a dump of this database, counting every table in the
same snapshot the dump reads, so the counts must match exactly. With `--dump FILE` (a
backup from elsewhere) it restores that file and reports the counts it found. The
fresh database is created, checked and dropped (`--keep` keeps it); a name that
already exists is refused, so it never overwrites a database.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # noqa: S404 - runs pg_dump and pg_restore, never a shell
import tempfile
from pathlib import Path

import psycopg
from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

from centres import crypto

CASES = "advocacy_grievance"
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
FIRST_CASE = f"SELECT id, narrative FROM {CASES} WHERE narrative <> '' ORDER BY id LIMIT 1"  # noqa: S608


def _conninfo(dbname: str) -> dict:
    settings = connection.settings_dict
    info = {"dbname": dbname, "user": settings["USER"], "password": settings["PASSWORD"]}
    info.update(host=settings["HOST"], port=settings["PORT"])
    return {key: str(value) for key, value in info.items() if value}


def _pg_env(dbname: str) -> dict:
    info = _conninfo(dbname)
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD"}
    names.update(host="PGHOST", port="PGPORT")
    return {**os.environ, **{names[key]: value for key, value in info.items()}}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} is not installed (Debian: postgresql-client).")
    return path


def _counts(db: psycopg.Connection) -> dict[str, int]:
    tables = [row[0] for row in db.execute(TABLES)]
    return {
        table: db.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
        for table in tables
    }


class Command(BaseCommand):
    help = "Restore a dump into a fresh database and check its tables and encrypted cases."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dump", help="a pg_dump -Fc file; default: dump this database now")
        parser.add_argument(
            "--target", help="the fresh database (default: <this one>_restore_check)"
        )
        parser.add_argument("--keep", action="store_true", help="keep the restored database")

    def handle(self, *args, dump: str | None, target: str | None, keep: bool, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Backups and restores are for PostgreSQL.")
        source = connection.settings_dict["NAME"]
        target = target or f"{source}_restore_check"
        with tempfile.TemporaryDirectory() as folder:
            expected, case = None, None
            if dump is None:
                dump = str(Path(folder) / "backup.dump")
                expected, case = self._dump(source, dump)
            self._create(source, target)
            try:
                subprocess.run(  # noqa: S603
                    [_tool("pg_restore"), "--exit-on-error", "--dbname", target, dump],
                    env=_pg_env(target),
                    check=True,
                    capture_output=True,
                )
                with psycopg.connect(**_conninfo(target)) as restored:
                    counts = _counts(restored)
                    restored_case = restored.execute(FIRST_CASE).fetchone()
            except subprocess.CalledProcessError as error:
                raise CommandError(f"pg_restore failed: {error.stderr.decode()[-2000:]}") from error
            finally:
                if not keep:
                    self._drop(source, target)
        self._report(expected, counts, case, restored_case)

    def _dump(self, source: str, path: str) -> tuple[dict[str, int], tuple | None]:
        """Dump the database and count its rows in one snapshot."""
        with psycopg.connect(**_conninfo(source)) as db:
            db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = db.execute("SELECT pg_export_snapshot()").fetchone()[0]
            subprocess.run(  # noqa: S603
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--file",
                    path,
                    source,
                ],
                env=_pg_env(source),
                check=True,
                capture_output=True,
            )
            return _counts(db), db.execute(FIRST_CASE).fetchone()

    def _create(self, source: str, target: str) -> None:
        with psycopg.connect(**_conninfo(source), autocommit=True) as db:
            if db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target]).fetchone():
                raise CommandError(f"The database {target} exists already: choose another.")
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))

    def _drop(self, source: str, target: str) -> None:
        with psycopg.connect(**_conninfo(source), autocommit=True) as db:
            db.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))

    def _report(self, expected, counts, case, restored_case) -> None:
        problems = []
        for table, rows in sorted(counts.items()):
            was = "" if expected is None else f" (dumped {expected.get(table)})"
            self.stdout.write(f"{table}: {rows}{was}")
        if expected is not None and expected != counts:
            differ = sorted(
                t for t in expected.keys() | counts.keys() if expected.get(t) != counts.get(t)
            )
            problems.append(f"row counts differ in {', '.join(differ)}")
        if restored_case is None:
            problems.append("no encrypted case in the backup to open")
        else:
            try:
                crypto.decrypt(restored_case[1])
            except (InvalidToken, ValueError):
                problems.append(f"case {restored_case[0]} does not open with FIELD_ENCRYPTION_KEY")
            if case is not None and tuple(case) != tuple(restored_case):
                problems.append(f"case {restored_case[0]} differs from the dumped one")
        if problems:
            raise CommandError("Restore check failed: " + "; ".join(problems) + ".")
        self.stdout.write(
            f"Restore check passed: {len(counts)} tables, {sum(counts.values())} rows, "
            f"case {restored_case[0]} opens with the field key."
        )
