"""Days rolled up before the staff's exact tables existed hold none: forget every
rolled-up day, so that the next reader rolls each one up again with all its tables."""

from django.db import migrations


def forget_all(apps, schema_editor):
    apps.get_model("members", "VisitCount").objects.all().delete()
    apps.get_model("members", "VisitDay").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0015_member_merged_into")]

    operations = [migrations.RunPython(forget_all, migrations.RunPython.noop)]
