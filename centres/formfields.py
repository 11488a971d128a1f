"""Form fields every app uses in place of Django's where Django lets hostile input
through to the database."""

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

# The widest integer a database column holds (PostgreSQL bigint, SQLite INTEGER).
_INT_LIMIT = 2**63


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id no integer column can hold: SQLite raises an
    OverflowError for it inside the `IN (...)` query (a 500), where it should be an
    invalid choice like any other unknown id."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key, models.IntegerField):
            for pk in value or ():
                try:
                    number = int(pk)
                except (TypeError, ValueError):
                    continue  # Django refuses it as it is
                if not -_INT_LIMIT < number < _INT_LIMIT:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:20]},
                    )
        return super()._check_values(value)


def validator_bounds(model_field: models.Field) -> dict[str, int]:
    """`min_value` and `max_value` for a form field, from `model_field`'s
    MinValueValidator and MaxValueValidator: the number input's min and max attributes
    and the form's own checks then say what the model accepts, from that one place
    (Django offers a PositiveSmallIntegerField from 0, whatever its validators say)."""
    lows, highs = [], []
    for validator in model_field.validators:  # with the column's own range, for integers
        limit = validator.limit_value if hasattr(validator, "limit_value") else None
        limit = limit() if callable(limit) else limit
        if isinstance(validator, validators.MinValueValidator):
            lows.append(limit)
        elif isinstance(validator, validators.MaxValueValidator):
            highs.append(limit)
    # An integer column's portable range (a PositiveSmallIntegerField holds at most
    # 32767 on every database, though SQLite reports 2**63 - 1 for all of them).
    if portable := BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type()):
        lows.append(portable[0])
        highs.append(portable[1])
    bounds = {}
    if lows:
        bounds["min_value"] = max(lows)
    if highs:
        bounds["max_value"] = min(highs)
    return bounds


def bounded_formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    """A model form's `formfield_callback`: Django's form field for `model_field`, its
    number bounds taken from the model's validators (`validator_bounds`), a short text
    a `ShortTextField`."""
    kwargs = {**validator_bounds(model_field), **kwargs}
    field = model_field.formfield(**kwargs)
    if type(field) is forms.CharField and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput
    ):
        field = model_field.formfield(**{**kwargs, "form_class": ShortTextField})
    return field


class ShortTextField(forms.CharField):
    """A single-line text (a name, a label, a title, a reason): Django's, as
    `centres.text.typed_text` cleans it: without direction controls, which typed into a
    name reverse it wherever it is shown, and missing when it shows nothing.
    tests/test_short_text.py checks that every single-line text field of the project
    is one."""

    def to_python(self, value) -> str:
        from .text import typed_text

        text = super().to_python(value)
        if not text:
            return text
        return typed_text(text, strip=self.strip) or self.empty_value


class CurrencyField(forms.ChoiceField):
    """An ISO 4217 code chosen from centres.currencies: a select, so that nothing typed
    is cut short; a code sent in lower case or with spaces is read as the code."""

    default_error_messages = {
        "invalid_choice": _(
            "Choose the currency from the list (a three-letter code such as JOD). "
            "“%(value)s” is not one of them."
        ),
    }

    def __init__(self, **kwargs):
        from .currencies import currency_choices

        # The empty choice is named by the form renderer, as any select's.
        kwargs.setdefault("choices", [*BLANK_CHOICE_DASH, *currency_choices()])
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        return super().to_python(value).strip().upper()


class ModelForm(forms.ModelForm):
    """The project's model forms: a model's own rules (`Model.clean`) say nothing more
    about a field that its own validation already refused, so that one mistake is
    said once (a number that is not a phone number is not also "missing")."""

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            kept = {
                field: messages
                for field, messages in errors.error_dict.items()
                if field not in self.fields or not self.has_error(field)
            }
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)
