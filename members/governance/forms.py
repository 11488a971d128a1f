"""Forms of self-governance: a ballot, a vote, and the manager's response to a priority."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Ballot, BallotMethod, PriorityResponse


class BallotForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Options, one a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Services from the catalogue, what workers asked for, or your own wording."),
    )

    class Meta:
        model = Ballot
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
        widgets = {
            "roll_date": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Priority ballots: STV elects several people; it is offered for elections only.
        self.fields["method"].choices = [
            c for c in BallotMethod.choices if c[0] != BallotMethod.STV
        ]

    def clean_options(self) -> list[str]:
        labels = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        labels = [label[:200] for label in labels if label]
        if len(labels) < 2:
            raise forms.ValidationError(_("Give at least two options."))
        if len({label.lower() for label in labels}) != len(labels):
            raise forms.ValidationError(_("Each option only once."))
        return labels

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Voting must close after it opens."))
        if data.get("method") == BallotMethod.APPROVAL and not data.get("max_choices"):
            self.add_error("max_choices", _("Say how many options a voter may choose."))
        return data


class VoteForm(forms.Form):
    """Approval and plurality: tick boxes or one choice. Ranked: a choice per place."""

    def __init__(self, *args, ballot: Ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot
        options = [(o.pk, o.label) for o in ballot.options.all()]
        if ballot.method == BallotMethod.APPROVAL:
            self.fields["choices"] = forms.MultipleChoiceField(
                label=_("Choose up to %(k)d") % {"k": ballot.max_choices},
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
                    label=_("Choice number %(n)d") % {"n": place},
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


class ResponseForm(forms.ModelForm):
    class Meta:
        model = PriorityResponse
        fields = ["status", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("status") == "not_possible" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why it is not possible."))
        return data
