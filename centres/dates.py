"""Plausible dates: the one bound every date a person types or sends must fit.

A visit dated 0001-01-01, a session at 9999-12-31T23:00 or `?until=9999-12-31` is a
typing slip or a probe, never a fact: it is refused with a clear message before it
reaches a record, an export or a date computation that would overflow. Each kind of
date has its span, relative to today:

- `RECORDED`: something that happened (a visit's arrival and departure, a meeting, a
  paper form received, an answer received): not before `EARLIEST` and not later than
  now on the centre's clock (pages activate the centre's zone): a date up to today, a
  date and time up to this minute;
- `PLANNED`: something scheduled or to follow up (a session, a ballot window, a term,
  a review date): within `PLANNED_YEARS` of today, either way;
- `SEARCHED`: a filter or a range asked for in a page's address or an export: from
  `EARLIEST` to `SEARCH_AHEAD_YEARS` ahead.

Forms use `DateField` / `DateTimeField` (and filters `DateFilter`) from here instead
of Django's; tests/test_plausible_dates.py checks that no form of the project uses
another.

"Today" is the centre's: a form that knows its centre says so (`in_zone_of(form,
centre)`), so its spans are read on the centre's date and an instant's day on its
clock whichever zone is active; otherwise the active zone (the page's centre's, set by
`centre_view`) is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .local_time import zone_of

# No record of a worker centre is older than this.
EARLIEST = date(2000, 1, 1)
PLANNED_YEARS = 5
SEARCH_AHEAD_YEARS = 10


@dataclass(frozen=True)
class Span:
    """Which dates are plausible for a field: `past_days` before today (None: back to
    `EARLIEST`) to `future_days` after it; with `until_now`, an instant no later than
    now."""

    past_days: int | None
    future_days: int
    until_now: bool = False

    def bounds(self, today: date | None = None, zone: tzinfo | None = None) -> tuple[date, date]:
        """The first and last plausible dates around `today`, by default today in `zone`
        (by default the active zone)."""
        today = today or timezone.localdate(timezone.now(), zone)
        first = EARLIEST if self.past_days is None else today - timedelta(days=self.past_days)
        return max(first, EARLIEST), today + timedelta(days=self.future_days)


RECORDED = Span(past_days=None, future_days=0, until_now=True)
PLANNED = Span(past_days=366 * PLANNED_YEARS, future_days=366 * PLANNED_YEARS)
SEARCHED = Span(past_days=None, future_days=366 * SEARCH_AHEAD_YEARS)


def check_plausible(value: date | datetime | None, span: Span, zone: tzinfo | None = None) -> None:
    """Refuse a date (or the day of an instant) outside `span`, saying which are taken.
    Today and an instant's day are read in `zone` (a centre's), by default the active one."""
    if value is None:
        return
    day = value
    if isinstance(value, datetime):
        day = timezone.localdate(value, zone) if timezone.is_aware(value) else value.date()
    first, last = span.bounds(zone=zone)
    if span.until_now and isinstance(value, datetime) and timezone.is_aware(value):
        now = timezone.now()
        if not first <= day or value > now:
            raise ValidationError(
                _("Enter a date between %(first)s and now (%(now)s).")
                % {
                    "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
                    "now": formats.date_format(
                        timezone.localtime(now, zone), "SHORT_DATETIME_FORMAT"
                    ),
                },
                code="implausible_date",
            )
        return
    if not first <= day <= last:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {
                "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
                "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
            },
            code="implausible_date",
        )


def check_happened(centre, **when: date | datetime | None) -> None:
    """Refuse any of `when` (named dates or instants of something that happened: a
    visit's arrival, a paper form's date, a booking made) that is later than now on
    `centre`'s clock, or before `EARLIEST`: the `RECORDED` span, which forms check
    too, applied by the actions themselves, so that a direct call (the demo, an
    import, a task) is held to it. Raises ValidationError keyed by the names given,
    each with the form's own message; None is not checked."""
    if all(value is None for value in when.values()):
        return
    zone = zone_of(centre)
    errors = {}
    for name, value in when.items():
        try:
            check_plausible(value, RECORDED, zone)
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)


class _Plausible:
    def __init__(self, *args, span: Span = RECORDED, **kwargs):
        super().__init__(*args, **kwargs)
        self.span = span
        self.zone: tzinfo | None = None  # the centre's, once its form says (`in_zone_of`)

    def validate(self, value):
        super().validate(value)
        check_plausible(value, self.span, self.zone)

    def to_python(self, value):
        # A year past 9999 or before 1 is not a date Python can hold: refuse it as
        # malformed rather than let it overflow.
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class DateField(_Plausible, forms.DateField):
    """A date field whose value must fit its span (`RECORDED` unless told)."""


class DateTimeField(_Plausible, forms.DateTimeField):
    """A date-and-time field whose value must fit its span (`RECORDED` unless told)."""


class SearchDateField(DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("span", SEARCHED)
        super().__init__(*args, **kwargs)


class DateFilter(django_filters.DateFilter):
    """A filter by date from a page's address: only `SEARCHED` dates."""

    field_class = SearchDateField


class PlannedDateField(DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("span", PLANNED)
        super().__init__(*args, **kwargs)


class PlannedDateTimeField(DateTimeField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("span", PLANNED)
        super().__init__(*args, **kwargs)


def in_zone_of(form, centre) -> None:
    """Read the plausible dates of `form` (or of a filter set's form) on `centre`'s day
    and clock, whichever zone is active (a programme's page, a task)."""
    zone = zone_of(centre)
    for field in form.fields.values():
        if isinstance(field, _Plausible):
            field.zone = zone
