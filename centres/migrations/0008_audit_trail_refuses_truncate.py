"""PostgreSQL: refuse TRUNCATE of the audit trail too (row triggers do not see it).

Django's test runner empties every table with TRUNCATE between transactional tests; the
test settings' connections set `workercentre.allow_audit_truncate`. A role that may set
it may also disable the trigger, so the real protection in production is privileges:
the application's role holds no TRUNCATE, UPDATE or DELETE on the trail and does not own
it (see the `grant_application_role` command and the README).
"""

from django.db import migrations

TABLE = "centres_auditentry"

FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_trail_no_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('workercentre.allow_audit_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only (TRUNCATE refused).'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_trail_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_no_truncate();
"""
BACKWARD = f"""
DROP TRIGGER IF EXISTS audit_trail_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS audit_trail_no_truncate();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("centres", "0007_redact_audit_trail")]

    operations = [migrations.RunPython(forward, backward)]
