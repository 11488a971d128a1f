"""A visit's purposes point at `centres.ServiceCategory` (moved down from
`services`). The join table and its columns are unchanged."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_member_account"),
        ("centres", "0004_servicecategory"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="visit",
                    name="purposes",
                    field=models.ManyToManyField(blank=True, related_name="visits", to="centres.servicecategory", verbose_name="purposes"),
                ),
            ],
        ),
    ]
