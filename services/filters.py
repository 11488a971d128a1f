"""The filter of the service list: services offered in a language."""

import django_filters
from django.utils.translation import gettext_lazy as _

from centres.languages import language_choices, refuse_unknown

from .models import Service


class LanguageField(django_filters.fields.ChoiceField):
    def validate(self, value) -> None:
        if value:
            refuse_unknown([value])  # the reason in words, not "Select a valid choice"


class LanguageFilter(django_filters.ChoiceFilter):
    field_class = LanguageField


class ServiceFilter(django_filters.FilterSet):
    language = LanguageFilter(
        label=_("Offered in"),
        choices=language_choices,  # named in the reader's language when shown
        empty_label=_("Any language"),
        method="offered_in",
    )

    class Meta:
        model = Service
        fields: list[str] = []

    def offered_in(self, queryset, name: str, code: str):
        return queryset.offered_in(code)
