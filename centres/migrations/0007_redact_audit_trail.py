"""Redact the personal data and free text earlier versions wrote into the audit trail.

Earlier entries named records by their text (a child's name, a pick-up's collector, the
first words of a worker's request) and kept free-text fields in their change lists.
This rewrites every entry as new ones are written: the record named by type and id,
free text replaced, encrypted fields dropped, no actor e-mail. The append-only rule is
lifted for this migration only and restored before it ends, and the trail records one
entry saying how many entries were redacted.
"""

from django.db import migrations

TABLE = "centres_auditentry"


def _lift(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_trail_append_only")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_trail_no_update")


def _restore(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER audit_trail_append_only")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only (UPDATE refused).'); END;"
        )


def redact(apps, schema_editor):
    from django.apps import apps as current_apps

    from centres.audit import redact_changes

    AuditEntry = apps.get_model("centres", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    redacted = 0
    _lift(schema_editor)
    try:
        for entry in AuditEntry.objects.select_related("content_type").iterator():
            kind = entry.content_type
            try:
                model = current_apps.get_model(kind.app_label, kind.model)
            except LookupError:
                model = None
            label = f"{kind.app_label}.{kind.model} {entry.object_pk}"
            changes = redact_changes(model, entry.changes)
            if (entry.object_repr, entry.changes, entry.changes_text, entry.actor_email) != (
                label,
                changes,
                "",
                None,
            ) or entry.serialized_data is not None:
                AuditEntry.objects.filter(pk=entry.pk).update(
                    object_repr=label,
                    changes=changes,
                    changes_text="",
                    serialized_data=None,
                    actor_email=None,
                )
                redacted += 1
    finally:
        _restore(schema_editor)
    if redacted:
        kind, _ = ContentType.objects.get_or_create(app_label="centres", model="auditentry")
        AuditEntry.objects.create(
            content_type=kind,
            object_pk="",
            object_repr="centres.auditentry",
            action=1,  # update
            changes={"redacted_entries": ["", str(redacted)]},
        )


class Migration(migrations.Migration):
    dependencies = [("centres", "0006_time_zones")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
