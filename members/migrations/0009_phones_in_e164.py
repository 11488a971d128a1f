from django.db import migrations


def phones_in_e164(apps, schema_editor):
    """Numbers in E.164, read in the member's centre's country; digests of that form.
    A number that cannot be read stays as typed, with no digest (not findable by phone)."""
    from centres.crypto import digest
    from centres.phones import e164_or_blank

    Member = apps.get_model("members", "Member")
    members = Member.objects.exclude(phone="").select_related("centre")
    for member in members.iterator(chunk_size=1000):
        e164 = e164_or_blank(member.phone, region=member.centre.country)
        member.phone = e164 or member.phone
        member.phone_digest = digest(e164) if e164 and not member.erased_at else ""
        member.save(update_fields=["phone", "phone_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0008_polling_officers"),
    ]

    operations = [
        migrations.RunPython(phones_in_e164, migrations.RunPython.noop),
    ]
