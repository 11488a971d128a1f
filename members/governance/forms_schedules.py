"""Forms to reschedule a ballot or an election before voting opens. They only read
the times; the rules are the actions' (`actions.schedules`), shown beside each field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.dates import PlannedDateField, PlannedDateTimeField, in_zone_of

from .models import Ballot, Election

# A datetime-local input shows (and sends) this form only.
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def _when(label) -> PlannedDateTimeField:
    return PlannedDateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
    )


def _day(label) -> PlannedDateField:
    return PlannedDateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class BallotScheduleForm(forms.Form):
    roll_date = _when(_("Registered before"))
    opens_at = _when(_("Voting opens"))
    closes_at = _when(_("Voting closes"))

    def __init__(self, *args, ballot: Ballot, **kwargs):
        kwargs.setdefault(
            "initial",
            {name: getattr(ballot, name) for name in ("roll_date", "opens_at", "closes_at")},
        )
        super().__init__(*args, **kwargs)
        in_zone_of(self, ballot.committee.centre)
        if ballot.roll_frozen_at is not None:
            del self.fields["roll_date"]  # frozen with the roll


ELECTION_TIMES = ("nominations_open_at", "nominations_close_at", "term_starts_on", "term_ends_on")


class ElectionScheduleForm(forms.Form):
    nominations_open_at = _when(_("Nominations open"))
    nominations_close_at = _when(_("Nominations close"))
    opens_at = _when(_("Voting opens"))
    closes_at = _when(_("Voting closes"))
    term_starts_on = _day(_("Term starts"))
    term_ends_on = _day(_("Term ends"))

    def __init__(self, *args, election: Election, **kwargs):
        initial = {name: getattr(election, name) for name in ELECTION_TIMES}
        initial |= {"opens_at": election.ballot.opens_at, "closes_at": election.ballot.closes_at}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        in_zone_of(self, election.ballot.committee.centre)


class BallotCloseForm(forms.Form):
    """The confirmation of a close; with `early` (voting still open), the committee's
    reason, which members read beside the result."""

    reason = forms.CharField(
        label=_("Why does voting end before its closing time?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Members read this beside the result. Name nobody."),
    )

    def __init__(self, *args, early: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not early:
            del self.fields["reason"]
