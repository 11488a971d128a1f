"""The audit trail: every change of a domain model, every confidential read, every export.

Changes are recorded by django-auditlog for the models listed in the settings
(`AUDITLOG_INCLUDE_TRACKING_MODELS`, the one place); reads are recorded explicitly with
`record_access`, because only the view knows that a person looked.

The trail is append-only and outlives erasure, so it never holds personal data or free
text: a record is named by its type and id (`members.member 42`), the value of any
free-text field is replaced by `REDACTED`, and encrypted fields are left out. A record
about a person (a member, a child, or anything pointing at one: a visit, a booking, a
consent) keeps only which fields changed and its coded values (statuses, flags, counts,
references to sessions or categories): never the person it points at, an account, nor
a date or time, which would tell when that person came (the entry's own time is the
time of the action). The actor is the `by` an action was given (`acting_as`), never
guessed from the request, and nobody when a worker acts on their own record (the
actor would name the person behind the record).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from auditlog.signals import accessed
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models

REDACTED = "[redacted]"

_UNSET = object()
_actor: ContextVar[Any] = ContextVar("audit_actor", default=_UNSET)


@contextmanager
def acting_as(user) -> Iterator[None]:
    """Entries written inside are recorded with `user` as actor (None: nobody)."""
    token = _actor.set(user if user is not None and user.is_authenticated else None)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    actor = _actor.get()
    return None if actor is _UNSET else actor


def records_actor(action: Callable) -> Callable:
    """Decorate a write taking `by=`: its audit rows name that actor, whoever is signed
    in (a worker's anonymous request, a manager acting for a colleague, a Celery task)."""

    @wraps(action)
    def wrapper(*args, **kwargs):
        with acting_as(kwargs.get("by")):
            return action(*args, **kwargs)

    return wrapper


def record_label(instance: models.Model) -> str:
    """How the trail names a record: its type and id, never its text."""
    return f"{instance._meta.label_lower} {instance.pk}"


def is_free_text(field: models.Field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


# The models whose rows are people. The trail may name such a row by its id (what was
# changed), never keep a reference to one in a change list.
PERSON_MODELS = frozenset({"members.member", "services.child"})


def is_person(model: type[models.Model] | None) -> bool:
    return model is not None and model._meta.label_lower in PERSON_MODELS


def is_about_a_person(model: type[models.Model] | None) -> bool:
    """A person's own row, or a row pointing at one (a visit, a booking, a consent)."""
    return model is not None and (
        is_person(model)
        or any(f.is_relation and is_person(f.related_model) for f in model._meta.concrete_fields)
    )


def _is_personal(model: type[models.Model], field: models.Field, about_person: bool) -> bool:
    if is_person(model) or (field.is_relation and is_person(field.related_model)):
        return True
    if not about_person:
        return False
    is_account = field.is_relation and field.related_model is get_user_model()
    return is_account or isinstance(field, models.DateField | models.TimeField)


def redact_changes(model: type[models.Model] | None, changes: Any) -> Any:
    """The change list with every free-text value replaced by `REDACTED`, encrypted
    fields dropped, and on a record about a person (`is_about_a_person`) every value
    that points at a person or an account or tells a date or time replaced as well.
    Keys that are not fields (an export's counts) are kept as given."""
    from .fields import EncryptedTextField

    if not isinstance(changes, dict):
        return changes
    about_person = is_about_a_person(model)
    kept = {}
    for name, values in changes.items():
        try:
            field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            field = None
        if field is None and model is not None:
            kept[name] = values
        elif isinstance(field, EncryptedTextField):
            continue
        elif field is None or is_free_text(field) or _is_personal(model, field, about_person):
            kept[name] = _redacted(values)
        else:
            kept[name] = values
    return kept


def acts_on_own_record(instance: models.Model, actor) -> bool:
    """Whether `actor` is the account of the person `instance` is about (a worker who
    booked, checked in or gave consent themselves). Reads the member the action already
    loaded; one query only when it did not."""
    if actor is None or not is_about_a_person(type(instance)):
        return False
    if is_person(type(instance)) and hasattr(instance, "account_id"):
        return instance.account_id == actor.pk
    field = next(
        (
            f
            for f in instance._meta.concrete_fields
            if f.is_relation and f.related_model is not None and f.name == "member"
        ),
        None,
    )
    member_id = getattr(instance, field.attname, None) if field is not None else None
    if member_id is None:
        return False
    member = instance._state.fields_cache.get(field.name)
    if member is not None:
        return member.account_id == actor.pk
    return field.related_model._base_manager.filter(pk=member_id, account=actor).exists()


def _redacted(values: Any) -> Any:
    if isinstance(values, list | tuple):
        return [REDACTED if value not in (None, "", "None") else value for value in values]
    return REDACTED


def record_access(instance: models.Model, *, by=_UNSET) -> None:
    """Write one 'access' entry for a confidential record that a person has just read."""
    if by is _UNSET:
        accessed.send(sender=instance.__class__, instance=instance)
        return
    with acting_as(by):
        accessed.send(sender=instance.__class__, instance=instance)
