"""Record, in programme reports built before it was recorded, which totals and which
centres' cells are not in the releases ("absent": shown "—", not "hidden"), as
migration 0017 did for centre reports.

A stored figure is None when it is hidden or absent; the figures themselves are right
and stay as built. A total was None when one of its centres' cells was hidden or absent
(`reports.programme.total_of`): it is absent unless a centre's release named in the
report hides that row. A centre's cell is absent unless its release has the row, hidden.
Time to finish a case is never summed, so its totals are absent. A report that does not
name a release for each of its centres is left as built: rebuilding it records this."""

from django.db import migrations

COMPARED = ("current", "previous", "last_year")
NOT_SUMMED = frozenset({"cases.days"})


def _hidden(release, name: str, label: str) -> bool:
    if release is None:
        return False
    rows = release.published.get(name)
    if rows is None:
        rows = release.magnitudes.get(name, {})
    return label in rows and rows[label] is None


def record_absent(apps, schema_editor):
    FeedbackReport = apps.get_model("advocacy", "FeedbackReport")
    Release = apps.get_model("advocacy", "Release")
    for report in FeedbackReport.objects.filter(scope_kind="programme").iterator():
        contents = report.contents or {}
        named = contents.get("releases") or []
        tables = contents.get("tables") or []
        rows = [row for table in tables for row in table["rows"]]
        if not named or len(named) != len(contents.get("centres") or []):
            continue
        if not rows or all("absent" in row and "centres_absent" in row for row in rows):
            continue
        ids = {entry.get(c) for entry in named for c in COMPARED} - {None}
        stored = Release.objects.defer("exact").in_bulk(list(ids))
        # Per compared period, each centre's release, in the order of the report's centres.
        columns = [[stored.get(entry.get(c)) for entry in named] for c in COMPARED]
        for table in tables:
            name = table["name"]
            for row in table["rows"]:
                label = row["label"]
                row["absent"] = [
                    n
                    for n, value in enumerate(row["values"])
                    if value is None
                    and (name in NOT_SUMMED or not any(_hidden(r, name, label) for r in columns[n]))
                ]
                row["centres_absent"] = [
                    n
                    for n, (value, release) in enumerate(zip(row["centres"], columns[0], strict=False))
                    if value is None and not _hidden(release, name, label)
                ]
        report.save(update_fields=["contents"])


class Migration(migrations.Migration):
    dependencies = [("advocacy", "0017_report_rows_absent")]
    operations = [migrations.RunPython(record_absent, migrations.RunPython.noop)]
