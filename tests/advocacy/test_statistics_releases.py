"""Releases: built once for a closed period, consenting members only, audited as a
family (months, their quarter, the year)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from advocacy.statistics.models import Release
from advocacy.statistics.periods import PeriodRefused
from advocacy.statistics.releases import audit_family, release
from members.actions import consent_withdraw
from tests.factories import MemberFactory, VisitFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 4, 15, 12, tzinfo=UTC)


def visits(centre, day, hour, people=1, **fields):
    return VisitFactory(
        centre=centre, arrived_at=datetime(2026, *day, hour, tzinfo=UTC), people=people, **fields
    )


def busy_quarter(centre):
    for month in (1, 2, 3):
        for day in range(1, 21):
            visits(centre, (month, day), 9, people=3, gender="woman")
            visits(centre, (month, day), 14, people=2, gender="man")
    visits(centre, (1, 5), 3, gender="other")  # one person, alone, at 03:00
    visits(centre, (2, 7), 22)


def test_an_open_period_is_refused(centre):
    with pytest.raises(PeriodRefused):
        release(centre=centre, period="2026-04", now=NOW)
    with pytest.raises(PeriodRefused):
        release(centre=centre, period="2026-W16", now=NOW)  # 13–19 April: not ended
    assert not Release.objects.exists()


def test_a_release_is_frozen_and_ignores_the_current_period(centre):
    busy_quarter(centre)
    march = release(centre=centre, period="2026-03", now=NOW)
    before = march.published
    visits(centre, (4, 14), 10, people=7)  # recorded today, in the open month
    visits(centre, (3, 30), 10, people=7)  # recorded late, in the released month
    again = release(centre=centre, period="2026-03", now=NOW)
    assert again.pk == march.pk and again.published == before
    assert Release.objects.count() == 1


def test_small_cells_are_hidden_and_the_family_passes_the_audit(centre):
    busy_quarter(centre)
    quarter = release(centre=centre, period="2026-Q1", now=NOW)
    assert Release.objects.count() == 4  # the three months first, then the quarter
    january = Release.objects.get(period_start="2026-01-01", period_kind="month")
    assert january.value("visits.hour", "03") is None
    assert january.value("visits.gender", "other") is None
    assert january.value("visits.total", "people") == 101
    assert quarter.value("visits.hour", "03") is None
    result = audit_family(centre, 2026)
    assert result.safe
    assert result.intervals  # there were small cells to protect
    assert all(i.low == 0 and i.width >= 5 for i in result.intervals.values())


def test_only_members_who_consent_to_statistics_are_counted(centre):
    busy_quarter(centre)
    agreeing = MemberFactory(centre=centre)
    refusing = MemberFactory(centre=centre, consents=("services",))
    withdrawn = MemberFactory(centre=centre)
    consent_withdraw(member=withdrawn, purpose="statistics", by=None)
    for member in (agreeing, refusing, withdrawn):
        for day in range(1, 7):
            visits(centre, (1, day), 11, member=member)
    january = release(centre=centre, period="2026-01", now=NOW)
    assert january.value("visits.kind", "identified") == 6
    assert january.value("visits.members", "members") is None  # one member: hidden
