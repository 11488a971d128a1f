"""Form keys used in the last days are kept as a keyed digest, a day and a sealed
address: the old rows, which named the account that sent each form, are dropped (a
form sent before the change and again after it is recorded twice)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0019_time_zone_fixes_figures"),
    ]

    operations = [
        migrations.DeleteModel(name="FormSubmission"),
        migrations.CreateModel(
            name="FormSubmission",
            fields=[
                (
                    "digest",
                    models.CharField(
                        editable=False, max_length=64, primary_key=True, serialize=False
                    ),
                ),
                ("used_on", models.DateField(db_index=True, editable=False)),
                ("went_to", models.TextField(blank=True, editable=False)),
            ],
        ),
    ]
