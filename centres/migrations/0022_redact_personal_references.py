"""Redact, in entries already written, what the trail no longer keeps about a person.

Entries of records about a person (a member, a child, a visit, a booking, a consent,
a candidacy...) kept the member they point at, the account that made a booking, and
times to the microsecond (a visit's arrival), all of which outlived erasure. This
rewrites those entries as new ones are written (`centres.audit.redact_changes`), and
takes off the actor of such an entry when the actor holds no staff role anywhere (a
worker who booked or checked in themselves: the account names the person). The
append-only rule is lifted for this migration only and restored before it ends, and
the trail records one entry saying how many entries were redacted.
"""

import importlib

from django.db import migrations

STAFF_ROLES = ("manager", "social_worker", "legal_advisor")


def redact(apps, schema_editor):
    from django.apps import apps as current_apps

    from centres.audit import is_about_a_person, redact_changes

    earlier = importlib.import_module("centres.migrations.0007_redact_audit_trail")
    AuditEntry = apps.get_model("centres", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    CentreRole = apps.get_model("centres", "CentreRole")
    User = apps.get_model("centres", "User")
    models = {}
    for kind in ContentType.objects.all():
        try:
            model = current_apps.get_model(kind.app_label, kind.model)
        except LookupError:
            continue
        if is_about_a_person(model):
            models[kind.pk] = model
    if not models:
        return
    staff = set(
        CentreRole.objects.filter(role__in=STAFF_ROLES).values_list("user_id", flat=True)
    ) | set(
        User.objects.filter(is_staff=True).values_list("pk", flat=True)
    ) | set(User.objects.filter(is_superuser=True).values_list("pk", flat=True))
    staff |= set(
        apps.get_model("centres", "ProgrammeCoordinator").objects.values_list("user_id", flat=True)
    )
    redacted = 0
    earlier._lift(schema_editor)
    try:
        entries = AuditEntry.objects.filter(content_type_id__in=list(models)).only(
            "pk", "content_type_id", "changes", "actor_id", "additional_data"
        )
        for entry in entries.iterator():
            changes = redact_changes(models[entry.content_type_id], entry.changes)
            by_worker = entry.actor_id is not None and entry.actor_id not in staff
            if changes == entry.changes and not by_worker:
                continue
            fields = {"changes": changes}
            if by_worker:
                fields.update(actor=None, additional_data={"by": "member"})
            AuditEntry.objects.filter(pk=entry.pk).update(**fields)
            redacted += 1
    finally:
        earlier._restore(schema_editor)
    if redacted:
        kind, _ = ContentType.objects.get_or_create(app_label="centres", model="auditentry")
        AuditEntry.objects.create(
            content_type=kind,
            object_pk="",
            object_repr="centres.auditentry",
            action=1,  # update
            changes={"redacted_person_entries": ["", str(redacted)]},
        )


class Migration(migrations.Migration):
    dependencies = [("centres", "0021_country_codes_iso")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
