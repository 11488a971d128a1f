"""django-auditlog's migrations create its own log table even when the entry model is
swapped for ours (centres.AuditEntry). Nothing writes to it; drop it so that it holds
no foreign keys to our users."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0002_audit_trail_append_only"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS auditlog_logentry", migrations.RunSQL.noop),
    ]
