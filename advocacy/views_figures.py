"""The centre's figures of grievance cases, as they may leave the centre: consenting
members' cases only, small cells hidden. Never a name, a code or a case reference."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.models import Centre

from .selectors import CaseAggregates, case_aggregates


class PeriodForm(forms.Form):
    since = forms.DateField(
        label=gettext_lazy("Opened from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("Opened until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned


@require_GET
@centre_view("advocacy.view_case_figures")
def case_figures(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = PeriodForm(request.GET)
    if form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    else:
        problems = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(
            request,
            _("Check the dates: %(problems)s These figures cover all cases.")
            % {"problems": problems},
        )
        form, since, until = PeriodForm(), None, None
    figures = case_aggregates(
        centre=centre,
        threshold=centre.programme.suppression_threshold,
        since=since,
        until=until,
    )
    return render(
        request,
        "advocacy/case_figures.html",
        {"centre": centre, "form": form, "figures": figures, "tables": _tables(figures)},
    )


def _tables(figures: CaseAggregates) -> list[dict]:
    """The breakdowns in the order the page shows them, each with its headings."""
    employer_help = _(
        "An employer or recruiter is named only with at least %(threshold)s counted cases; "
        "the others are counted together."
    ) % {"threshold": figures.threshold}
    return [
        {
            "id": "by-issue",
            "title": _("Cases by issue"),
            "column": _("Issue"),
            "rows": figures.by_issue_type,
            "help": _("A case can have several issues, so these do not add up to the cases."),
        },
        {
            "id": "by-status",
            "title": _("Cases by status"),
            "column": _("Status"),
            "rows": figures.by_status,
        },
        {
            "id": "by-outcome",
            "title": _("Resolved cases by outcome"),
            "column": _("Outcome"),
            "rows": figures.by_outcome,
        },
        {
            "id": "by-sector",
            "title": _("Cases by sector"),
            "column": _("Sector"),
            "rows": figures.by_sector,
        },
        {
            "id": "by-employer",
            "title": _("Cases by employer or recruiter"),
            "column": _("Employer or recruiter"),
            "rows": figures.by_employer,
            "help": employer_help,
        },
        {
            "id": "by-remedy",
            "title": _("Cases by remedy obtained"),
            "column": _("Remedy"),
            "rows": figures.remedies_by_kind,
            "help": _("A case can obtain several remedies."),
        },
    ]
