"""How the rows of a release are named on a page. Employers and categories are named by
the release's own labels (ids), looked up here, so a release never stores a name."""

from __future__ import annotations

from django.db.models import Q
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from centres.categories import ServiceCategory
from members.models import AgeBand, Gender, Sector
from services.models import RequestStatus

from ..feedback.forms import FACES
from ..feedback.models import Sentiment, ThemeCode
from ..models import Employer, IssueType, Outcome, RemedyKind, Status
from .periods import Period, PeriodKind, PeriodRefused
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
    "feedback.sentiment": Sentiment,
    "feedback.theme": ThemeCode,
}


# Tables of one row, the total, stored under a key ("people", "cases"…).
TOTALS = frozenset(
    {
        "visits.total",
        "visits.members",
        "use.total",
        "cases.total",
        "requests.total",
        "feedback.responses",
        "feedback.comments",
    }
)


class Labeller:
    """Names rows for one centre; reads categories and employers once."""

    def __init__(self, centre, categories=None) -> None:
        if categories is None:
            categories = ServiceCategory.objects.for_centre(centre)
        self.categories = {str(c.pk): str(c.name) for c in categories}
        self._employers: dict[str, str] | None = None
        self.centre = centre

    @classmethod
    def for_centres(cls, centres) -> list[Labeller]:
        """One labeller per centre, their kinds of service read in one query."""
        shared_or_own = ServiceCategory.objects.filter(
            Q(centre__isnull=True) | Q(centre__in=[centre.pk for centre in centres])
        )
        rows = list(shared_or_own)
        return [
            cls(centre, [c for c in rows if c.centre_id in (None, centre.pk)]) for centre in centres
        ]

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
        if table in TOTALS:
            return _("Total")
        if label == OTHER:
            return _("Others, counted together")
        if label == "":
            if table == "feedback.sentiment":
                return _("Not coded yet")
            return (
                _("No kind of service named") if table.startswith("requests") else _("Not recorded")
            )
        if table == "feedback.satisfaction":
            return f"{label} · {dict(FACES).get(label, label)}"
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


def period_name(period) -> str:
    """A period in words in the active language: "March 2026", "Q1 2026", "2026", and
    a week with its days, "Week 47, 2026: 16–22 Nov" (`week_days`). A Period or its
    key; anything else is returned as it is."""
    if not isinstance(period, Period):
        try:
            period = Period.parse(str(period))
        except PeriodRefused:
            return str(period)
    if period.kind is PeriodKind.MONTH:
        return date_format(period.first, "YEAR_MONTH_FORMAT")
    if period.kind is PeriodKind.QUARTER:
        return _("Q%(quarter)s %(year)s") % {
            "quarter": (period.first.month - 1) // 3 + 1,
            "year": period.first.year,
        }
    if period.kind is PeriodKind.WEEK:
        iso = period.first.isocalendar()
        return _("Week %(week)s, %(year)s: %(days)s") % {
            "week": iso.week,
            "year": iso.year,
            "days": week_days(period),
        }
    return str(period.first.year)


def week_days(period: Period) -> str:
    """A week's first and last days, short, in the language's month-and-day format
    (`MONTH_DAY_FORMAT` with the month's short name): "16–22 Nov", and across two
    months "30 Mar – 5 Apr". Short because a page names three weeks side by side
    on a phone."""
    short = get_format("MONTH_DAY_FORMAT").replace("F", "M")
    first, last = period.first, period.last
    if first.month == last.month and short.startswith("j"):
        return f"{first.day}–{date_format(last, short)}"
    return f"{date_format(first, short)} – {date_format(last, short)}"
