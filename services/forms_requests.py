"""Forms of workers' requests: told to staff, typed at the kiosk, answered by the manager."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from centres.categories import ServiceCategory
from centres.formfields import ShortTextField
from members.forms import MemberCodeField

from .models import RequestStatus, ServiceRequest

WISH_MAX = 1000


class CategoryField(forms.ModelChoiceField):
    """A kind of service among the shared categories and the centre's own, never another's."""

    def __init__(self, centre, **kwargs):
        kwargs.setdefault("label", _("Kind of service (if known)"))
        kwargs.setdefault("empty_label", _("Not sure"))
        super().__init__(
            queryset=ServiceCategory.objects.for_centre(centre), required=False, **kwargs
        )

    def label_from_instance(self, obj):
        return obj.name


class KioskRequestForm(forms.Form):
    wish = forms.CharField(
        label=_("What service would you like the centre to offer?"),
        max_length=WISH_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = CategoryField(centre)


class RequestForm(forms.Form):
    wish = forms.CharField(
        label=_("What is asked for"),
        max_length=WISH_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("In the worker's own words."),
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["category"] = CategoryField(centre)
        self.fields["member"] = MemberCodeField(
            centre=centre,
            label=_("Member code (optional)"),
            required=False,
            help_text=_("Leave empty if the worker prefers not to say who they are."),
        )


class MyRequestForm(forms.Form):
    """What a member with an account asks for, in their own words."""

    wish = forms.CharField(
        label=_("What service would you like the centre to offer?"),
        max_length=WISH_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    anonymous = forms.BooleanField(
        label=_("Do not attach my name to this request"), required=False, initial=True
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = CategoryField(centre)


class RequestMoveForm(forms.Form):
    status = forms.ChoiceField(label=_("Move to"), choices=RequestStatus.choices)
    reason = ShortTextField(
        label=_("Reason (needed to decline)"),
        max_length=300,
        required=False,
    )


class RequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RequestStatus.choices, empty_label=_("Any status")
    )

    class Meta:
        model = ServiceRequest
        fields: list[str] = []
