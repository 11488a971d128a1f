"""Form fields every app uses in place of Django's where Django lets hostile input
through to the database."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
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
