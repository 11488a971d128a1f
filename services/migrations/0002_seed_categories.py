"""The seed's basic activities and supplementary services, shared by every centre."""

from django.db import migrations

CATEGORIES = [
    ("psychosocial", "basic"),
    ("language", "basic"),
    ("empowerment", "basic"),
    ("bonding", "basic"),
    ("advice", "basic"),
    ("recreation", "supplementary"),
    ("vocational", "supplementary"),
    ("unpaid_work", "supplementary"),
    ("health", "supplementary"),
    ("transport", "supplementary"),
    ("commercial", "supplementary"),
]


def add(apps, schema_editor):
    ServiceCategory = apps.get_model("services", "ServiceCategory")
    for position, (code, kind) in enumerate(CATEGORIES):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def remove(apps, schema_editor):
    apps.get_model("services", "ServiceCategory").objects.filter(
        centre=None, code__in=[code for code, _kind in CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
