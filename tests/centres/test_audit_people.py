"""The trail keeps that a record about a person was created or changed (its id, the
actor, the time of the action, the fields), never the person it points at, nor a date
or time of that person's presence, nor the worker's own account as actor."""

import importlib
import json

import pytest
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from centres.audit import REDACTED, is_about_a_person, is_person
from centres.fields import EncryptedTextField
from centres.models import AuditEntry
from members import actions as member_actions
from members.models import Visit
from services import actions as service_actions
from services.models import Booking

from ..factories import MemberFactory, SessionFactory, booked_ahead

MARK = "424242"
MOMENT = "2026-10-23 16:07:45.034457"


def _values(entries) -> str:
    return json.dumps([e.changes for e in entries], default=str)


def _personal_fields(model) -> list[models.Field]:
    """The fields whose values the trail must not keep for `model`."""
    about = is_about_a_person(model)
    picked = []
    for field in model._meta.concrete_fields:
        points_at_person = field.is_relation and is_person(field.related_model)
        is_account = field.is_relation and field.related_model._meta.label == "centres.User"
        is_time = isinstance(field, models.DateField | models.TimeField)
        if is_person(model) or points_at_person or (about and (is_account or is_time)):
            picked.append(field)
    return picked


AUDITED = sorted(auditlog.get_models(), key=lambda m: m._meta.label)


@pytest.mark.parametrize(
    "model", [m for m in AUDITED if _personal_fields(m)], ids=lambda m: m._meta.label
)
def test_no_registered_record_about_a_person_keeps_a_reference_or_a_time(db, model):
    instance = model(pk=7)
    changes = {
        f.name: ["None", MOMENT if isinstance(f, models.DateField) else MARK]
        for f in _personal_fields(model)
    }
    entry = AuditEntry.objects.log_create(
        instance, action=AuditEntry.Action.UPDATE, changes=changes, centre_id=None
    )
    encrypted = {f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)}
    assert set(entry.changes) == set(changes) - encrypted  # which fields changed stays
    assert MARK not in _values([entry]) and "034457" not in _values([entry])


def test_the_registered_people_and_their_records_are_the_expected_ones():
    """A new model pointing at a member is caught by the rule without a list to update."""
    labels = {m._meta.label for m in AUDITED if is_about_a_person(m)}
    assert {"members.Visit", "services.Booking", "members.Consent", "members.Member"} <= labels
    assert "services.Session" not in labels and "centres.Centre" not in labels


def test_statuses_and_non_person_references_stay(centre, social_worker):
    member = MemberFactory(centre=centre)
    session = SessionFactory(centre=centre, service__centre=centre)
    booking = service_actions.booking_create(
        session=session, member=member, by=social_worker, at=booked_ahead(session)
    )
    entry = AuditEntry.objects.get(content_type__model="booking", object_pk=str(booking.pk))
    assert entry.changes["session"][1] == str(session.pk)
    assert entry.changes["status"][1] == "booked"
    assert entry.changes["member"][1] == REDACTED
    assert entry.changes["created_at"][1] == REDACTED
    assert entry.actor == social_worker


def test_visits_bookings_and_erasure_leave_no_member_and_no_arrival(centre, social_worker, manager):
    member = MemberFactory(centre=centre)
    arrived = timezone.now().replace(microsecond=34457)
    visit = member_actions.visit_log(
        centre=centre, by=social_worker, member=member, arrived_at=arrived
    )
    session = SessionFactory(centre=centre, service__centre=centre)
    service_actions.booking_create(
        session=session, member=member, by=social_worker, at=booked_ahead(session)
    )
    member_actions.member_erase(member=member, by=manager)
    trail = AuditEntry.objects.filter(content_type__model__in=["visit", "booking", "member"])
    assert trail.filter(object_pk=str(visit.pk), content_type__model="visit").exists()
    assert all(
        value in (REDACTED, "None")
        for entry in trail
        for name in ("member", "arrived_at", "created_at", "erased_at")
        for value in entry.changes.get(name, [])
    )
    assert "34457" not in _values(trail)


def test_a_worker_booking_themselves_is_not_named(client, centre, worker, manager):
    member = MemberFactory(centre=centre, account=worker)
    session = SessionFactory(centre=centre, service__centre=centre)
    client.force_login(worker)
    response = client.post(reverse("book_me", args=[centre.pk, session.pk]))
    assert response.status_code == 302
    booking = Booking.objects.get(member=member)
    entry = AuditEntry.objects.get(content_type__model="booking", object_pk=str(booking.pk))
    assert entry.actor is None and entry.actor_email is None
    assert entry.additional_data == {"by": "member"}

    client.force_login(manager)
    page = client.get(reverse("audit_trail", args=[centre.pk])).content.decode()
    assert "on their own record" in page
    assert worker.name not in page


def test_staff_logging_a_visit_are_named(centre, social_worker):
    member = MemberFactory(centre=centre)
    member_actions.visit_log(centre=centre, by=social_worker, member=member)
    entry = AuditEntry.objects.get(content_type__model="visit")
    assert entry.actor == social_worker and not entry.additional_data


class _Editor:
    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_the_migration_redacts_entries_already_written(centre, worker, social_worker):
    from django.db.migrations.loader import MigrationLoader

    name = "0022_redact_personal_references"
    kind = ContentType.objects.get_for_model(Visit)
    old = AuditEntry.objects.create(
        content_type=kind,
        object_pk="912",
        object_repr="members.visit 912",
        action=AuditEntry.Action.CREATE,
        changes={"member": ["None", "4"], "arrived_at": ["None", MOMENT], "people": ["None", "1"]},
        actor=worker,
    )
    by_staff = AuditEntry.objects.create(
        content_type=kind,
        object_pk="913",
        object_repr="members.visit 913",
        action=AuditEntry.Action.CREATE,
        changes={"member": ["None", "5"]},
        actor=social_worker,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration = importlib.import_module(f"centres.migrations.{name}")
    state = MigrationLoader(connection).project_state(("centres", name))
    migration.redact(state.apps, _Editor(connection))

    old.refresh_from_db()
    assert old.changes == {
        "member": ["None", REDACTED],
        "arrived_at": ["None", REDACTED],
        "people": ["None", "1"],
    }
    assert old.actor is None and old.additional_data == {"by": "member"}
    by_staff.refresh_from_db()
    assert by_staff.actor == social_worker and by_staff.changes == {"member": ["None", REDACTED]}
    note = AuditEntry.objects.latest("pk")
    assert note.changes == {"redacted_person_entries": ["", "2"]}
