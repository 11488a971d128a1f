"""Names of a centre's own lists (categories, services, partners, committees,
employers): one entry per name, whatever its case or spacing.

"Legal advice", "legal advice" and " Legal  advice " are one entry to the person
choosing from the list, so the name is stored tidied (`NameField`), refused beside
its field when the list already holds it (`UniqueNameMixin`), and the database
refuses it too with a unique index on the lower-cased name (`unique_name`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .templatetags.bidi import isolated

# The length of a name kept in a JSON field (a survey's title in each language).
NAME_LENGTH = 200


def tidy_name(value: str) -> str:
    """`value` without spaces around it and with each run of inner spaces made one."""
    return " ".join(value.split())


class NameField(models.CharField):
    """A name stored tidied, by every writer (forms, actions, the admin, imports)."""

    def to_python(self, value):
        value = super().to_python(value)
        return tidy_name(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = tidy_name(value)
            setattr(model_instance, self.attname, value)
        return value


def unique_name(field: str, *scope: str, name: str, condition=None) -> models.UniqueConstraint:
    """The database's guard: one lower-cased `field` per `scope` (e.g. the centre)."""
    return models.UniqueConstraint(*scope, Lower(field), name=name, condition=condition)


class UniqueNameMixin:
    """Refuses a name its list already holds, with the message beside the name's field.

    `name_field` names the field and `name_scope` the fields that make one list (the
    centre, and for an employer its kind). Django's own check of the functional
    constraint would give a message above the form, not beside the field, so it is
    left to this one.
    """

    name_field = "name"
    name_scope: tuple[str, ...] = ("centre",)
    # The entries that make the list, when some leave it (a revoked device): a Q
    # object, as in the constraint's condition, and `on_name_list` for this one.
    name_among = None

    def on_name_list(self) -> bool:
        return True

    def name_taken(self, name: str) -> bool:
        scope = {}
        for field in self.name_scope:
            attname = self._meta.get_field(field).attname
            scope[attname] = getattr(self, attname)
        others = type(self)._default_manager.filter(**scope).annotate(_lower=Lower(self.name_field))
        if self.name_among is not None:
            others = others.filter(self.name_among)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        return others.filter(_lower=name.lower()).exists()

    def name_taken_error(self) -> ValidationError | None:
        name = tidy_name(getattr(self, self.name_field) or "")
        if not name or not self.on_name_list() or not self.name_taken(name):
            return None
        return name_taken_message(name)

    def validate_constraints(self, exclude=None):
        exclude = set(exclude or ())
        errors: dict = {}
        if self.name_field not in exclude and (taken := self.name_taken_error()):
            errors[self.name_field] = [taken]
        try:
            super().validate_constraints(exclude=exclude | {self.name_field})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def name_taken_message(name: str, **params) -> ValidationError:
    return ValidationError(
        _("The list already has “%(name)s”. Choose another name or use that one."),
        code="name_taken",
        params={"name": isolated(name), **params},
    )


@contextmanager
def saving_named(instance: UniqueNameMixin) -> Iterator[None]:
    """Around the save of a named entry: when another person saved the same name
    between the check and the save, the index refuses it, and this gives the message
    beside the field instead of an error page."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        taken = instance.name_taken_error()
        if taken is None:
            raise
        raise ValidationError({instance.name_field: [taken]}) from None


def rename_duplicates(
    app_label: str, model_name: str, field: str, *scope: str, language: str = "", **filters
):
    """A migration step: tidy the names, then give every later entry whose name its
    list already holds (by case) a number, " (2)", " (3)"…, oldest first by id, so the
    unique index that follows can be built. Nothing is merged or lost. With `language`,
    `field` holds a name per language ({code: name}) and its name in `language` is read."""

    def run(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        longest = model._meta.get_field(field).max_length or NAME_LENGTH
        scope_columns = [model._meta.get_field(s).attname for s in scope]
        seen: set[tuple] = set()
        for row in model.objects.filter(**filters).order_by("pk"):
            names = getattr(row, field)
            original = names.get(language) if language else names
            if not isinstance(original, str):
                continue
            base = tidy_name(original)
            candidate, n = base, 1
            key = tuple(getattr(row, column) for column in scope_columns)
            while (*key, candidate.lower()) in seen:
                n += 1
                suffix = f" ({n})"
                candidate = base[: longest - len(suffix)].rstrip() + suffix
            seen.add((*key, candidate.lower()))
            if candidate != original:
                setattr(row, field, {**names, language: candidate} if language else candidate)
                row.save(update_fields=[field])

    return run
