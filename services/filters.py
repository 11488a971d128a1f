"""The filter of the service list: services offered in a language."""

import django_filters
from django.utils.translation import gettext_lazy as _

from centres.languages import language_choices

from .models import Service


class ServiceFilter(django_filters.FilterSet):
    language = django_filters.ChoiceFilter(
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
