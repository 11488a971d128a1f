"""Reports stored before employers' names were found in every form people type them
(possessives, the distinctive part of a name, Arabic vowel marks and letter forms,
case-folding) may name an employer in their typed sections: replace them in place.
Figures are not touched; the names are those of the report's centre, or of every
centre of a programme's report."""

from django.db import migrations

from advocacy.recommendations.names import NameFinder

REPLACEMENT = "an employer"


def _clean_sections(sections: dict, finder: NameFinder) -> dict:
    def clean(text):
        return finder.replace(text, REPLACEMENT) if isinstance(text, str) else text

    for ballot in sections.get("ballots", []):
        ballot["question"] = clean(ballot.get("question"))
        for row in ballot.get("rows", []):
            row["option"], row["reason"] = clean(row.get("option")), clean(row.get("reason"))
    for decision in sections.get("decisions", []):
        decision["motion"], decision["text"] = (
            clean(decision.get("motion")),
            clean(decision.get("text")),
        )
    for recommendation in sections.get("recommendations", []):
        recommendation["title"] = clean(recommendation.get("title"))
    return sections


def forwards(apps, schema_editor):
    FeedbackReport = apps.get_model("advocacy", "FeedbackReport")
    Employer = apps.get_model("advocacy", "Employer")
    Centre = apps.get_model("centres", "Centre")
    finders: dict[tuple, NameFinder] = {}
    for report in FeedbackReport.objects.exclude(contents={}).iterator():
        sections = report.contents.get("sections")
        if not sections:
            continue
        if report.centre_id is not None:
            chosen = Centre.objects.filter(pk=report.centre_id)
        else:
            chosen = Centre.objects.filter(programme_id=report.programme_id)
        centres = tuple(chosen.order_by("pk").values_list("pk", "name", "area"))
        if centres not in finders:
            ids = [pk for pk, _name, _area in centres]
            names = Employer.objects.filter(centre_id__in=ids).values_list("name", flat=True)
            own = [text for _pk, name, area in centres for text in (name, area)]
            finders[centres] = NameFinder(names, ordinary=own)
        report.contents["sections"] = _clean_sections(sections, finders[centres])
        report.save(update_fields=["contents"])


class Migration(migrations.Migration):
    dependencies = [("advocacy", "0014_centre_reports_hourly")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
