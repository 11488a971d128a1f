"""Make the audit trail append-only in the database itself.

PostgreSQL refuses UPDATE and DELETE of audit rows. SQLite (the local demo)
refuses UPDATE; DELETE is refused by the application (its test databases are
emptied with DELETE between browser tests, which PostgreSQL does with TRUNCATE).
"""

from django.db import migrations

TABLE = "centres_auditentry"

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only (% refused).', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_trail_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();
"""
POSTGRES_BACKWARD = f"""
DROP TRIGGER IF EXISTS audit_trail_append_only ON {TABLE};
DROP FUNCTION IF EXISTS audit_trail_append_only();
"""
SQLITE_FORWARD = f"""
CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, 'The audit trail is append-only (UPDATE refused).');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS audit_trail_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # No parameters: the '%' in RAISE is PL/pgSQL's, not a placeholder.
        schema_editor.execute(POSTGRES_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
