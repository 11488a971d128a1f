"""How the rows of a release are named on a page. Employers and categories are named by
the release's own labels (ids), looked up here, so a release never stores a name."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from centres.categories import ServiceCategory
from members.models import AgeBand, Gender, Sector
from services.models import RequestStatus

from ..models import Employer, IssueType, Outcome, RemedyKind, Status
from .tables import OTHER

WEEKDAYS = {
    "1": pgettext_lazy("weekday", "Monday"),
    "2": pgettext_lazy("weekday", "Tuesday"),
    "3": pgettext_lazy("weekday", "Wednesday"),
    "4": pgettext_lazy("weekday", "Thursday"),
    "5": pgettext_lazy("weekday", "Friday"),
    "6": pgettext_lazy("weekday", "Saturday"),
    "7": pgettext_lazy("weekday", "Sunday"),
}
CHOICES = {
    "visits.gender": Gender,
    "visits.age_band": AgeBand,
    "requests.status": RequestStatus,
    "cases.status": Status,
    "cases.outcome": Outcome,
    "cases.sector": Sector,
    "cases.issue": IssueType,
    "cases.remedy": RemedyKind,
}


class Labeller:
    """Names rows for one centre; reads categories and employers once."""

    def __init__(self, centre) -> None:
        self.categories = {
            str(c.pk): str(c.name) for c in ServiceCategory.objects.for_centre(centre)
        }
        self._employers: dict[str, str] | None = None
        self.centre = centre

    def employers(self) -> dict[str, str]:
        if self._employers is None:
            self._employers = {
                str(pk): name
                for pk, name in Employer.objects.filter(centre=self.centre).values_list(
                    "pk", "name"
                )
            }
        return self._employers

    def __call__(self, table: str, label: str) -> str:
        if label == OTHER:
            return _("Others, counted together")
        if label == "":
            return (
                _("No kind of service named") if table.startswith("requests") else _("Not recorded")
            )
        if table == "visits.hour":
            hour = int(label)
            return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"
        if table == "visits.weekday":
            return str(WEEKDAYS.get(label, label))
        if table == "visits.kind":
            return _("Counted without a name") if label == "anonymous" else _("Registered members")
        if table in CHOICES:
            choices = dict(CHOICES[table].choices)
            return str(choices.get(label, label))
        if table in ("visits.purpose", "use.people", "requests.category"):
            return self.categories.get(label, _("Another kind of service"))
        if table == "cases.employer":
            return self.employers().get(label, _("Another employer"))
        return label


def display(table: str, label: str, centre) -> str:
    return Labeller(centre)(table, label)
