"""Standard reporting periods (ISO week, calendar month, quarter, year) in a centre's
local time, and the rules for which of them may be released outside the staff.

Figures leave the staff only for *closed, standard* periods: an ISO week, a calendar
month, quarter or year that has ended in the centre's time zone. Anything else (an
open period "up to now", a custom or shifted range) could be differenced against
another release to isolate a few people, so it is refused with `PeriodRefused`.

Weeks straddle months, so the finest pieces every released period is made of are
*segments*: a year cut at every month and every ISO week boundary (a week is one or
two segments, a month four to six). `Period.segments()` gives them; the auditor
reasons about segments, so "a month minus its whole weeks" is a sum it sees.

No Django model is imported here; the one reference to a centre is `centre_zone`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from centres.local_time import zone_of
from centres.numbers import figure
from centres.templatetags.bidi import ltr


class PeriodRefused(ValueError):
    """The period cannot be released to this audience (open, custom, shifted, or a
    week across the new year). The message is meant for the person who asked, and is
    translated."""


class BeforeRecords(PeriodRefused):
    """The period ended before the centre's (or programme's) records begin: it has no
    figures, not zeros; a report's column comparing with it reads "—"."""


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


# Kinds released outside the staff. Each is a sum of segments (week ∩ month) of one
# calendar year, so every release of one year forms one family the auditor can check
# as a whole (a week that crosses the new year is refused when released: see
# `Period.crosses_year`).
OUTWARD_KINDS = (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)

# A key as people type it, once `typed` has tidied it: "2026", "2026-03" or "2026 3",
# "2026-Q1" or "2026Q1", "2026-W05" or "2026 W5". Ranges are checked by the constructors.
_KEY = re.compile(
    r"^([0-9]{4})(?:[-\s]+([0-9]{1,2})|[-\s]*Q[-\s]*([0-9])|[-\s]*W[-\s]*([0-9]{1,2}))?$",
    re.ASCII,
)
# A period's key where a sentence gives one as an example: "2026-W05", "2026-03",
# "2026-Q1", "2026".
_EXAMPLE_KEY = re.compile(
    r"(?<![0-9A-Za-z])[0-9]{4}(?:-(?:W[0-9]{2}|Q[0-9]|[0-9]{2}))?(?![0-9A-Za-z])"
)
# Years a period may name: its comparisons reach a year back, and Python's dates end at 9999.
YEARS = range(1900, 9999)


def typed(key: str) -> str:
    """`key` as the parser reads it: compatibility forms folded (NFKC), digits of any
    script as ASCII digits ("٢٠٢٦" is 2026), any dash as "-", spaces at the ends and NUL
    bytes dropped, letters upper-case ("2026-w47" is "2026-W47")."""
    text = unicodedata.normalize("NFKC", str(key or "")).replace("\x00", "")
    return "".join(_typed_char(c) for c in text).strip().upper()


def _typed_char(c: str) -> str:
    if c.isdecimal():
        return str(unicodedata.decimal(c))
    return "-" if unicodedata.category(c) == "Pd" or c == "\u2212" else c


def centre_zone(centre) -> tzinfo:
    """The IANA time zone a centre's (or a programme's) periods are cut in: its own,
    as `centres.local_time.zone_of` decides for everything shown at the centre."""
    return zone_of(centre)


