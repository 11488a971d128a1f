import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from centres.categories import ServiceCategory
from centres.dates import DateFilter
from centres.local_time import day_end, day_start, zone_of

from .models import Visit


class VisitFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned


class VisitFilter(django_filters.FilterSet):
    # Days are the centre's local days, turned into UTC instants here: a `__date` lookup
    # would use whatever zone is active when the query runs (none, for a streamed export).
    since = DateFilter(
        method="filter_since",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = DateFilter(
        method="filter_until",
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
        form = VisitFilterForm  # a range whose end comes before its start is refused

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone_of(centre)
        purpose = self.filters["purpose"]
        purpose.queryset = ServiceCategory.objects.for_centre(centre)
        purpose.field.label_from_instance = lambda category: category.name

    def filter_since(self, queryset, name, value):
        return queryset.filter(arrived_at__gte=day_start(value, self.zone))

    def filter_until(self, queryset, name, value):
        return queryset.filter(arrived_at__lt=day_end(value, self.zone))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(member__isnull=(value == "anonymous"))
