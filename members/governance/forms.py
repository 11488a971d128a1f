"""Forms of self-governance: a ballot, a vote, and the manager's response to a priority."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.dates import PlannedDateField, PlannedDateTimeField, in_zone_of
from centres.formfields import (
    ModelForm,
    ModelMultipleChoiceField,
    ShortTextField,
    bounded_formfield,
    validator_bounds,
)
from centres.local_time import zone_of
from centres.numbers import figure, lazy_text, megabytes
from centres.text import typed_text

from .models import (
    Ballot,
    BallotMethod,
    BallotOption,
    OptionSource,
    PriorityResponse,
)
from .models.ballot_rules import (
    limits_errors,
    merge_errors,
    option_count_errors,
    voting_window_errors,
    windows_ended_errors,
)
from .models.elections import check_election, held_seats_errors
from .pictures import MAX_UPLOAD_BYTES, clean_picture, too_large
from .selectors import seats_with_holders


def label_seats(field: forms.ModelMultipleChoiceField, committee) -> None:
    """Tell the committee's seats apart where they are ticked: two seats both titled
    "Member" read "Seat 4: Member, held by Sita" and "Seat 5: Member, vacant"."""
    labels = {}
    for number, (seat, term) in enumerate(seats_with_holders(committee), start=1):
        words = {"n": figure(number), "seat": seat.label}
        if term is None:
            labels[seat.pk] = _("Seat %(n)s: %(seat)s, vacant") % words
        else:
            words["holder"] = term.public_name
            labels[seat.pk] = _("Seat %(n)s: %(seat)s, held by %(holder)s") % words
    field.label_from_instance = lambda seat: labels.get(seat.pk, seat.label)


class BallotForm(ModelForm):
    """A priority ballot. Its options: services from the catalogue, kinds of service
    workers asked for (`option_sources`), and the committee's own wording."""

    from_catalogue = forms.MultipleChoiceField(
        label=_("Services from the catalogue"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    from_requests = forms.MultipleChoiceField(
        label=_("What workers asked for"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    options = forms.CharField(
        label=_("Options in your own words, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = Ballot
        formfield_callback = bounded_formfield  # min and max as `Ballot`'s validators say
        fields = [
            "question",
            "description",
            "method",
            "max_choices",
            "seats",
            "electorate",
            "roll_date",
            "visit_within_months",
            "opens_at",
            "closes_at",
        ]
        field_classes = {
            "roll_date": PlannedDateTimeField,
            "opens_at": PlannedDateTimeField,
            "closes_at": PlannedDateTimeField,
        }
        widgets = {
            "roll_date": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, suggestions: dict[str, list[str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Priority ballots: STV elects several people; it is offered for elections only.
        self.fields["method"].choices = [
            c for c in BallotMethod.choices if c[0] != BallotMethod.STV
        ]
        suggestions = suggestions or {}
        for name, source in (
            ("from_catalogue", OptionSource.CATALOGUE),
            ("from_requests", OptionSource.REQUESTS),
        ):
            labels = suggestions.get(source, [])
            if labels:
                self.fields[name].choices = [(label, label) for label in labels]
            else:
                del self.fields[name]

    def ballot_options(self) -> list[tuple[str, str]]:
        """(label, source) of every option chosen or written, each label once."""
        return self.cleaned_data.get("ballot_options", [])

    def clean(self):
        data = super().clean()
        chosen = [(label, OptionSource.CATALOGUE) for label in data.get("from_catalogue", [])]
        chosen += [(label, OptionSource.REQUESTS) for label in data.get("from_requests", [])]
        chosen += [(label, OptionSource.COMMITTEE) for label in self._written_options(data)]
        seen: set[str] = set()
        for label, _source in chosen:
            if label.lower() in seen:
                self.add_error("options", _("Each option only once."))
                break
            seen.add(label.lower())
        if len(chosen) < 2:
            self.add_error("options", _("Give at least two options."))
        for field, messages in option_count_errors(len(chosen)).items():
            self.add_error(field, messages)
        data["ballot_options"] = chosen
        # The rules `ballot_create` applies against the options and the clock, in the
        # same round; the ballot's own rules (voting window, approval's number of
        # choices) are `Ballot.clean`, which the model form runs next.
        errors = voting_window_errors(data.get("opens_at"), data.get("closes_at"))
        merge_errors(errors, windows_ended_errors(timezone.now(), closes_at=data.get("closes_at")))
        limits = {name: data.get(name) for name in ("method", "max_choices", "seats")}
        merge_errors(errors, limits_errors(**limits, options=len(chosen)))
        for field, messages in errors.items():
            if field not in self.errors:
                self.add_error(field, messages)
        return data

    def _written_options(self, data) -> list[str]:
        """The committee's own options, one a line, each cleaned as the question is
        (`typed_text`); a line that shows nothing is an empty one. A line longer than
        an option's label holds is refused by its number, never cut short."""
        longest = BallotOption._meta.get_field("label").max_length
        written = []
        for number, line in enumerate((data.get("options") or "").splitlines(), start=1):
            label = typed_text(line)
            if len(label) > longest:
                words = {"n": figure(number), "length": figure(len(label))}
                words["max"] = figure(longest)
                message = _(
                    "Line %(n)s is %(length)s characters long: an option has at most "
                    "%(max)s. Shorten it, or put the details in the explanation."
                )
                self.add_error("options", message % words)
            elif label:
                written.append(label)
        return written

    def _post_clean(self):
        """One message per field: a field whose input was refused is not also told
        what the ballot's rules say of it (a 0 that did not pass is not "missing")."""
        super()._post_clean()
        for errors in self.errors.values():
            del errors[1:]


class VoteForm(forms.Form):
    """Approval and plurality: tick boxes or one choice. Ranked: a choice per place."""

    def __init__(self, *args, ballot: Ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot
        options = [(o.pk, o.shown_label) for o in ballot.options.all()]
        if ballot.method == BallotMethod.APPROVAL:
            self.fields["choices"] = forms.MultipleChoiceField(
                label=_("Choose up to %(k)s") % {"k": figure(ballot.max_choices)},
                choices=options,
                widget=forms.CheckboxSelectMultiple,
            )
        elif ballot.method == BallotMethod.PLURALITY:
            self.fields["choices"] = forms.ChoiceField(
                label=_("Choose one"), choices=options, widget=forms.RadioSelect
            )
        else:
            blank = [("", _("— no further choice —"))]
            for place in range(1, len(options) + 1):
                self.fields[f"rank_{place}"] = forms.ChoiceField(
                    label=_("Choice number %(n)s") % {"n": figure(place)},
                    choices=blank + options,
                    required=place == 1,
                )

    def chosen(self) -> list[str]:
        data = self.cleaned_data
        if "choices" in data:
            value = data["choices"]
            return list(value) if isinstance(value, list) else [value]
        ranks = [data.get(f"rank_{n}") for n in range(1, len(self.fields) + 1)]
        chosen = []
        for value in ranks:
            if not value:
                break
            chosen.append(value)
        return chosen


class ResponseForm(ModelForm):
    class Meta:
        formfield_callback = bounded_formfield  # short texts without direction controls
        model = PriorityResponse
        fields = ["status", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        # "Not possible" needs a reason: `PriorityResponse.clean`, run by the model form.


ELECTION_DATES = (
    "nominations_open_at",
    "nominations_close_at",
    "opens_at",
    "closes_at",
    "term_starts_on",
    "term_ends_on",
)


class ElectionForm(forms.Form):
    title = ShortTextField(label=_("Title"), max_length=300)
    seats = ModelMultipleChoiceField(
        label=_("Seats to fill"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    method = forms.ChoiceField(label=_("Counting method"), choices=BallotMethod.choices)
    returning_officer = forms.ModelChoiceField(label=_("Returning officer"), queryset=None)
    nominations_open_at = PlannedDateTimeField(
        label=_("Nominations open"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    nominations_close_at = PlannedDateTimeField(
        label=_("Nominations close"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    opens_at = PlannedDateTimeField(
        label=_("Voting opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = PlannedDateTimeField(
        label=_("Voting closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    term_starts_on = PlannedDateField(
        label=_("Term starts"), widget=forms.DateInput(attrs={"type": "date"})
    )
    term_ends_on = PlannedDateField(
        label=_("Term ends"), widget=forms.DateInput(attrs={"type": "date"})
    )
    visit_within_months = forms.IntegerField(
        label=_("Voters must have visited in the last (months)"),
        required=False,
        **validator_bounds(Ballot._meta.get_field("visit_within_months")),
    )

    def __init__(self, *args, committee, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone_of(committee.centre)
        self.committee = committee
        in_zone_of(self, committee.centre)
        self.fields["seats"].queryset = committee.seats.all()
        label_seats(self.fields["seats"], committee)
        self.fields["returning_officer"].queryset = officers

    def clean(self):
        """The election's rules (`check_election` and `held_seats_errors`, which
        `election_create` applies too): a method that fits the seats, the order of the
        dates, and no seat held during the term, every broken rule at once, each error
        beside its field."""
        data = super().clean()
        seats = data.get("seats")
        try:
            check_election(
                zone=self.zone,
                term_months=self.committee.term_months,
                seat_count=len(seats) if seats else None,
                method=data.get("method"),
                now=timezone.now(),
                **{name: data.get(name) for name in ELECTION_DATES},
            )
        except forms.ValidationError as error:
            self.add_error(None, error)
        if seats and "seats" not in self.errors:
            terms = (data.get("term_starts_on"), data.get("term_ends_on"))
            for message in held_seats_errors(seats, *terms).get("seats", []):
                self.add_error("seats", message)
        return data


class CandidacyForm(forms.Form):
    """What a candidate stands under, chosen by the candidate herself: the name on the
    ballot, a statement and a picture."""

    display_name = ShortTextField(label=_("Name on the ballot"), max_length=100)
    statement = forms.CharField(
        label=_("A short statement"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    picture = forms.FileField(
        label=_("A picture, so that voters recognise the candidate (optional)"),
        required=False,
        help_text=lazy_text(
            lambda: (
                _("A JPEG, PNG or WebP image of at most %(size)s MB.")
                % {"size": megabytes(MAX_UPLOAD_BYTES)}
            )
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_picture(self) -> bytes | None:
        upload = self.cleaned_data.get("picture")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise too_large()
        data = upload.read()
        clean_picture(data)  # refuse it here, next to the field
        return data


class NominationForm(CandidacyForm):
    """Stand yourself (code left empty, with your ballot name), or nominate someone else
    by code alone: she chooses her own ballot name, statement and picture on accepting."""

    code = ShortTextField(
        label=_("Member code of the person to nominate (leave empty to stand yourself)"),
        help_text=_(
            "The person you nominate is asked privately, and chooses her own name on the "
            "ballot, statement and picture if she accepts."
        ),
        max_length=20,
        required=False,
    )
    field_order = ["code", "display_name", "statement", "picture"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = False
        self.fields["display_name"].label = _("Name on the ballot, if you stand yourself")

    def clean(self):
        data = super().clean()
        if data.get("code"):
            if data.get("display_name") or data.get("statement") or data.get("picture"):
                self.add_error(
                    None,
                    _(
                        "Leave the name, statement and picture empty when you nominate "
                        "someone else: she chooses her own if she accepts."
                    ),
                )
        elif "display_name" in data and not data["display_name"]:
            self.add_error("display_name", _("Give the name you stand under."))
        return data
