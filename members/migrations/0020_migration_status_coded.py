# A member's migration status becomes one of a few codes instead of free text, so that
# it can be counted for equality monitoring and holds no personal detail.
#
# Each stored text is read (decrypted by the field), mapped and written back encrypted.
# Known wordings (in any letter case and spacing, with or without punctuation, and the
# codes themselves) become their code; any other text becomes "other", never blank, so
# that no answer is silently lost. Nothing stored is ever printed. Going back writes each
# code's English wording as the text.

import re

from django.db import migrations

import centres.fields

BATCH = 1000

# The codes and their wording as of this migration (frozen here: later changes to
# `members.models.MigrationStatus` must not change what this migration did).
WORDING = {
    "regular": "Regular (work permit or visa)",
    "irregular": "Irregular or undocumented",
    "pending": "Application pending",
    "refugee": "Refugee or asylum seeker",
    "other": "Other",
    "not_said": "Prefer not to say",
}

KNOWN = {
    "regular": [
        "regular", "documented", "legal", "permit", "valid permit", "work permit",
        "has work permit", "with work permit", "valid work permit", "residence permit",
        "resident", "residency", "visa", "valid visa", "work visa", "tied visa",
        "sponsored", "regular work permit", "regular status",
    ],
    "irregular": [
        "irregular", "undocumented", "irregular or undocumented", "irregular status",
        "no permit", "no work permit", "no papers", "without papers", "no documents",
        "no visa", "visa expired", "expired visa", "permit expired", "expired permit",
        "overstay", "overstayer", "overstayed", "illegal", "absconded",
    ],
    "pending": [
        "pending", "application pending", "applied", "in process", "in progress",
        "waiting", "awaiting decision", "permit pending", "visa pending",
        "renewal pending", "permit renewal pending",
    ],
    "refugee": [
        "refugee", "asylum", "asylum seeker", "refugee or asylum seeker",
        "registered refugee", "unhcr", "unhcr registered", "registered with unhcr",
    ],
    "other": ["other"],
    "not_said": [
        "not said", "not_said", "prefer not to say", "would rather not say",
        "declined", "declined to say", "did not say", "refused to say", "no answer",
    ],
}  # fmt: skip


def normalised(text: str) -> str:
    """`text` in lower case, with any run of spaces, punctuation or underscores one space."""
    return " ".join(re.sub(r"[\W_]+", " ", text).casefold().split())


CODE_OF = {
    normalised(text): code
    for code, texts in KNOWN.items()
    for text in [code, WORDING[code], *texts]
}


def code_of(text: str) -> str:
    """The code for a stored free text: blank stays blank, a known wording its code,
    anything else "other"."""
    if not text or not text.strip():
        return ""
    return CODE_OF.get(normalised(text), "other")


def text_of(code: str) -> str:
    """The free text written back for a code when the migration is reversed."""
    return WORDING.get(code, code)


def _rewrite(mapping):
    def run(apps, schema_editor) -> None:
        member_model = apps.get_model("members", "Member")
        members = (
            member_model.objects.using(schema_editor.connection.alias)
            .exclude(migration_status="")
            .only("pk", "migration_status")
            .order_by("pk")
        )
        last = 0
        # In batches by id, each read before it is written (no cursor stays open on
        # the table while it changes).
        while batch := list(members.filter(pk__gt=last)[:BATCH]):
            for member in batch:
                # Written back even when unchanged: re-encrypted, every value gets
                # the length of one short code's ciphertext.
                member.migration_status = mapping(member.migration_status)
            member_model.objects.using(schema_editor.connection.alias).bulk_update(
                batch, ["migration_status"]
            )
            last = batch[-1].pk

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0019_approval_method_label_in_plain_words"),
    ]

    operations = [
        migrations.AlterField(
            model_name="member",
            name="migration_status",
            field=centres.fields.EncryptedTextField(
                blank=True,
                choices=[
                    ("regular", "Regular (work permit or visa)"),
                    ("irregular", "Irregular or undocumented"),
                    ("pending", "Application pending"),
                    ("refugee", "Refugee or asylum seeker"),
                    ("other", "Other"),
                    ("not_said", "Prefer not to say"),
                ],
                verbose_name="migration status",
            ),
        ),
        migrations.RunPython(_rewrite(code_of), _rewrite(text_of)),
    ]
