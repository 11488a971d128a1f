"""Raw tables of many date ranges read together (grouped by range) equal each range
read on its own, for every table: visits, service use, requests, cases, feedback."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.models import Answer, Grievance, GrievanceIssue, Remedy, Response, Theme
from advocacy.statistics.periods import Period
from advocacy.statistics.snapshots import layers, range_snapshots
from advocacy.statistics.tables import month_snapshot
from members import rollups
from services.models import Booking, ServiceRequest
from tests.factories import (
    CommentFactory,
    MemberFactory,
    SessionFactory,
    SurveyFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")
MONTHS = [Period.month(2026, m) for m in (1, 2, 3)]


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMMAN)


@pytest.fixture
def amman(centre):
    centre.time_zone = "Asia/Amman"
    centre.save()
    return centre


def record(centre, day: date, n: int) -> None:
    """One of everything a snapshot counts, on local day `day` (n varies the labels)."""
    member = MemberFactory(centre=centre, gender=["woman", "man"][n % 2])
    hour = [0, 9, 23][n % 3]  # midnight and late evening cross UTC days
    VisitFactory(centre=centre, arrived_at=at(day, hour), people=1 + n % 3)
    VisitFactory(centre=centre, member=member, arrived_at=at(day, hour))
    session = SessionFactory(service__centre=centre, starts_at=at(day, hour), walk_ins=n % 4)
    Booking.objects.create(session=session, member=member, status="booked", attended=True)
    ServiceRequest.objects.create(
        centre=centre, wish="a clinic", member=member if n % 2 else None,
        status=["new", "planned"][n % 2], created_at=at(day, hour),
    )  # fmt: skip
    case = Grievance.objects.create(
        centre=centre, member=member, status=["intake", "resolved"][n % 2],
        outcome="" if n % 2 == 0 else "favour", opened_at=at(day, hour),
    )  # fmt: skip
    GrievanceIssue.objects.create(grievance=case, issue_type="wage_theft")
    Remedy.objects.create(grievance=case, kind="apology", recorded_at=at(day, hour))
    survey = SurveyFactory(centre=centre)
    response = Response.objects.create(
        survey=survey, centre=centre, channel="phone", submitted_on=day, once=uuid.uuid4().hex
    )
    Answer.objects.create(
        response=response, question=survey.current_questions().get(kind="rating"), rating=1 + n % 5
    )
    comment = CommentFactory(centre=centre, submitted_on=day, sentiment=["", "negative"][n % 2])
    Theme.objects.create(comment=comment, code="wages")


def day(offset: int) -> date:
    return date(2026, 1, 1) + timedelta(days=offset)


# Ranges that meet end to end (as months or week∩month segments do), and one more
# that may overlap them.
ranges = st.tuples(
    st.lists(st.integers(min_value=0, max_value=90), min_size=2, max_size=6, unique=True),
    st.tuples(st.integers(min_value=0, max_value=89), st.integers(min_value=0, max_value=40)),
).map(
    lambda r: (
        [(day(a), day(b)) for a, b in zip(sorted(r[0]), sorted(r[0])[1:], strict=False)]
        + [(day(r[1][0]), day(r[1][0] + r[1][1]))]
    )
)


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ranges)
def test_ranges_read_together_equal_each_range_read_alone(amman, chosen):
    if not Grievance.objects.filter(centre=amman).exists():
        for n, offset in enumerate([0, 1, 30, 31, 45, 58, 59, 60, 88, 89]):
            record(amman, day(offset), n)
    together = range_snapshots(amman, chosen, AMMAN)
    alone = [range_snapshots(amman, [one], AMMAN)[0] for one in chosen]
    assert together == alone


def test_ten_months_cost_the_queries_of_one_month(amman):
    for n, month in enumerate(MONTHS):
        record(amman, month.first + timedelta(days=n), n)
    rollups.rebuild(amman, date(2026, 1, 1), date(2026, 10, 31))  # as the nightly task does
    with CaptureQueriesContext(connection) as one:
        range_snapshots(amman, [(MONTHS[0].first, MONTHS[0].end)], AMMAN)
    with CaptureQueriesContext(connection) as many:
        months = [Period.month(2026, m) for m in range(1, 11)]
        snapshots = range_snapshots(amman, [(m.first, m.end) for m in months], AMMAN)
    assert len(many) == len(one)
    assert [s["cases.total"]["cases"] for s in snapshots[:3]] == [1, 1, 1]
    assert snapshots[0]["cases.issue"]["wage_theft"] == 1
    assert snapshots[1] == month_snapshot(amman, MONTHS[1], AMMAN)


def test_overlapping_ranges_are_read_in_layers_of_disjoint_ones():
    jan, feb = (date(2026, 1, 1), date(2026, 2, 1)), (date(2026, 2, 1), date(2026, 3, 1))
    quarter = (date(2026, 1, 1), date(2026, 4, 1))
    assert layers([feb, quarter, jan]) == [[2, 0], [1]]
