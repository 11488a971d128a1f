"""Kinds of service move down from `services` to `centres`, the base layer, so that
`members` (a visit's purposes) no longer depends on `services`. The table keeps its
rows: this step only moves the model's state; 0005 renames the table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0003_drop_unused_auditlog_table"),
        ("services", "0003_child_referralpartner_service_scheduleslot_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ServiceCategory",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.SlugField(max_length=40, verbose_name="code")),
                        ("kind", models.CharField(choices=[("basic", "Basic activity"), ("supplementary", "Supplementary service")], max_length=20, verbose_name="kind")),
                        ("own_name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                        ("position", models.PositiveSmallIntegerField(default=0)),
                        ("centre", models.ForeignKey(blank=True, help_text="Empty for the categories every centre shares.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="service_categories", to="centres.centre")),
                    ],
                    options={
                        "verbose_name": "service category",
                        "verbose_name_plural": "service categories",
                        "ordering": ["kind", "position", "code"],
                        "db_table": "services_servicecategory",
                        "constraints": [
                            models.UniqueConstraint(fields=("centre", "code"), name="category_code_per_centre"),
                            models.UniqueConstraint(condition=models.Q(("centre__isnull", True)), fields=("code",), name="shared_category_code"),
                        ],
                    },
                ),
            ],
        ),
    ]
