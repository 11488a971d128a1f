import timezone_field.fields
from django.db import migrations, models

# Existing centres get the zone of their country where it has only one; anything else
# starts at UTC and must be set by an administrator.
COUNTRY_ZONES = {
    "JO": "Asia/Amman",
    "LB": "Asia/Beirut",
    "NP": "Asia/Kathmandu",
    "BD": "Asia/Dhaka",
    "QA": "Asia/Qatar",
    "AE": "Asia/Dubai",
    "SA": "Asia/Riyadh",
    "KW": "Asia/Kuwait",
    "BH": "Asia/Bahrain",
    "OM": "Asia/Muscat",
    "IN": "Asia/Kolkata",
    "LK": "Asia/Colombo",
    "PK": "Asia/Karachi",
}


def set_zones(apps, schema_editor):
    Centre = apps.get_model("centres", "Centre")
    Programme = apps.get_model("centres", "Programme")
    for country, zone in COUNTRY_ZONES.items():
        Centre.objects.filter(country=country).update(time_zone=zone)
    for programme in Programme.objects.all():
        zones = set(Centre.objects.filter(programme=programme).values_list("time_zone", flat=True))
        if len(zones) >= 1:
            Programme.objects.filter(pk=programme.pk).update(time_zone=sorted(zones)[0])


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0005_servicecategory_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="centre",
            name="time_zone",
            field=timezone_field.fields.TimeZoneField(
                default="UTC",
                help_text=(
                    "IANA time zone of the centre, e.g. Asia/Amman. Everything shown, filtered, "
                    "scheduled and exported uses this local time."
                ),
                verbose_name="time zone",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="programme",
            name="time_zone",
            field=timezone_field.fields.TimeZoneField(
                default="UTC",
                help_text="IANA time zone of the programme's own periods, e.g. Asia/Amman.",
                verbose_name="time zone",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(set_zones, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.CheckConstraint(
                condition=models.Q(("time_zone", ""), _negated=True),
                name="programme_time_zone_required",
            ),
        ),
        migrations.AddConstraint(
            model_name="centre",
            constraint=models.CheckConstraint(
                condition=models.Q(("time_zone", ""), _negated=True),
                name="centre_time_zone_required",
            ),
        ),
    ]
