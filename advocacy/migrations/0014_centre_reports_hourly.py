"""The centre reports' beat entry runs every hour: `build_due_reports` builds each
centre's reports once its own Monday 06:00 has passed, in its own time zone. An entry
an administrator has changed is left as it is."""

from django.db import migrations

NAME = "Weekly centre feedback reports"
MONDAY_UTC = {"minute": "0", "hour": "6", "day_of_week": "1"}
HOURLY = {"minute": "5", "hour": "*", "day_of_week": "*"}
COMMON = {"day_of_month": "*", "month_of_year": "*", "timezone": "UTC"}


def _move(apps, old: dict, new: dict) -> None:
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    entry = PeriodicTask.objects.filter(name=NAME, crontab__isnull=False).first()
    if entry is None or any(getattr(entry.crontab, k) != v for k, v in old.items()):
        return
    entry.crontab, _ = CrontabSchedule.objects.get_or_create(**COMMON, **new)
    entry.save(update_fields=["crontab"])


def hourly(apps, schema_editor):
    _move(apps, MONDAY_UTC, HOURLY)


def monday_utc(apps, schema_editor):
    _move(apps, HOURLY, MONDAY_UTC)


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0013_case_assignees_by_user_index"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(hourly, monday_utc)]
