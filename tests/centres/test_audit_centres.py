"""Each audited model's entries carry the centre they concern, so the centre's trail page
lists them (governance included: paper batches, candidates, seat terms, officers...),
or are declared global (accounts, programmes, schedules)."""

from collections import defaultdict

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from centres.models import AuditEntry, Centre

pytestmark = pytest.mark.django_db


def _kind(model) -> str:
    if model._meta.label == "centres.Centre":
        return "centre"
    if model._meta.label in settings.AUDIT_GLOBAL_MODELS:
        return "global"
    if model._meta.label in settings.AUDIT_CENTRE_PATHS:
        return "path"
    return "own" if hasattr(model, "centre_id") else "unknown"


def test_every_audited_model_says_how_its_centre_is_found():
    kinds = {model._meta.label: _kind(model) for model in auditlog.get_models()}
    assert [label for label, kind in kinds.items() if kind == "unknown"] == []
    assert set(settings.AUDIT_CENTRE_PATHS) <= set(kinds)  # no stale declaration
    assert settings.AUDIT_GLOBAL_MODELS <= set(kinds)
    for label, path in settings.AUDIT_CENTRE_PATHS.items():
        field = apps.get_model(label)._meta.get_field(path.split("__")[0])
        for name in path.split("__")[1:]:
            field = field.related_model._meta.get_field(name)
        assert field.related_model is Centre, label


def _expected_centres(model, pks):
    """{pk: centre id} read from the database, apart from the trail's writer: the
    declared lookup, the `centre_id` column, or the `centre_id` property of each row."""
    label = model._meta.label
    rows = model._default_manager.filter(pk__in=pks)
    if label == "centres.Centre":
        return {pk: pk for pk in rows.values_list("pk", flat=True)}
    if label in settings.AUDIT_CENTRE_PATHS:
        return dict(rows.values_list("pk", settings.AUDIT_CENTRE_PATHS[label]))
    return {row.pk: row.centre_id for row in rows}


def test_the_demos_entries_carry_their_centre(settings):
    """The demo writes every kind of record through the product's actions; each entry
    of a record that still exists has the record's centre, and the governance records
    of the finding (paper batches, candidates, seat terms, officers, priority
    responses, ballot options) are on their centre's trail."""
    settings.DEBUG = True
    call_command("load_demo")
    entries = defaultdict(dict)
    for kind, pk, centre in AuditEntry.objects.values_list(
        "content_type", "object_id", "centre_id"
    ):
        entries[kind][pk] = centre
    seen_on_a_centre = set()
    for model in auditlog.get_models():
        logged = entries.get(ContentType.objects.get_for_model(model).pk, {})
        if _kind(model) == "global":
            assert set(logged.values()) <= {None}, model._meta.label
            continue
        expected = _expected_centres(model, list(logged))
        for pk, centre in expected.items():
            assert logged[pk] == centre, (model._meta.label, pk)
            if centre is not None:
                seen_on_a_centre.add(model._meta.label)
    governance = {
        "members.PaperBatch",
        "members.Candidate",
        "members.SeatTerm",
        "members.PriorityResponse",
        "members.BallotOption",
    }
    assert governance <= seen_on_a_centre
    # The demo draws no lots: the tie draw's lookup is checked by the test above.
    assert set(settings.AUDIT_CENTRE_PATHS) - {"members.TieDraw"} <= seen_on_a_centre


class _Editor:
    """What the migration asks of its schema editor (SQLite's cannot open inside the
    test's transaction): the connection, and running a statement."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_gives_earlier_entries_their_centre(centre):
    """Entries written before the fix had no centre: the data migration fills it from
    the record, and leaves an entry whose record is gone without one."""
    import importlib
    from datetime import timedelta

    from members.actions import committee_create
    from members.models import SeatTerm

    from ..factories import MemberFactory, centre_today

    migration = importlib.import_module("centres.migrations.0024_audit_entries_centre")
    committee = committee_create(centre=centre, by=None, name="C", seats=[("chair", "")])
    term = SeatTerm.objects.create(
        seat=committee.seats.get(),
        member=MemberFactory(centre=centre),
        starts_on=centre_today(),
        ends_on=centre_today() + timedelta(days=30),
    )
    kind = ContentType.objects.get_for_model(SeatTerm)
    fields = {"content_type": kind, "action": 0, "object_repr": "members.seatterm"}
    earlier = AuditEntry.objects.create(object_pk=str(term.pk), object_id=term.pk, **fields)
    gone = AuditEntry.objects.create(object_pk="999999", object_id=999999, **fields)
    from django.db.migrations.executor import MigrationExecutor

    state = MigrationExecutor(connection).loader.project_state(
        ("centres", "0024_audit_entries_centre")
    )
    if connection.vendor == "postgresql":
        # A migration runs after the entries' own transactions: their deferred
        # foreign-key checks are done, so the table can be altered.
        _Editor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration.fill_centres(state.apps, _Editor())
    earlier.refresh_from_db()
    gone.refresh_from_db()
    assert (earlier.centre_id, gone.centre_id) == (centre.pk, None)
    note = AuditEntry.objects.latest("pk")
    assert int(note.changes["centre_filled_entries"][1]) >= 1