@dataclass(frozen=True, order=True)
class Period:
    """A standard period of local calendar days: `first` included, `end` excluded.
    Build it with `week`, `month`, `quarter`, `year`, `containing` or `parse`, never
    from arbitrary dates (see `from_dates`)."""

    first: date
    end: date
    kind: PeriodKind

    # --- construction ----------------------------------------------------------
    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year + 1, 1, 1), PeriodKind.YEAR)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise PeriodRefused(
                _("A quarter is numbered %(first)s to %(last)s.")
                % {"first": figure(1), "last": figure(4)}
            )
        first = date(year, 3 * quarter - 2, 1)
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        return cls(first, end, PeriodKind.QUARTER)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise PeriodRefused(
                _("A month is numbered %(first)s to %(last)s.")
                % {"first": figure(1), "last": figure(12)}
            )
        end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return cls(date(year, month, 1), end, PeriodKind.MONTH)

    @classmethod
    def week(cls, iso_year: int, week: int) -> Period:
        """ISO 8601 week: Monday to Sunday; week 1 holds the year's first Thursday."""
        try:
            first = date.fromisocalendar(iso_year, week, 1)
        except ValueError as error:
            raise PeriodRefused(_("There is no such week.")) from error
        return cls(first, first + timedelta(days=7), PeriodKind.WEEK)

    @classmethod
    def containing(cls, kind: PeriodKind | str, day: date) -> Period:
        kind = PeriodKind(kind)
        if kind is PeriodKind.WEEK:
            iso = day.isocalendar()
            return cls.week(iso.year, iso.week)
        if kind is PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind is PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.year(day.year)

    @classmethod
    def parse(cls, key: str, *, kinds: Iterable[PeriodKind] = OUTWARD_KINDS) -> Period:
        """From its key: "2026", "2026-Q1", "2026-03" or "2026-W05", typed in any case,
        with spaces or another dash between the parts, a one-digit month or week, or
        digits of another script (`typed`): "2026-w47", " 2026 W47 ", "٢٠٢٦-٠٣".
        Raises PeriodRefused for anything else, and for a year outside `YEARS`; the
        message for a key of no shape gives examples of `kinds` only (the ones the
        asker accepts: a programme takes no week)."""
        match = _KEY.match(typed(key))
        if not match:
            raise PeriodRefused(choose_message(kinds))
        year, month, quarter, week = match.groups()
        if int(year) not in YEARS:
            raise PeriodRefused(_("There is no such year."))
        if month:
            return cls.month(int(year), int(month))
        if quarter:
            return cls.quarter(int(year), int(quarter))
        if week:
            return cls.week(int(year), int(week))
        return cls.year(int(year))

    @classmethod
    def from_dates(cls, first: date, last: date) -> Period:
        """The standard period that is exactly `first` to `last` (both included).
        Raises PeriodRefused for a custom or shifted range."""
        for kind in PeriodKind:
            period = cls.containing(kind, first)
            if period.first == first and period.last == last:
                return period
        raise PeriodRefused(
            _("Only a whole week, month, quarter or year can be shown, not a custom range.")
        )

    # --- reading ---------------------------------------------------------------
    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def key(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.first.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.first.year}-{self.first.month:02d}"
        iso = self.first.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"

    def __str__(self) -> str:
        return self.key

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.end - self.first).days)]

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes: local midnight of `first` and of `end`."""
        return (
            datetime.combine(self.first, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )

    def is_closed(self, *, zone: tzinfo, now: datetime) -> bool:
        """True once the period's last local day has ended."""
        return self.bounds(zone)[1] <= now

    @property
    def crosses_year(self) -> bool:
        """True for an ISO week with days in two calendar years (29 Dec – 4 Jan at the
        widest): it would tie two years' families of releases together."""
        return self.first.year != self.last.year

    def segments(self) -> list[Segment]:
        """The segments (week ∩ month) this period is made of, in order."""
        segments, day = [], self.first
        while day < self.end:
            week_end = day + timedelta(days=7 - day.weekday())
            month_end = Period.containing(PeriodKind.MONTH, day).end
            segments.append(Segment(day, min(week_end, month_end, self.end)))
            day = segments[-1].end
        return segments

    def months(self) -> list[Period]:
        """The calendar months a month, quarter or year is made of."""
        if self.kind is PeriodKind.WEEK:
            raise PeriodRefused(_("A week is not made of months."))
        months, day = [], self.first
        while day < self.end:
            months.append(Period.containing(PeriodKind.MONTH, day))
            day = months[-1].end
        return months

    def family(self) -> Period:
        """The year whose releases are audited together with this one."""
        return Period.year(self.first.year)

    def previous(self) -> Period:
        return Period.containing(self.kind, self.first - timedelta(days=1))

    def within(self, other: Period) -> bool:
        return other.first <= self.first and self.end <= other.end


