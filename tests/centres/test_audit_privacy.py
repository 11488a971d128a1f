"""The append-only trail holds no personal data and no free text, for any model, and
names the actor an action is given (none for an anonymous request)."""

import json

import pytest
from auditlog.registry import auditlog
from django.db import models
from django.urls import reverse
from django.utils import timezone

from advocacy import actions as case_actions
from centres.fields import EncryptedTextField
from centres.models import AuditEntry
from members.actions import member_erase
from services import actions as service_actions
from services.models import ReferralPartner, RequestStatus, ServiceRequest

from ..factories import MemberFactory, ServiceFactory, SessionFactory, booked_ahead

CANARY = "CANARY-audit-91fe"


def _trail() -> str:
    """Every value of every entry, as one text: what a dump of the table would show."""
    rows = AuditEntry.objects.values(
        "object_repr", "changes", "changes_text", "serialized_data", "additional_data"
    )
    return json.dumps(list(rows), default=str)


def _is_free_text(field: models.Field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


@pytest.mark.parametrize(
    "model", sorted(auditlog.get_models(), key=lambda m: m._meta.label), ids=str
)
def test_no_registered_model_puts_text_in_the_trail(db, model):
    """Each registered model, with every text field set to a canary: neither the
    record's label nor its change list shows one."""
    instance = model(pk=424242)
    text_fields = [f for f in model._meta.concrete_fields if _is_free_text(f)]
    for field in text_fields:
        setattr(instance, field.attname, f"{CANARY} {field.name}")
    changes = {f.name: ["", f"{CANARY} {f.name}"] for f in text_fields}
    entry = AuditEntry.objects.log_create(
        instance,
        action=AuditEntry.Action.UPDATE,
        changes=changes or {"id": ["", "424242"]},
        centre_id=None,
    )
    assert CANARY not in entry.object_repr
    assert entry.object_repr == f"{model._meta.label_lower} 424242"
    assert CANARY not in json.dumps(entry.changes)
    assert not [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField) and f.name in (entry.changes or {})
    ]


def test_childcare_pick_ups_and_erasure_leave_no_names(centre, social_worker, manager):
    member = MemberFactory(centre=centre, preferred_name=f"{CANARY} mother")
    child = service_actions.child_add(
        member=member, name=f"{CANARY} child", collectors=f"{CANARY} aunt", by=social_worker
    )
    service = ServiceFactory(centre=centre, name="Childcare", is_childcare=True)
    session = SessionFactory(service=service, centre=centre, starts_at=timezone.now())
    service_actions.booking_create(
        session=session, member=member, by=social_worker, at=booked_ahead(session)
    )
    service_actions.pick_up_check(
        child=child, session=session, collector=f"{CANARY} aunt", by=social_worker
    )
    service_actions.pick_up_check(
        child=child, session=session, collector=f"{CANARY} stranger", by=social_worker
    )
    member_erase(member=member, by=manager)
    assert AuditEntry.objects.filter(content_type__model="child").exists()
    assert CANARY not in _trail()


def test_request_words_decline_reason_and_referral_override_stay_out(
    centre, social_worker, manager
):
    member = MemberFactory(centre=centre)
    wish = service_actions.request_create(
        centre=centre, wish=f"{CANARY} my boss hits me", by=social_worker, member=member
    )
    service_actions.request_move(
        request=wish, status=RequestStatus.DECLINED, by=manager, reason=f"{CANARY} reason"
    )
    case = case_actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym=f"{CANARY} pseudonym",
        narrative="what happened",
        issue_types=["wage_theft"],
        assignees=[social_worker],
    )
    case_actions.grievance_move(
        grievance=case, to="closed", by=social_worker, reason=f"{CANARY} closed"
    )
    partner = ReferralPartner.objects.create(centre=centre, name="Clinic", kind="lawyer")
    case_actions.grievance_move(grievance=case, to="advice", by=social_worker)
    case_actions.referral_send(
        grievance=case, partner=partner, by=social_worker, override_reason=f"{CANARY} urgent"
    )
    assert AuditEntry.objects.filter(content_type__model="referral").exists()
    assert CANARY not in _trail()


def test_an_anonymous_request_records_no_actor_and_no_time(client, centre, worker, manager):
    """Its creation leaves no trail row (the row's time and place in the trail would
    link it to the visit just before); the manager's later change names the manager."""
    MemberFactory(centre=centre, account=worker)
    client.force_login(worker)
    response = client.post(
        reverse("my_request_new", args=[centre.pk]),
        {"wish": "Evening classes please", "anonymous": "on"},
    )
    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    assert request.created_by is None and request.member is None
    assert not AuditEntry.objects.filter(content_type__model="servicerequest").exists()
    service_actions.request_move(request=request, status=RequestStatus.UNDER_REVIEW, by=manager)
    entry = AuditEntry.objects.get(content_type__model="servicerequest", object_pk=str(request.pk))
    assert entry.actor == manager


def test_an_action_records_the_actor_it_is_given(client, centre, manager, social_worker):
    """Whoever is signed in, the trail names the `by` of the action."""
    client.force_login(manager)  # the request's user is not the actor given below
    member = MemberFactory(centre=centre)
    service_actions.request_create(centre=centre, wish="Laundry", by=social_worker, member=member)
    entry = AuditEntry.objects.get(content_type__model="servicerequest")
    assert entry.actor == social_worker


def test_an_action_run_from_a_task_names_its_actor(centre, manager, social_worker):
    case = case_actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        pseudonym="Someone",
        narrative="what happened",
        issue_types=["wage_theft"],
        assignees=[social_worker],
    )
    case_actions.grievance_move(grievance=case, to="advice", by=manager)
    entry = AuditEntry.objects.filter(content_type__model="grievance").latest("pk")
    assert entry.actor == manager


class _Editor:
    """What the migration uses of a schema editor: its connection and `execute`. (The
    real one cannot open inside the test's transaction on SQLite.)"""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_the_redacting_migration_rewrites_old_entries_and_says_so(centre, social_worker):
    """An entry as earlier versions wrote it (the child's name as label, a request's
    words in the change list) is rewritten; the rule is back on afterwards."""
    import importlib

    from django.contrib.contenttypes.models import ContentType
    from django.db import DatabaseError, connection, transaction
    from django.db.migrations.loader import MigrationLoader

    from services.models import Child

    kind = ContentType.objects.get_for_model(Child)
    AuditEntry.objects.create(
        content_type=kind,
        object_pk="7",
        object_repr=f"{CANARY} child",
        action=AuditEntry.Action.DELETE,
        changes={"name": [f"{CANARY} child", "None"], "member": ["3", "None"]},
        actor_email="social@example.org",
    )
    migration = importlib.import_module("centres.migrations.0007_redact_audit_trail")
    before = AuditEntry.objects.count()
    if connection.vendor == "postgresql":  # as in a migration: no checks left pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    state = MigrationLoader(connection).project_state(("centres", "0007_redact_audit_trail"))
    migration.redact(state.apps, _Editor(connection))

    assert CANARY not in _trail()
    old = AuditEntry.objects.get(content_type=kind, object_pk="7")
    assert old.object_repr == "services.child 7"
    assert old.changes == {"member": ["[redacted]", "None"]}  # the encrypted name is gone
    assert old.actor_email is None
    assert AuditEntry.objects.count() == before + 1
    note = AuditEntry.objects.latest("pk")
    assert note.changes["redacted_entries"][1] == "1"  # only the old-style entry
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET object_repr = 'x' WHERE id = %s", [old.pk])  # noqa: S608
