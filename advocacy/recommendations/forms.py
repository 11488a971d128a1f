from django import forms
from django.utils.translation import gettext_lazy as _

from centres.dates import DateField, PlannedDateField
from centres.formfields import ShortTextField

from ..feedback.models import THEME_GROUPS, ThemeCode, ThemeGroup
from .models import TEXT_MAX, AddresseeKind, RecommendationStatus

DEFICIT_CHOICES = [
    (ThemeGroup(group).label, [(code, ThemeCode(code).label) for code in codes])
    for group, codes in THEME_GROUPS.items()
    if group != ThemeGroup.SERVICES
]


class RecommendationForm(forms.Form):
    title = ShortTextField(label=_("Title"), max_length=200)
    addressee_kind = forms.ChoiceField(label=_("Addressed to"), choices=AddresseeKind.choices)
    addressee_name = ShortTextField(label=_("Name of the addressee"), max_length=200)
    deficits = forms.MultipleChoiceField(
        label=_("Decent-work deficits it addresses"),
        choices=DEFICIT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        max_length=TEXT_MAX,
    )
    follow_up_on = PlannedDateField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SendForm(forms.Form):
    follow_up_on = PlannedDateField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("You will get a reminder on that day."),
    )


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=RecommendationStatus.choices)
    follow_up_on = PlannedDateField(
        label=_("Next follow-up"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ResponseForm(forms.Form):
    received_on = DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(
        label=_("What they answered"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=TEXT_MAX,
    )


class CiteForm(forms.Form):
    """Cells of one release to cite, as "table|label" values."""

    cells = forms.MultipleChoiceField(label=_("Figures"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cells"].choices = [
            (f"{cell.table}|{cell.label}", f"{cell.description}: {cell.value}") for cell in cells
        ]

    def pairs(self) -> list[tuple[str, str]]:
        return [tuple(value.split("|", 1)) for value in self.cleaned_data["cells"]]
