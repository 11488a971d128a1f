"""The form recording a draw by lot that broke a tie at the last winning place."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from centres.formfields import ShortTextField
from centres.numbers import figure

from .models import BallotOption, TieDraw


class TieDrawForm(forms.Form):
    drawn_by = ShortTextField(
        label=capfirst(TieDraw._meta.get_field("drawn_by").verbose_name),
        max_length=TieDraw._meta.get_field("drawn_by").max_length,
        help_text=TieDraw._meta.get_field("drawn_by").help_text,
    )
    winners = forms.MultipleChoiceField(
        label=_("Which tied option won the draw"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, tie: dict, options: dict[str, BallotOption], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["winners"]
        field.choices = [
            (key, options[key].shown_label) for key in tie["options"] if key in options
        ]
        if tie["places"] == 1:
            # One place left: one option wins it.
            field.widget = forms.RadioSelect(choices=field.choices)
            self.fields["winners"] = forms.ChoiceField(
                label=field.label, choices=field.choices, widget=field.widget
            )
        else:
            field.label = _("Which %(n)s tied options won the draw") % {"n": figure(tie["places"])}

    def picked(self) -> list[str]:
        value = self.cleaned_data["winners"]
        return [value] if isinstance(value, str) else list(value)
