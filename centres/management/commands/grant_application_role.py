"""Give PostgreSQL's application role what the web and Celery processes need, and no
way to rewrite history.

Production runs with two roles: an owner that runs `migrate` (and this command, after
every migration) and an application role that the processes connect as. The
application role may read and write every table (DML only, no DDL, owns nothing) but may
only add to the audit trail: no UPDATE, DELETE or TRUNCATE there, and, not being its
owner, it cannot disable the trail's triggers.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

AUDIT_TABLE = "centres_auditentry"


def grant_statements(role: str) -> list[sql.Composed]:
    who = sql.Identifier(role)
    audit = sql.Identifier(AUDIT_TABLE)
    return [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(connection.settings_dict["NAME"]), who
        ),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            who
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(who),
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {} FROM {}").format(
            audit, who
        ),
        sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(audit, who),
    ]


class Command(BaseCommand):
    help = "Grant the application's PostgreSQL role DML only, and only INSERT on the trail."

    def add_arguments(self, parser) -> None:
        parser.add_argument("role", help="the role the web and Celery processes connect as")

    def handle(self, *args, role: str, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are a PostgreSQL feature.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"There is no role {role!r}: create it first.")
            for statement in grant_statements(role):
                cursor.execute(statement)
        self.stdout.write(f"Granted {role}: DML on every table, INSERT only on the audit trail.")
