"""Cases assigned to a person start from the person: an index on (user, case) of the
case-assignees table, which Django's automatic M2M table does not declare."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("advocacy", "0012_report_mails_in_sent_mail")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS case_assignees_user_case "
            "ON advocacy_grievance_assignees (user_id, grievance_id)",
            "DROP INDEX IF EXISTS case_assignees_user_case",
        ),
    ]
