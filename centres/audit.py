"""The audit trail: every change of a domain model, every confidential read, every export.

Changes are recorded by django-auditlog for the models listed in the settings
(`AUDITLOG_INCLUDE_TRACKING_MODELS`, the one place); reads are recorded explicitly with
`record_access`, because only the view knows that a person looked.

The trail is append-only and outlives erasure, so it never holds personal data or free
text: a record is named by its type and id (`members.member 42`), the value of any
free-text field is replaced by `REDACTED`, and encrypted fields are left out. The actor
is the `by` an action was given (`acting_as`), never guessed from the request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from auditlog.signals import accessed
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


def redact_changes(model: type[models.Model] | None, changes: Any) -> Any:
    """The change list with every free-text value replaced by `REDACTED` and encrypted
    fields dropped. Keys that are not fields (an export's counts) are kept as given."""
    from .fields import EncryptedTextField

    if not isinstance(changes, dict):
        return changes
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
        elif field is None or is_free_text(field):
            kept[name] = _redacted(values)
        else:
            kept[name] = values
    return kept


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
