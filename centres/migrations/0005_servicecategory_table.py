"""Give the moved kinds of service their own app's table name, and keep the audit
trail's references to them: their content type moves with them."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="services", model="servicecategory").update(
        app_label="centres"
    )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="centres", model="servicecategory").update(
        app_label="services"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0004_servicecategory"),
        ("services", "0004_servicecategory_moved_to_centres"),
        ("members", "0003_visit_purposes_from_centres"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="servicecategory", table=None),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
