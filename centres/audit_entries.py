"""The audit trail's rows: django-auditlog's entry with the centre it concerns,
written only through `AuditEntryManager` and never changed or removed."""

from __future__ import annotations

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit import acts_on_own_record, current_actor, record_label, redact_changes


class AuditTrailIsAppendOnly(Exception):
    def __init__(self) -> None:
        super().__init__("The audit trail is append-only.")


class AuditEntryQuerySet(models.QuerySet):
    """Audit rows are append-only: the application can add them, never change or remove them."""

    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly

    def delete(self):
        raise AuditTrailIsAppendOnly

    def for_centre(self, centre) -> AuditEntryQuerySet:
        return self.filter(centre=centre)


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):
    """Every entry is written here: named by type and id, its free text and personal
    values redacted, with the actor of the action that wrote it, or none when a worker
    acted on their own record (see `centres.audit`)."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        # Written out rather than calling auditlog's, which renders str(instance).
        from auditlog.cid import get_cid
        from django.contrib.contenttypes.models import ContentType

        if kwargs.get("changes") is None and not force_log:
            return None
        pk = self._get_pk_value(instance)
        kwargs["changes"] = redact_changes(type(instance), kwargs.get("changes"))
        kwargs["object_repr"] = record_label(instance)
        kwargs.setdefault("content_type", ContentType.objects.get_for_model(instance))
        kwargs.setdefault("object_pk", pk)
        if isinstance(pk, int):
            kwargs.setdefault("object_id", pk)
        if "centre_id" not in kwargs:
            kwargs["centre_id"] = centre_id_of(instance)
        kwargs.setdefault("actor", current_actor())
        if acts_on_own_record(instance, kwargs["actor"]):
            kwargs["actor"] = None  # the account would name the person behind the record
            kwargs["additional_data"] = {"by": "member"}
        kwargs.setdefault("cid", get_cid())
        return self.create(**kwargs)

    def log_export(self, instance, *, what: str, fmt: str, rows: int, **kwargs):
        """The trail's row for an export: what was exported, in which format, how many
        rows. Every export (visits, sessions, reports, figures) writes it here."""
        return self.log_create(
            instance,
            force_log=True,
            action=self.model.Action.ACCESS,
            changes={"export": [what, fmt, str(rows)]},
            **kwargs,
        )

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        if not changed_queryset:
            return None
        ids = sorted(str(pk) for pk in changed_queryset.values_list("pk", flat=True))
        return self.log_create(
            instance,
            force_log=True,
            action=self.model.Action.UPDATE,
            changes={field_name: {"type": "m2m", "operation": operation, "objects": ids}},
            **kwargs,
        )


def centre_id_of(instance) -> int | None:
    """The centre an audited object belongs to (its id), so each centre can read its
    own trail: the centre itself, the end of the model's `AUDIT_CENTRE_PATHS` lookup
    (e.g. a seat term's seat's committee's centre), or its `centre_id`. None for a model
    named in `AUDIT_GLOBAL_MODELS`, a record of no single centre (a programme's survey),
    or one whose parent is already gone (deleted with it)."""
    label = instance._meta.label
    if label == "centres.Centre":
        return instance.pk
    if label in settings.AUDIT_GLOBAL_MODELS:
        return None
    path = settings.AUDIT_CENTRE_PATHS.get(label)
    try:
        if path is None:
            return getattr(instance, "centre_id", None)
        *through, last = path.split("__")
        for name in through:
            instance = getattr(instance, name)
            if instance is None:
                return None
        return getattr(instance, f"{last}_id")
    except ObjectDoesNotExist:
        return None


def _without_db_index(name: str) -> models.Field:
    """auditlog's field `name` as it declares it, but not indexed by itself."""
    field = AbstractLogEntry._meta.get_field(name).clone()
    field.db_index = False
    return field


# auditlog's names of its actions (`LogEntry.Action.choices`, shown by
# `get_action_display`), marked here so that the project's catalogues translate them:
# the library ships no Arabic, Hindi, Nepali or Bengali.
ACTION_NAMES = (_("create"), _("update"), _("delete"), _("access"))


class AuditEntry(AbstractLogEntry):
    """django-auditlog's entry, with the centre it concerns, and no way back.

    The database refuses UPDATE (and, on PostgreSQL, DELETE) of these rows too:
    see the migration that installs the triggers.

    Every write of an audited model inserts a row here, so each index is paid on the
    busiest writes (logging a visit). auditlog's `object_pk` and `cid` are indexed in
    `Meta.indexes` instead of by `db_index`, which on PostgreSQL adds a second,
    `varchar_pattern_ops` copy for LIKE that nothing asks for (both are compared
    whole); the centre has no index of its own, since `audit_centre_time` leads with it.
    """

    object_pk = _without_db_index("object_pk")
    cid = _without_db_index("cid")
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["centre", "-timestamp"], name="audit_centre_time"),
            models.Index(fields=["object_pk"], name="audit_object_pk"),
            models.Index(fields=["cid"], name="audit_cid"),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailIsAppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly
