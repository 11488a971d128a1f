"""Figures as they leave the staff: one closed week, month, quarter or year of the centre,
read from its release (advocacy.statistics). The committee, the programme coordinator
and the staff all see the same figures for the same period."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.models import Centre
from services.demand import Capacity

from .statistics.beginnings import first_day
from .statistics.labels import Labeller, period_name
from .statistics.models import Release
from .statistics.periods import PeriodKind, PeriodRefused, centre_zone, outward_period
from .statistics.schedule import OFFERED, not_released_yet, offered_periods, stored_release

# The periods offered: those released on schedule (one constant, `schedule.OFFERED`).
PERIOD_CHOICES = OFFERED


class ReleasePeriodForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)

    def __init__(self, *args, centre: Centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = offered_periods(centre)
        # The closed period chosen whose release is not stored yet (`chosen_release`).
        self.not_released: str = ""
        groups = {
            PeriodKind.MONTH: gettext_lazy("Months"),
            PeriodKind.WEEK: gettext_lazy("Weeks"),
            PeriodKind.QUARTER: gettext_lazy("Quarters"),
            PeriodKind.YEAR: gettext_lazy("Years"),
        }
        self.fields["period"].choices = [
            (
                groups[kind],
                [(p.key, period_name(p)) for p in self.periods if p.kind is kind],
            )
            for kind, _count in PERIOD_CHOICES
        ]
        chosen = self.data.get("period") or (self.periods[0] if self.periods else "")
        self.period_label = period_name(chosen) if chosen else ""


def chosen_release(
    request: HttpRequest, centre: Centre
) -> tuple[ReleasePeriodForm, Release | None]:
    """The stored release of the period asked for, or of the last closed month (with a
    message saying why) when the period may not be released. Never releases one (the
    hourly schedule does: `statistics.schedule`): None while no period has ended since
    the centre began, or, with `form.not_released` saying so, while the chosen period's
    release is not stored yet."""
    form = ReleasePeriodForm(request.GET, centre=centre)
    if not form.periods:
        return form, None
    zone = centre_zone(centre)
    since, now = first_day([centre], zone), timezone.now()
    try:
        period = outward_period(
            request.GET.get("period") or form.periods[0], zone=zone, now=now, since=since
        )
    except PeriodRefused as refusal:
        messages.error(request, str(refusal))
        period = form.periods[0]
    key = period.key  # as typed ("2026-w47"), named as the list names it
    form = ReleasePeriodForm({"period": key}, centre=centre)
    if key not in {p.key for p in form.periods}:
        form.fields["period"].choices.append((key, period_name(key)))
    chosen = stored_release(centre, period)
    if chosen is None:
        form.not_released = not_released_yet(period)
    return form, chosen


def no_figures_yet(
    request: HttpRequest, centre: Centre, form: ReleasePeriodForm | None = None
) -> HttpResponse:
    """A centre that began after the last closed week has no figures to release yet;
    with a `form` whose period is not released yet, the form and that notice."""
    return render(
        request,
        "advocacy/no_figures_yet.html",
        {"centre": centre, "form": form, "not_released": form.not_released if form else ""},
    )


def magnitudes(chosen: Release) -> dict:
    """Time to finish a case and wages recovered, as released (`statistics.magnitudes`),
    for `_released_magnitudes.html`; amounts grouped by the reader's language."""
    released = chosen.magnitudes
    return {
        "available": bool(released),
        "median": released.get("cases.days", {}).get("median"),
        "wages": [
            (currency, number_format(amount, force_grouping=True))
            for currency, amount in sorted(released.get("cases.wages", {}).items())
        ],
    }


def table(chosen: Release, name: str, labeller: Labeller, **headings) -> dict:
    """One table of the release, its rows named, for `_released_table.html`."""
    rows = [(labeller(name, label), count) for label, count in chosen.table(name).items()]
    return {"id": name.replace(".", "-"), "rows": rows, **headings}


@require_GET
@centre_view("advocacy.view_released_figures")
def released_figures(request: HttpRequest, centre: Centre) -> HttpResponse:
    form, chosen = chosen_release(request, centre)
    if chosen is None:
        return no_figures_yet(request, centre, form)
    name = Labeller(centre)
    people = {"value": _("People")}
    tables = [
        table(
            chosen,
            "visits.kind",
            name,
            title=_("Registered or not"),
            column=_("Counted as"),
            **people,
        ),
        table(chosen, "visits.hour", name, title=_("Hours of arrival"), column=_("Hour"), **people),
        table(
            chosen, "visits.weekday", name, title=_("Days of the week"), column=_("Day"), **people
        ),
        table(chosen, "visits.gender", name, title=_("Gender"), column=_("Gender"), **people),
        table(chosen, "visits.age_band", name, title=_("Age"), column=_("Age"), **people),
        table(
            chosen,
            "visits.nationality",
            name,
            title=_("Nationality"),
            column=_("Nationality"),
            help=_("A nationality is named only when enough people share it."),
            **people,
        ),
        table(
            chosen,
            "visits.purpose",
            name,
            title=_("Why people came"),
            column=_("Purpose"),
            help=_("A visit can have several purposes, or none recorded."),
            **people,
        ),
    ]
    use = _use_rows(chosen, name)
    return render(
        request,
        "advocacy/released_figures.html",
        {
            "centre": centre,
            "form": form,
            "release": chosen,
            "tables": tables,
            "people": chosen.value("visits.total", "people"),
            "members": chosen.value("visits.members", "members"),
            "use": use,
            "use_over": any(row["capacity"].over for row in use),
            "demand": _demand_rows(chosen, name),
            "magnitudes": magnitudes(chosen),
        },
    )


def _use_rows(chosen: Release, name: Labeller) -> list[dict]:
    rows = []
    for label, people in chosen.table("use.people").items():
        facts = chosen.facts.get(label, {"sessions": 0, "places": 0})
        if not facts["sessions"] and people == 0:
            continue
        capacity = Capacity(people, facts["places"])
        rows.append(
            {"name": name("use.people", label), "people": people, "capacity": capacity, **facts}
        )
    return rows


def _demand_rows(chosen: Release, name: Labeller) -> dict:
    cells = chosen.table("requests.cell")
    statuses = list(chosen.table("requests.status"))
    rows = [
        {
            "name": name("requests.category", category),
            "cells": [cells.get(f"{category}|{status}") for status in statuses],
            "all": count,
        }
        for category, count in chosen.table("requests.category").items()
    ]
    return {
        "statuses": [name("requests.status", status) for status in statuses],
        "rows": rows,
        "totals": list(chosen.table("requests.status").values()),
        "all": chosen.value("requests.total", "all"),
    }