@dataclass(frozen=True, order=True)
class Segment:
    """Local days `first` (included) to `end` (excluded) inside one ISO week and one
    calendar month: the atoms' unit of time. Its key, "2026-03-30/2026-04-01", names
    the days as an ISO 8601 interval with the end excluded."""

    first: date
    end: date

    @property
    def key(self) -> str:
        return f"{self.first.isoformat()}/{self.end.isoformat()}"

    @classmethod
    def parse(cls, key: str) -> Segment:
        """A segment key, or a period key (a stored piece may span a whole month:
        months released before weeks could be were read in one piece)."""
        if "/" in key:
            first, end = key.split("/", 1)
            return cls(date.fromisoformat(first), date.fromisoformat(end))
        period = Period.parse(key)
        return cls(period.first, period.end)

    def within(self, period: Period) -> bool:
        return period.first <= self.first and self.end <= period.end

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes: local midnight of `first` and of `end`."""
        return (
            datetime.combine(self.first, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )

    def overlaps(self, period: Period) -> bool:
        return self.first < period.end and period.first < self.end


def pieces_of(period: Period, keys: Iterable[str]) -> list[str]:
    """The piece keys (`Segment.key`, or a period's key for a piece as long as the
    period) among `keys` that lie inside `period`, in order of days."""
    inside = [(Segment.parse(key), key) for key in keys]
    return [key for piece, key in sorted(inside) if piece.within(period)]


def choose_message(kinds: Iterable[PeriodKind] = OUTWARD_KINDS) -> SafeString:
    """ "Choose a …" with example keys of `kinds` (weeks and not, the two sentences
    there are), each key isolated left to right (`isolated_keys`)."""
    if PeriodKind.WEEK in set(kinds):
        text = _(
            "Choose a week, month, quarter or year "
            "(for example 2026-W05, 2026-03, 2026-Q1 or 2026)."
        )
    else:
        text = _("Choose a month, quarter or year (for example 2026-03, 2026-Q1 or 2026).")
    return isolated_keys(text)


def isolated_keys(text: str) -> SafeString:
    """`text` (a translated sentence) escaped, with each period key in it ("2026-W05",
    "2026-Q1", "2026-03", "2026") isolated left to right as `bidi.ltr` isolates a code:
    in an Arabic sentence a bare "2026-W05" reads "W05-2026" (Unicode Bidirectional
    Algorithm, UAX #9: the digits and the Latin letters are separate runs). The keys
    are found in the translation, so the msgids keep their examples as they were."""
    pieces, at = [], 0
    for match in _EXAMPLE_KEY.finditer(str(text)):
        pieces += [escape(text[at : match.start()]), ltr(match.group())]
        at = match.end()
    pieces.append(escape(text[at:]))
    return mark_safe("".join(pieces))  # noqa: S308 (each piece escaped above)


def period_key(key: str) -> str:
    """The canonical key of a period as a person typed it ("2026-w47" → "2026-W47"), or
    `key` unchanged when it names no period (whoever releases it refuses it then)."""
    try:
        return Period.parse(key).key
    except PeriodRefused:
        return key


def outward_period(
    key: str | Period, *, zone: tzinfo, now: datetime, since: date | None = None
) -> Period:
    """The period `key` if it may be released outside the staff: a closed ISO week,
    calendar month, quarter or year, in one calendar year (`one_year`), that does not
    end before `since`, the first day of the centre or programme (`beginnings.first_day`;
    it has no figures before). Raises PeriodRefused with the reason otherwise. Every
    entry point that takes a period (releases, reports and their builds, figures pages,
    exports, citations) asks this one rule."""
    period = key if isinstance(key, Period) else Period.parse(key)
    if period.kind not in OUTWARD_KINDS:
        raise PeriodRefused(_("Figures that leave the staff are by week, month, quarter or year."))
    if not period.is_closed(zone=zone, now=now):
        raise PeriodRefused(_("Figures are shown only for periods that have ended."))
    return one_year(after_records_begin(period, since))


def after_records_begin(period: Period, since: date | None) -> Period:
    """`period`, or BeforeRecords naming the first period with figures when it ended
    before `since` (`existed`): asked for now, or built before the rule and opened."""
    if not existed(period, since):
        from .labels import period_name  # names categories and employers: Django models

        first = Period.containing(period.kind, since)
        raise BeforeRecords(
            _(
                "There are no figures for %(period)s: it ended before the records begin. "
                "The first period with figures is %(first)s."
            )
            % {"period": period_name(period), "first": period_name(first)}
        )
    return period


def existed(period: Period, since: date | None) -> bool:
    """False for a period that ended before `since`, the first day of the centre or
    programme: it has no figures, not zeros. True when `since` is unknown."""
    return since is None or period.end > since


def one_year(period: Period) -> Period:
    """`period` if it lies in one calendar year. A week across the new year is refused:
    its releases would tie two years' families together, and the auditor checks one
    year at a time. Its days are released in December's and January's figures."""
    if period.crosses_year:
        from .labels import period_name  # names categories and employers: Django models

        raise PeriodRefused(
            _(
                "%(week)s has days in two calendar years, so its figures are not released "
                "on their own: they are in December's and January's."
            )
            % {"week": period_name(period)}
        )
    return period


def closed_periods(
    kind: PeriodKind | str,
    *,
    zone: tzinfo,
    now: datetime,
    count: int,
    since: date | None = None,
) -> list:
    """The `count` most recent closed periods of `kind`, newest first: fewer when the
    centre or programme began on `since` (none that ended before it, `existed`)."""
    today = now.astimezone(zone).date()
    period = Period.containing(kind, today).previous()
    periods = []
    while len(periods) < count and period.first.year >= 2000 and existed(period, since):
        periods.append(period)
        period = period.previous()
    return periods
