"""Visits filtered by purpose start from the category: an index on (category, visit) of
the visit-purposes table, which Django's automatic M2M table does not declare."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("members", "0010_candidate_picture")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS visit_purposes_category_visit "
            "ON members_visit_purposes (servicecategory_id, visit_id)",
            "DROP INDEX IF EXISTS visit_purposes_category_visit",
        ),
    ]
