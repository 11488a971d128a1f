"""The centre's figures of grievance cases, as they may leave the centre: read from
the release of a closed month, quarter or year (advocacy.statistics), consenting
members' cases only, small cells hidden. Never a name, a code or a case reference."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.models import Centre
from centres.numbers import figure

from .statistics.labels import Labeller
from .views_released import chosen_release, magnitudes, no_figures_yet, table


@require_GET
@centre_view("advocacy.view_case_figures")
def case_figures(request: HttpRequest, centre: Centre) -> HttpResponse:
    form, chosen = chosen_release(request, centre)
    if chosen is None:
        return no_figures_yet(request, centre, form)
    name = Labeller(centre)
    cases = {"value": _("Cases")}
    employer_help = _(
        "An employer or recruiter is named only with at least %(threshold)s counted cases; "
        "the others are counted together."
    ) % {"threshold": figure(chosen.threshold)}
    tables = [
        table(
            chosen,
            "cases.issue",
            name,
            title=_("Cases by issue"),
            column=_("Issue"),
            help=_("A case can have several issues, so these do not add up to the cases."),
            **cases,
        ),
        table(
            chosen, "cases.status", name, title=_("Cases by status"), column=_("Status"), **cases
        ),
        table(
            chosen,
            "cases.outcome",
            name,
            title=_("Resolved and closed cases by outcome"),
            column=_("Outcome"),
            **cases,
        ),
        table(
            chosen, "cases.sector", name, title=_("Cases by sector"), column=_("Sector"), **cases
        ),
        table(
            chosen,
            "cases.employer",
            name,
            title=_("Cases by employer or recruiter"),
            column=_("Employer or recruiter"),
            help=employer_help,
            **cases,
        ),
        table(
            chosen,
            "cases.remedy",
            name,
            title=_("Cases by remedy obtained"),
            column=_("Remedy"),
            help=_("A case can obtain several remedies."),
            **cases,
        ),
    ]
    return render(
        request,
        "advocacy/case_figures.html",
        {
            "centre": centre,
            "form": form,
            "release": chosen,
            "total": chosen.value("cases.total", "cases"),
            "tables": tables,
            "magnitudes": magnitudes(chosen),
        },
    )
