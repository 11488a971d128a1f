"""The other half of centres 0004: services' references now point at
`centres.ServiceCategory`, and the model leaves this app's state. Nothing changes
in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0003_child_referralpartner_service_scheduleslot_and_more"),
        ("centres", "0004_servicecategory"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="service",
                    name="category",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="services", to="centres.servicecategory", verbose_name="category"),
                ),
                migrations.AlterField(
                    model_name="servicerequest",
                    name="category",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="requests", to="centres.servicecategory", verbose_name="kind of service"),
                ),
                migrations.DeleteModel(name="ServiceCategory"),
            ],
        ),
    ]
