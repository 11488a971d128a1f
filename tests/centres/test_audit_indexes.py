"""Every audited write inserts an audit entry, so the trail keeps only the indexes it
is read by: migration 0016 drops the `varchar_pattern_ops` copies of `object_pk` and
`cid` (PostgreSQL) and the centre's own index, which `audit_centre_time` covers."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

TABLE = "centres_auditentry"
BEFORE = [("centres", "0015_export_files_purge_schedule")]
AFTER = [("centres", "0016_audit_trail_indexes")]
# Each column or column list still read by: a centre's trail newest first, an object's
# history, the admin's correlation filter, the trail by time, who acted, what type,
# which action, and the numeric id.
KEPT = {
    "audit_centre_time": ["centre_id", "timestamp"],
    "audit_object_pk": ["object_pk"],
    "audit_cid": ["cid"],
    "centres_auditentry_timestamp_104daefd": ["timestamp"],
    "centres_auditentry_actor_id_4782aee3": ["actor_id"],
    "centres_auditentry_content_type_id_a7f5c835": ["content_type_id"],
    "centres_auditentry_action_1e8f99d2": ["action"],
    "centres_auditentry_object_id_77574a83": ["object_id"],
}
DROPPED = [
    "centres_auditentry_centre_id_dddfc401",
    "centres_auditentry_object_pk_425551f4_like",
    "centres_auditentry_cid_dcc73f61_like",
]


def _indexes() -> dict[str, list[str]]:
    """{name: columns} of the table's indexes, its primary key left out."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return {
        name: found["columns"]
        for name, found in constraints.items()
        if found["index"] and not found["primary_key"]
    }


def _pattern_indexes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s"
            " AND indexdef LIKE '%%varchar_pattern_ops%%'",
            [TABLE],
        )
        return sorted(name for (name,) in cursor.fetchall())


@pytest.mark.django_db
def test_the_trail_keeps_the_indexes_it_is_read_by_and_no_other():
    assert _indexes() == KEPT


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_migration_drops_the_copies_keeps_the_rest_and_is_reversible():
    assert _pattern_indexes() == []
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        before = _indexes()
        assert _pattern_indexes() == sorted(DROPPED[1:])
        assert before["centres_auditentry_centre_id_dddfc401"] == ["centre_id"]
        assert before["centres_auditentry_object_pk_425551f4"] == ["object_pk"]
        assert "audit_object_pk" not in before
        assert len(before) == len(KEPT) + len(DROPPED)
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        assert _indexes() == KEPT
        assert _pattern_indexes() == []
    finally:  # the database as every other test expects it: fully migrated
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.postgresql
@pytest.mark.django_db
def test_a_centres_trail_is_still_read_from_an_index(centre):
    from centres.models import AuditEntry

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = AuditEntry.objects.for_centre(centre).order_by("-timestamp")[:20].explain()
    assert "audit_centre_time" in plan, plan
