"""What a report is about: one centre, or one programme and its centres, with the time
zone its periods are cut in and the people who may read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

from centres.models import Centre, Programme, Role, User

from ..statistics.beginnings import first_day
from ..statistics.periods import (
    OUTWARD_KINDS,
    Period,
    PeriodKind,
    PeriodRefused,
    centre_zone,
    outward_period,
)
from .models import FeedbackReport, ScopeKind

# Who may read a centre's reports; coordinators read their programme's.
CENTRE_READERS = (Role.MANAGER, Role.COMMITTEE_MEMBER)


@dataclass(frozen=True)
class Scope:
    kind: str
    centre: Centre | None
    programme: Programme

    @classmethod
    def of(cls, kind: str, scope_id: int) -> Scope:
        """From ids (as a task receives them). Raises ValueError for an unknown kind
        and DoesNotExist for an unknown id."""
        if kind == ScopeKind.CENTRE:
            centre = Centre.objects.select_related("programme").get(pk=scope_id)
            return cls(ScopeKind.CENTRE, centre, centre.programme)
        if kind == ScopeKind.PROGRAMME:
            return cls(ScopeKind.PROGRAMME, None, Programme.objects.get(pk=scope_id))
        raise ValueError(f"Unknown report scope {kind!r}.")

    @classmethod
    def for_centre(cls, centre: Centre) -> Scope:
        return cls(ScopeKind.CENTRE, centre, centre.programme)

    @classmethod
    def for_programme(cls, programme: Programme) -> Scope:
        return cls(ScopeKind.PROGRAMME, None, programme)

    @property
    def id(self) -> int:
        return self.centre.pk if self.centre is not None else self.programme.pk

    @property
    def zone(self) -> tzinfo:
        return centre_zone(self.centre if self.centre is not None else self.programme)

    @property
    def kinds(self) -> tuple[PeriodKind, ...]:
        """The kinds of period its reports are by: a programme's, not by week."""
        if self.centre is not None:
            return OUTWARD_KINDS
        return tuple(kind for kind in OUTWARD_KINDS if kind is not PeriodKind.WEEK)

    @cached_property
    def first_day(self) -> date | None:
        """The first local day of the centre, or of the programme's first centre: a
        period that ends before it has no figures (`periods.outward_period`)."""
        return first_day(self.centres(), self.zone)

    def centres(self) -> list[Centre]:
        if self.centre is not None:
            return [self.centre]
        return list(Centre.objects.filter(programme=self.programme).order_by("name", "pk"))

    def closed_period(self, period: Period | str, *, now: datetime | None = None) -> Period:
        """`period` if every figure of it may be released now: closed in the scope's
        zone and in each of its centres' zones; a programme's, by month, quarter or year
        (its centres' weeks are each their own). Raises PeriodRefused otherwise."""
        now = now or timezone.now()
        if isinstance(period, str):
            period = Period.parse(period, kinds=self.kinds)
        period = outward_period(period, zone=self.zone, now=now, since=self.first_day)
        if self.centre is None and period.kind is PeriodKind.WEEK:
            raise PeriodRefused(_("A programme's figures are by month, quarter or year."))
        for centre in self.centres():
            outward_period(period, zone=centre_zone(centre), now=now)
        return period

    def reports(self):
        reports = FeedbackReport.objects
        if self.centre is not None:
            return reports.for_centre(self.centre)
        return reports.for_programme(self.programme)

    def readers(self):
        """Active people who may read this scope's reports."""
        users = User.objects.filter(is_active=True)
        if self.centre is not None:
            users = users.filter(
                centre_roles__centre=self.centre, centre_roles__role__in=CENTRE_READERS
            )
        else:
            users = users.filter(coordinator_roles__programme=self.programme)
        return users.distinct().order_by("pk")

    def as_fields(self) -> dict:
        return {
            "scope_kind": self.kind,
            "centre": self.centre,
            "programme": None if self.centre is not None else self.programme,
        }
