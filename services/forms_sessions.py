"""Forms of the calendar, the session page, bookings and childcare."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.dates import SearchDateField
from centres.formfields import ShortTextField
from members.forms import MemberCodeField

from .models import Child, FeeStatus, Session
from .selectors import children_in_session


class WeekForm(forms.Form):
    week = SearchDateField(required=False)


class BookingForm(forms.Form):
    waiver_reason = ShortTextField(
        label=_("Reason to waive the fee"),
        max_length=200,
        required=False,
        help_text=_("Leave empty if the fee is due. The fee never stops a booking."),
    )

    def __init__(self, *args, centre, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"] = MemberCodeField(centre=centre)
        self.order_fields(["member"])
        if not session.service.fee:
            del self.fields["waiver_reason"]


class WalkInsForm(forms.Form):
    walk_ins = forms.IntegerField(
        label=_("People who came without booking"), min_value=0, max_value=9999
    )


class SessionCancelForm(forms.Form):
    reason = ShortTextField(
        label=_("Why is the session cancelled?"),
        max_length=200,
        help_text=_("The people booked will be told."),
    )


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("yes", _("Attended")), ("no", _("Missed"))],
        coerce=lambda value: value == "yes",
    )


class FeeForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(FeeStatus.PAID, FeeStatus.PAID.label), (FeeStatus.WAIVED, FeeStatus.WAIVED.label)]
    )
    reason = ShortTextField(label=_("Reason for the waiver"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        waived = cleaned.get("status") == FeeStatus.WAIVED
        if waived and not cleaned.get("reason", "").strip() and not self.has_error("reason"):
            self.add_error("reason", _("Give the reason for the waiver."))
        return cleaned


class ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Child) -> str:
        return f"{obj.name} ({obj.member.code})"


class PickUpForm(forms.Form):
    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"] = ChildChoiceField(
            label=_("Child"),
            queryset=children_in_session(session),
            empty_label=_("Choose the child"),
            help_text=_("Children of the members booked in this session."),
        )
        self.fields["collector"] = ShortTextField(
            label=_("Who is collecting the child?"),
            max_length=200,
            help_text=_("Their full name, as they say it and as on their identity document."),
        )


class ChildForm(forms.Form):
    name = ShortTextField(label=_("Child's name"), max_length=200)
    collectors = forms.CharField(
        label=_("Who may collect the child"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One name per line. Nobody else may take the child."),
    )
