from django.db import migrations, models
from django.utils import timezone


def switch_off_link_devices(apps, schema_editor):
    """Devices set up before pairing were reached by a token in their link, which no
    address takes any more and which was never a pairing code: switch them off, so the
    manager's list does not show them as working (their labels become free again)."""
    now = timezone.now()
    for name in ("Kiosk", "BoothDevice"):
        apps.get_model("members", name).objects.filter(revoked_at__isnull=True).update(
            revoked_at=now
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0028_clear_waiting_nominations"),
    ]

    operations = [
        migrations.AddField(
            model_name="boothdevice",
            name="paired_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="paired"
            ),
        ),
        migrations.AddField(
            model_name="kiosk",
            name="paired_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="paired"
            ),
        ),
        migrations.RunPython(switch_off_link_devices, migrations.RunPython.noop),
    ]
