"""Give entries already written the centre of the record they concern.

Entries of records without a `centre_id` of their own (seat terms, candidates, ballot
options, paper batches, polling officers, tie draws, priority responses, survey
questions, recommendation responses) were written without a centre, so the centre's
trail page never listed them. This fills the centre through the same lookups the
trail's writer now follows (`AUDIT_CENTRE_PATHS`, frozen here as they were). An entry
whose record no longer exists keeps no centre: nothing is left to say which it was.
The append-only rule is lifted for this migration only and restored before it ends,
and the trail records one entry saying how many entries were given their centre.
"""

import importlib
from collections import defaultdict

from django.db import migrations

PATHS = {
    "members.SeatTerm": "seat__committee__centre",
    "members.Candidate": "election__ballot__committee__centre",
    "members.BallotOption": "ballot__committee__centre",
    "members.PaperBatch": "ballot__committee__centre",
    "members.PollingOfficer": "ballot__committee__centre",
    "members.TieDraw": "ballot__committee__centre",
    "members.PriorityResponse": "option__ballot__committee__centre",
    "advocacy.Question": "survey__centre",
    "advocacy.RecommendationResponse": "recommendation__centre",
}
CHUNK = 500


def fill_centres(apps, schema_editor):
    earlier = importlib.import_module("centres.migrations.0007_redact_audit_trail")
    AuditEntry = apps.get_model("centres", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    filled = 0
    earlier._lift(schema_editor)
    try:
        for label, path in PATHS.items():
            app_label, name = label.split(".")
            kind = ContentType.objects.filter(app_label=app_label, model=name.lower()).first()
            if kind is None:
                continue
            model = apps.get_model(app_label, name)
            orphans = AuditEntry.objects.filter(
                content_type=kind, centre__isnull=True, object_id__isnull=False
            )
            ids = sorted(set(orphans.values_list("object_id", flat=True)))
            for start in range(0, len(ids), CHUNK):
                by_centre = defaultdict(list)
                rows = model.objects.filter(pk__in=ids[start : start + CHUNK])
                for pk, centre in rows.values_list("pk", path):
                    if centre is not None:
                        by_centre[centre].append(pk)
                for centre, pks in by_centre.items():
                    filled += orphans.filter(object_id__in=pks).update(centre_id=centre)
    finally:
        earlier._restore(schema_editor)
    if filled:
        kind, _ = ContentType.objects.get_or_create(app_label="centres", model="auditentry")
        AuditEntry.objects.create(
            content_type=kind,
            object_pk="",
            object_repr="centres.auditentry",
            action=1,  # update
            changes={"centre_filled_entries": ["", str(filled)]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0023_languages_coded"),
        ("members", "0026_ballot_early_close"),
        ("advocacy", "0023_after_consent_override_and_channels"),
    ]

    operations = [migrations.RunPython(fill_centres, migrations.RunPython.noop)]
