"""Forms of the catalogue: services, categories, weekly times, one-off sessions,
referral partners and the export's date range."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centres.categories import CategoryKind, ServiceCategory
from centres.dates import PlannedDateTimeField, SearchDateField, in_zone_of
from centres.formfields import CurrencyField, ModelForm, ShortTextField, bounded_formfield
from centres.models import User

from .models import ReferralPartner, Service, Weekday

MINUTES = {"min_value": 15, "max_value": 720, "initial": 60}


class ServiceForm(ModelForm):
    fee_currency = CurrencyField(label=_("Currency"), required=False)

    """Every choice is limited to the centre; the centre itself comes from the URL."""

    class Meta:
        model = Service
        formfield_callback = bounded_formfield  # min and max as `Service`'s validators say
        fields = [
            "name",
            "category",
            "description",
            "provider_staff",
            "provider_partner",
            "languages",
            "other_languages",
            "accessibility",
            "capacity",
            "fee",
            "fee_currency",
            "is_childcare",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "accessibility": _("For example: step-free, sign language on request."),
            "fee": _(
                "0 for free. A fee is nominal, never needed to enter the centre, and can be waived."
            ),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        in_zone_of(self, centre)
        category = self.fields["category"]
        category.queryset = ServiceCategory.objects.for_centre(centre)
        category.label_from_instance = lambda c: c.name
        staff = self.fields["provider_staff"]
        staff.queryset = (
            User.objects.filter(centre_roles__centre=centre).distinct().order_by("name")
        )
        partner = self.fields["provider_partner"]
        # A partner no longer active stays selectable for the service it already provides.
        partner.queryset = ReferralPartner.objects.filter(centre=centre).filter(
            Q(active=True) | Q(pk=self.instance.provider_partner_id)
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("fee")
            and not cleaned.get("fee_currency")
            and not self.has_error("fee_currency")
        ):
            self.add_error("fee_currency", _("Give the currency of the fee."))
        return cleaned


class CategoryForm(forms.Form):
    name = ShortTextField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CategoryKind.choices)


class SlotForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    # A text box rather than type=time: it is as big as the other fields on a small phone.
    starts = forms.TimeField(
        label=_("Starts"),
        help_text=_("24-hour clock, for example 18:00."),
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric", "size": 5}),
    )
    minutes = forms.IntegerField(label=_("Length in minutes"), **MINUTES)

    def __init__(self, *args, service: Service | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service

    def clean(self):
        cleaned = super().clean()
        weekday, starts = cleaned.get("weekday"), cleaned.get("starts")
        if self.service and starts is not None and weekday is not None:
            if self.service.slots.filter(weekday=weekday, starts=starts).exists():
                raise forms.ValidationError(_("The service already runs at this day and time."))
        return cleaned


class SessionForm(forms.Form):
    starts_at = PlannedDateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    minutes = forms.IntegerField(label=_("Length in minutes"), **MINUTES)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=32767,
        required=False,
        help_text=_("Leave empty for the service's usual number of places."),
    )

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        in_zone_of(self, service.centre)

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if self.service.sessions.filter(starts_at=starts_at).exists():
            raise forms.ValidationError(_("This service already has a session at that time."))
        return starts_at


class PartnerForm(ModelForm):
    class Meta:
        formfield_callback = bounded_formfield  # short texts without direction controls
        model = ReferralPartner
        fields = ["name", "kind", "languages", "other_languages", "contact", "notes", "active"]
        widgets = {
            "contact": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "contact": _("Phone, address, opening hours, the person to ask for."),
            "notes": _("What they help with. No worker's name or case here."),
        }


class ExportRangeForm(forms.Form):
    since = SearchDateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = SearchDateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned
