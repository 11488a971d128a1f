"""A stored report as pages, PDFs and spreadsheets show it: tables named and titled,
grouped into sections, each with its chart. Names are looked up when shown (a report
stores ids and codes), in the reader's language."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from centres.models import Centre
from services.demand import Capacity

from ..charts import row_bar_chart
from ..statistics.labels import Labeller, period_name
from ..statistics.periods import Period
from ..statistics.schedule import not_released_yet
from .programme import COMPARED


def titles() -> dict[str, tuple[str, str]]:
    """Table → (title, heading of its rows). Tables the layer gains later are shown
    under their own name until they get a title here."""
    return {
        "visits.total": (_("People who came"), _("Counted")),
        "visits.members": (_("Different registered members who came"), _("Counted")),
        "visits.kind": (_("Registered or not"), _("Counted as")),
        "visits.gender": (_("Gender"), _("Gender")),
        "visits.age_band": (_("Age"), _("Age")),
        "visits.nationality": (_("Nationality"), _("Nationality")),
        "visits.purpose": (_("Why people came"), _("Purpose")),
        "visits.hour": (_("Hours of arrival"), _("Hour")),
        "visits.weekday": (_("Days of the week"), _("Day")),
        "use.people": (_("People at sessions, by kind of service"), _("Kind of service")),
        "use.total": (_("People at sessions"), _("Counted")),
        "requests.cell": (_("Requests by kind of service and status"), _("Request")),
        "requests.category": (_("Requests by kind of service"), _("Kind of service")),
        "requests.status": (_("Requests by status"), _("Status")),
        "requests.total": (_("Requests"), _("Counted")),
        "cases.total": (_("Grievance cases opened"), _("Counted")),
        "cases.issue": (_("Cases by issue"), _("Issue")),
        "cases.status": (_("Cases by status"), _("Status")),
        "cases.outcome": (_("Resolved and closed cases by outcome"), _("Outcome")),
        "cases.remedy": (_("Cases by remedy obtained"), _("Remedy")),
        "cases.sector": (_("Cases by sector"), _("Sector")),
        "cases.days": (_("Time to finish a case"), _("Figure")),
        "cases.wages": (_("Wages recovered"), _("Currency")),
        "feedback.responses": (_("Survey responses"), _("Counted")),
        "feedback.satisfaction": (_("Satisfaction ratings"), _("Rating")),
        "feedback.comments": (_("Comments"), _("Counted")),
        "feedback.sentiment": (_("Comments by sentiment"), _("Sentiment")),
        "feedback.theme": (_("Comments by theme"), _("Theme")),
    }


# Released by their own rules beside the counts (`statistics.magnitudes`): a figure that
# is not released is left out, never "hidden" (that would say it exists).
MAGNITUDES = frozenset({"cases.days", "cases.wages"})


def groups() -> dict[str, str]:
    return {
        "visits": _("Visits and visitors"),
        "use": _("Use of services against capacity"),
        "requests": _("Unmet demand: what workers asked for"),
        "cases": _("Grievances and remedies"),
        "feedback": _("Feedback themes and satisfaction"),
    }


# A table already shown in another form: requests by category × status is the
# category and status tables crossed; shown in spreadsheets, not twice on the page.
NOT_ON_PAGE = frozenset({"requests.cell"})


class Namer:
    """Names rows of one centre, or of every centre of a programme."""

    def __init__(self, centres: list[Centre]) -> None:
        self.labellers = Labeller.for_centres(centres)

    def __call__(self, table: str, label: str) -> str:
        if table == "cases.days":
            return _("Median days from opening to finishing")
        if table == "cases.wages":
            return label
        if table == "requests.cell" and "|" in label:
            category, status = label.split("|", 1)
            return f"{self('requests.category', category)} · {self('requests.status', status)}"
        if table in ("visits.purpose", "use.people", "requests.category") and label:
            for labeller in self.labellers:
                if label in labeller.categories:
                    return labeller.categories[label]
        return self.labellers[0](table, label) if self.labellers else label


def named_tables(contents: dict, namer: Namer) -> list[dict]:
    """Every table of the report, named: {"name", "id", "group", "title", "column",
    "rows": [{"label", "name", "values", "centres"?, "cells", "centre_cells"}]}, cells
    as `shown` gives them."""
    known = titles()
    unreleased = [n for n, c in enumerate(COMPARED) if c in contents.get("not_released", [])]
    tables = []
    for table in contents.get("tables", []):
        name = table["name"]
        title, column = known.get(name, (name, _("Row")))
        magnitude = name in MAGNITUDES
        rows = [
            {
                **row,
                "name": namer(name, row["label"]),
                "cells": shown(row["values"], {*row.get("absent", []), *unreleased}, magnitude),
                "centre_cells": shown(
                    row.get("centres", []), row.get("centres_absent", []), magnitude
                ),
            }
            for row in table["rows"]
        ]
        tables.append(
            {
                "name": name,
                "id": "table-" + name.replace(".", "-"),
                "group": name.split(".", 1)[0],
                "title": title,
                "column": column,
                "rows": rows,
                "magnitude": magnitude,
            }
        )
    return tables


FIGURE, HIDDEN, ABSENT = "figure", "hidden", "absent"


def shown(values: list, absent, magnitude: bool) -> list[dict]:
    """[{"value", "state"}] for each figure: FIGURE, HIDDEN (suppressed to protect a
    small group) or ABSENT (not in that release: a row it does not have, a period not
    released on its own, a magnitude not released), which reads "—". Reports stored
    before "absent" was recorded read a missing row as hidden."""
    absent = set(absent)

    def state(n: int, value) -> str:
        if value is not None:
            return FIGURE
        return ABSENT if magnitude or n in absent else HIDDEN

    return [{"value": v, "state": state(n, v)} for n, v in enumerate(values)]


def page_sections(contents: dict, namer: Namer) -> list[dict]:
    """Tables grouped as the report reads: visits, use, demand, grievances, feedback,
    then any group the layer gained later. Each table with its chart."""
    rtl = translation.get_language_bidi()
    titled = groups()
    sections: dict[str, dict] = {}
    for table in named_tables(contents, namer):
        if table["name"] in NOT_ON_PAGE:
            continue
        # A figure not in the release has no bar (a grey mark would say "hidden").
        chart_rows = [
            (row["name"], row["values"][0])
            for row in table["rows"]
            if row["cells"][0]["state"] != ABSENT
        ]
        # No chart across currencies, nor one with no bar to draw (every figure 0 or
        # hidden: the table says it in fewer lines).
        charted = (
            len(chart_rows) > 1 and not table["magnitude"] and any(count for _, count in chart_rows)
        )
        table["chart"] = row_bar_chart(chart_rows, rtl=rtl) if charted else None
        group = table["group"]
        section = sections.setdefault(
            group, {"id": "group-" + group, "title": titled.get(group, group), "tables": []}
        )
        section["tables"].append(table)
    order = list(titled)
    return sorted(sections.values(), key=lambda s: (s["id"][6:] not in order, _index(order, s)))


def _index(order: list[str], section: dict) -> int:
    group = section["id"][6:]
    return order.index(group) if group in order else 0


def use_rows(contents: dict, namer: Namer) -> list[dict]:
    """People at sessions against the places offered, per kind of service: [{"name",
    "sessions", "places", "people", "capacity": services.demand.Capacity}] (more people
    than places is said in words, never a percentage over 100)."""
    facts = contents.get("facts", {}).get("current", {})
    rows = []
    for table in contents.get("tables", []):
        if table["name"] != "use.people":
            continue
        for row in table["rows"]:
            offer = facts.get(row["label"], {"sessions": 0, "places": 0})
            people = row["values"][0]
            if not offer["sessions"] and not people:
                continue
            rows.append({"name": namer("use.people", row["label"]), "people": people,
                         "capacity": Capacity(people, offer["places"]), **offer})  # fmt: skip
    return rows


def not_released(contents: dict) -> list[str]:
    """Why a column has no figures (or the report none at all): each compared period
    that ended before the records begin, or that the layer does not release on its
    own, a week with days in two calendar years; first, on a page, each compared
    period some centre's release of which is not stored yet ("waiting")."""
    compared = dict(zip(COMPARED, contents.get("compared", []), strict=False))
    before = contents.get("before_records", [])
    waiting = [
        not_released_yet(Period.parse(compared[name]))
        for name in contents.get("waiting", [])
        if name in compared
    ]
    return waiting + [
        (
            _("There are no figures for %(period)s: it ended before the records begin.")
            % {"period": period_name(compared[name])}
            if name in before
            else _(
                "%(week)s has days in two calendar years, so its figures are not released "
                "on their own: they are in December's and January's."
            )
            % {"week": period_name(compared[name])}
        )
        for name in contents.get("not_released", [])
        if name in compared
    ]
