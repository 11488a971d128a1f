"""Beat entries for the periodic feedback reports, editable in the admin afterwards
(they are not in CELERY_BEAT_SCHEDULE, whose entries beat would write back over an
administrator's change at every start)."""

from django.db import migrations

ENTRIES = [
    # Centres: Monday morning. The task builds each centre's closed periods in its own
    # time zone; weeks are not released (they straddle months), so it builds the
    # closed months, quarters and years that have no report yet.
    (
        "Weekly centre feedback reports",
        '{"scope_kind": "centre"}',
        {"minute": "0", "hour": "6", "day_of_week": "1", "day_of_month": "*",
         "month_of_year": "*"},
    ),
    # Programmes: monthly, on the 2nd, so the month has closed in every centre's zone.
    (
        "Monthly programme feedback reports",
        '{"scope_kind": "programme"}',
        {"minute": "30", "hour": "6", "day_of_week": "*", "day_of_month": "2",
         "month_of_year": "*"},
    ),
]


def add(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, kwargs, cron in ENTRIES:
        schedule, _ = CrontabSchedule.objects.get_or_create(timezone="UTC", **cron)
        PeriodicTask.objects.get_or_create(
            name=name,
            defaults={
                "task": "advocacy.tasks.build_due_reports",
                "crontab": schedule,
                "kwargs": kwargs,
                "enabled": True,
            },
        )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, _, _ in ENTRIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0010_feedback_reports"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add, remove)]
