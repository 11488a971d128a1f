"""Stored name keys fold punctuation (`centres.text.person_name_key`): "Maya D." is found
by search and by the look-alike check as "Maya D". Only the keys that change are
written, a thousand at a time."""

from django.db import migrations


def refold_search_names(apps, schema_editor):
    from centres.text import person_name_key

    Member = apps.get_model("members", "Member")
    active = Member.objects.filter(erased_at__isnull=True).only("pk", "preferred_name", "search_name")
    changed = []
    for member in active.iterator(chunk_size=2000):
        key = person_name_key(member.preferred_name)
        if key != member.search_name:
            member.search_name = key
            changed.append(member)
        if len(changed) == 1000:
            Member.objects.bulk_update(changed, ["search_name"])
            changed = []
    Member.objects.bulk_update(changed, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0017_visit_member_arrived_index"),
    ]

    operations = [
        migrations.RunPython(refold_search_names, migrations.RunPython.noop, elidable=True),
    ]
