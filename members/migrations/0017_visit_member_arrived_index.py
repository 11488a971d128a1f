"""A member's visits by time: (member, arrived_at). The single-column indexes of the
visit's centre and member go: the composite indexes lead with them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('centres', '0015_export_files_purge_schedule'),
        ('members', '0016_forget_visit_rollups_for_staff_tables'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['member', 'arrived_at'], name='visit_member_arrived'),
        ),
        migrations.AlterField(
            model_name='visit',
            name='centre',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='centres.centre'),
        ),
        migrations.AlterField(
            model_name='visit',
            name='member',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='members.member'),
        ),
    ]
