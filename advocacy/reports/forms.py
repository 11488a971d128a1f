"""Asking for a period to be built (or rebuilt)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.formfields import ShortTextField

from ..statistics.periods import Period, PeriodRefused
from .scope import Scope


class BuildForm(forms.Form):
    """A closed week (centres only), month, quarter or year, and the version being
    replaced (empty when the period has no report yet): a second submit of the same
    form then finds that version already replaced and builds nothing."""

    period = ShortTextField(label=_("Period"), max_length=40)
    replacing = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope

    def clean_period(self) -> Period:
        try:
            return self.scope.closed_period(self.cleaned_data["period"])
        except PeriodRefused as refusal:
            raise forms.ValidationError(refusal.args[0]) from refusal
