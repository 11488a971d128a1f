"""Months released before segments keep their exact tables: migration 0016 copies each
into a month-long piece, from which later quarters and years are built."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("advocacy", "0015_report_texts_without_employers")]
AFTER = [("advocacy", "0016_segment_snapshots")]


@pytest.mark.django_db(transaction=True)
def test_a_month_released_before_segments_becomes_one_piece(centre):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        _copy_checked(executor, centre)
    finally:  # the database as every other test expects it: fully migrated
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _copy_checked(executor, centre):
    old = executor.loader.project_state(BEFORE).apps.get_model("advocacy", "Release")
    exact = {"visits.total": {"people": 12}}
    common = {"centre_id": centre.pk, "threshold": 5, "zone": "Asia/Amman"}
    for kind, start in (("month", date(2026, 12, 1)), ("quarter", date(2026, 10, 1))):
        old.objects.create(
            period_kind=kind, period_start=start, released_at=timezone.now(),
            exact=exact if kind == "month" else {}, **common,
        )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    pieces = executor.loader.project_state(AFTER).apps.get_model("advocacy", "SegmentSnapshot")
    [piece] = pieces.objects.all()
    assert (piece.first, piece.end, piece.exact) == (date(2026, 12, 1), date(2027, 1, 1), exact)
