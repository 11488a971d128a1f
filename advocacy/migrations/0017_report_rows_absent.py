"""Record, in centre reports built before it was recorded, which compared columns'
releases lack each row ("absent": shown "—", not "hidden"), read from the stored
releases the report names. Programme reports are left as built (their totals would
have to be summed again): rebuilding one records it."""

from django.db import migrations

COMPARED = ("current", "previous", "last_year")


def _rows(release, name):
    if release is None:
        return None
    if name in release.published:
        return release.published[name]
    return release.magnitudes.get(name, {})


def record_absent(apps, schema_editor):
    FeedbackReport = apps.get_model("advocacy", "FeedbackReport")
    Release = apps.get_model("advocacy", "Release")
    for report in FeedbackReport.objects.filter(scope_kind="centre").iterator():
        contents = report.contents or {}
        named = contents.get("releases") or []
        tables = contents.get("tables") or []
        if len(named) != 1 or not tables or all("absent" in r for t in tables for r in t["rows"]):
            continue
        ids = [named[0].get(c) for c in COMPARED]
        stored = Release.objects.defer("exact").in_bulk([i for i in ids if i])
        releases = [stored.get(i) if i else None for i in ids]
        for table in tables:
            columns = [_rows(r, table["name"]) for r in releases]
            for row in table["rows"]:
                row["absent"] = [
                    n for n, rows in enumerate(columns) if rows is None or row["label"] not in rows
                ]
        report.save(update_fields=["contents"])


class Migration(migrations.Migration):
    dependencies = [("advocacy", "0016_segment_snapshots")]
    operations = [migrations.RunPython(record_absent, migrations.RunPython.noop)]
