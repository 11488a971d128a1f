"""Forms of the committee's meetings: the meeting, its seats present and minutes, and
each decision taken."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.dates import PlannedDateField, in_zone_of
from centres.formfields import ModelMultipleChoiceField, validator_bounds
from centres.local_time import today
from centres.numbers import figure

from .forms import label_seats
from .models import Decision, Meeting
from .models.meetings import MAX_MINUTES, held_seat_ids, seats_present_errors


def minutes_length(minutes: str) -> None:
    """At most `MAX_MINUTES` characters (the model's own limit), said in figures."""
    if len(minutes) > MAX_MINUTES:
        words = {"max": figure(MAX_MINUTES), "n": figure(len(minutes))}
        message = _("Minutes are at most %(max)s characters long: these are %(n)s.")
        raise forms.ValidationError(message % words, code="max_length")


class MeetingForm(forms.Form):
    held_on = PlannedDateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    seats_present = ModelMultipleChoiceField(
        label=_("Seats present"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    minutes = forms.CharField(
        label=_("Minutes the committee chooses to record"),
        required=False,
        validators=[minutes_length],
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_MINUTES}),
        help_text=_("Decisions and actions only; never who said what."),
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        in_zone_of(self, committee.centre)
        field = self.fields["seats_present"]
        field.queryset = committee.seats.all()  # checked against the meeting's date in clean
        label_seats(field, committee)
        # Offered: the seats held today; a seat vacant on the meeting's date is refused.
        held = held_seat_ids(committee, today(committee.centre))
        field.choices = [
            (seat.pk, field.label_from_instance(seat)) for seat in field.queryset if seat.pk in held
        ]

    def clean(self):
        """The meeting's rule (`Meeting.clean`, which `meeting_record` applies too)."""
        data = super().clean()
        try:
            Meeting(committee=self.committee, held_on=data.get("held_on")).clean()
        except forms.ValidationError as error:
            self.add_error(None, error)
        if "seats_present" in data:
            errors = seats_present_errors(
                data["seats_present"], committee=self.committee, held_on=data.get("held_on")
            )
            for field, messages in errors.items():
                self.add_error(field, messages)
        return data


class DecisionForm(forms.Form):
    motion = forms.CharField(label=_("Motion"), widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(
        label=_("For"), **validator_bounds(Decision._meta.get_field("votes_for"))
    )
    votes_against = forms.IntegerField(
        label=_("Against"), **validator_bounds(Decision._meta.get_field("votes_against"))
    )
    abstentions = forms.IntegerField(
        label=_("Abstentions"), **validator_bounds(Decision._meta.get_field("abstentions"))
    )
    text = forms.CharField(
        label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    review_on = PlannedDateField(
        label=_("Review on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        in_zone_of(self, meeting.committee.centre)

    def clean(self):
        """The decision's rules against its meeting (`Decision.clean`, which
        `decision_record` applies too), in the same round as the fields' own errors."""
        data = super().clean()
        fields = ("votes_for", "votes_against", "abstentions", "review_on")
        decision = Decision(meeting=self.meeting, **{name: data.get(name) for name in fields})
        try:
            decision.clean()
        except forms.ValidationError as error:
            self.add_error(None, error)
        return data
