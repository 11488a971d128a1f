"""The audit trail drops three indexes nothing reads by, each paid on every audited
write (a visit logged writes one entry): on PostgreSQL the `varchar_pattern_ops` copies
of `object_pk` and `cid`, made for LIKE, and the centre's own index, which
`audit_centre_time` (centre, time) covers. The plain indexes of `object_pk` and `cid`
are kept and only renamed: a long trail is not indexed again, and its writes are not
held for that time. Reversible."""

from django.db import migrations, models

# As 0001_initial named them: Django derives the names from the table and column.
OBJECT_PK = "centres_auditentry_object_pk_425551f4"
CID = "centres_auditentry_cid_dcc73f61"
CENTRE = "centres_auditentry_centre_id_dddfc401"
KEPT = {OBJECT_PK: ("audit_object_pk", "object_pk"), CID: ("audit_cid", "cid")}


def _sql(schema_editor):
    quote = schema_editor.quote_name
    return schema_editor.execute, quote, quote("centres_auditentry")


def forwards(apps, schema_editor):
    run, quote, table = _sql(schema_editor)
    run(f"DROP INDEX {quote(CENTRE)}")
    if schema_editor.connection.vendor == "postgresql":
        for old, (new, _column) in KEPT.items():
            run(f"DROP INDEX {quote(old + '_like')}")
            run(f"ALTER INDEX {quote(old)} RENAME TO {quote(new)}")
    else:  # SQLite cannot rename an index; its trail is a test's or a demo's
        for old, (new, column) in KEPT.items():
            run(f"DROP INDEX {quote(old)}")
            run(f"CREATE INDEX {quote(new)} ON {table} ({quote(column)})")


def backwards(apps, schema_editor):
    run, quote, table = _sql(schema_editor)
    run(f"CREATE INDEX {quote(CENTRE)} ON {table} ({quote('centre_id')})")
    if schema_editor.connection.vendor == "postgresql":
        for old, (new, column) in KEPT.items():
            run(f"ALTER INDEX {quote(new)} RENAME TO {quote(old)}")
            run(
                f"CREATE INDEX {quote(old + '_like')} ON {table}"
                f" ({quote(column)} varchar_pattern_ops)"
            )
    else:
        for old, (new, column) in KEPT.items():
            run(f"DROP INDEX {quote(new)}")
            run(f"CREATE INDEX {quote(old)} ON {table} ({quote(column)})")


class Migration(migrations.Migration):
    dependencies = [("centres", "0015_export_files_purge_schedule")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="centre",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.PROTECT,
                        related_name="+",
                        to="centres.centre",
                    ),
                ),
                migrations.AlterField(
                    model_name="auditentry",
                    name="cid",
                    field=models.CharField(
                        blank=True, max_length=255, null=True, verbose_name="Correlation ID"
                    ),
                ),
                migrations.AlterField(
                    model_name="auditentry",
                    name="object_pk",
                    field=models.CharField(max_length=255, verbose_name="object pk"),
                ),
                migrations.AddIndex(
                    model_name="auditentry",
                    index=models.Index(fields=["object_pk"], name="audit_object_pk"),
                ),
                migrations.AddIndex(
                    model_name="auditentry",
                    index=models.Index(fields=["cid"], name="audit_cid"),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        )
    ]
