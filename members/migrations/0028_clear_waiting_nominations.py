"""Nominations written before they became private kept, for a member nominated by
another and not yet accepted, the nominator's name, statement and picture for her.
Clear them: until she accepts with her own (`candidate_accept`), only her code stands,
as for a nomination made now (`candidate_nominate`)."""

from django.db import migrations
from django.db.models import F


def clear_waiting_nominations(apps, schema_editor):
    """Blank the display name, statement and picture of every candidacy never accepted
    whose nominator is not the member herself (another member, or none recorded).
    Accepted candidacies and self-nominations keep their words; running twice changes
    nothing more."""
    Candidate = apps.get_model("members", "Candidate")
    Candidate.objects.filter(accepted_at__isnull=True).exclude(
        nominated_by=F("member")
    ).update(display_name="", statement="", picture=None)


class Migration(migrations.Migration):
    dependencies = [("members", "0027_paper_batch_entered_by_released")]

    operations = [migrations.RunPython(clear_waiting_nominations, migrations.RunPython.noop)]
