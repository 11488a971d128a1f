import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from centres.categories import ServiceCategory

from .models import Visit


class VisitFilter(django_filters.FilterSet):
    since = django_filters.DateFilter(
        field_name="arrived_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="arrived_at",
        lookup_expr="date__lte",
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    purpose = django_filters.ModelChoiceFilter(
        field_name="purposes", queryset=ServiceCategory.objects.none(), label=_("Purpose")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Visitor"),
        choices=[("identified", _("Identified")), ("anonymous", _("Anonymous"))],
        method="filter_kind",
        empty_label=_("Everyone"),
    )

    class Meta:
        model = Visit
        fields: list[str] = []

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        purpose = self.filters["purpose"]
        purpose.queryset = ServiceCategory.objects.for_centre(centre)
        purpose.field.label_from_instance = lambda category: category.name

    def filter_kind(self, queryset, name, value):
        return queryset.filter(member__isnull=(value == "anonymous"))
