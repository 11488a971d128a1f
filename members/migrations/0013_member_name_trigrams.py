"""Member search by name on PostgreSQL: a GIN index of the centre and the trigrams of
the name search key, for substring and word-similarity matches inside one centre
(pg_trgm for the trigrams, btree_gin for the centre in the same index; both are
trusted extensions that the database's owner may create). Nothing on SQLite, whose
search matches substrings by scanning the centre's members."""

from django.contrib.postgres.operations import BtreeGinExtension, TrigramExtension
from django.db import migrations

INDEX = "member_centre_name_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_member "
            "USING gin (centre_id, search_name gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("members", "0012_visit_rollups")]

    operations = [
        TrigramExtension(),
        BtreeGinExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
