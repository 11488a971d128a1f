"""Weekly times are wall-clock times in the centre's own zone, across DST changes."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from services.actions import sessions_generate
from services.models import ScheduleSlot, Session
from services.tasks import generate_sessions

from ..factories import CentreFactory, ServiceFactory

SATURDAY = 5
# Lebanon moves its clocks forward at 00:00 on Sunday 28 March 2027; Jordan keeps UTC+3.
BEFORE_THE_CHANGE = date(2027, 3, 15)


def _saturday_class(zone: str):
    centre = CentreFactory(time_zone=zone)
    service = ServiceFactory(centre=centre)
    ScheduleSlot.objects.create(service=service, weekday=SATURDAY, starts=time(18), minutes=90)
    return service


def _starts(service) -> list[datetime]:
    return list(
        Session.objects.filter(service=service)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    )


@pytest.mark.parametrize("server_zone", ["UTC", "Asia/Beirut", "Asia/Amman"])
def test_a_beirut_class_stays_at_1800_across_dst_and_amman_does_not_move(db, settings, server_zone):
    settings.TIME_ZONE = server_zone
    beirut, amman = _saturday_class("Asia/Beirut"), _saturday_class("Asia/Amman")
    for service in (beirut, amman):
        sessions_generate(service=service, weeks=3, today=BEFORE_THE_CHANGE)

    beirut_starts = _starts(beirut)
    assert [s.astimezone(ZoneInfo("Asia/Beirut")).time() for s in beirut_starts] == [time(18)] * 3
    # Saturdays 20 and 27 March at UTC+2, 3 April at UTC+3.
    assert [s.astimezone(UTC).hour for s in beirut_starts] == [16, 16, 15]

    amman_starts = _starts(amman)
    assert [s.astimezone(ZoneInfo("Asia/Amman")).time() for s in amman_starts] == [time(18)] * 3
    assert [s.astimezone(UTC).hour for s in amman_starts] == [15, 15, 15]


def test_a_session_lasts_its_length_in_real_time(db):
    service = _saturday_class("Asia/Beirut")
    sessions_generate(service=service, weeks=3, today=BEFORE_THE_CHANGE)
    for session in Session.objects.filter(service=service):
        assert (session.ends_at - session.starts_at).total_seconds() == 90 * 60


def test_the_periodic_task_generates_in_each_centres_zone(db, settings):
    settings.TIME_ZONE = "UTC"
    beirut, amman = _saturday_class("Asia/Beirut"), _saturday_class("Asia/Amman")
    generate_sessions()
    for service, zone in ((beirut, "Asia/Beirut"), (amman, "Asia/Amman")):
        starts = _starts(service)
        assert starts
        assert {s.astimezone(ZoneInfo(zone)).time() for s in starts} == {time(18)}


def test_the_calendar_puts_a_late_session_on_its_local_day(client, manager, centre, settings):
    """A session at 00:30 on Tuesday in Amman is 21:30 UTC on Monday."""
    settings.TIME_ZONE = "UTC"
    service = ServiceFactory(centre=centre, name="Night shift English")
    Session.objects.create(
        centre=centre,
        service=service,
        starts_at=datetime(2026, 11, 30, 21, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 30, 22, 30, tzinfo=UTC),
        capacity=5,
    )
    client.force_login(manager)
    response = client.get(reverse("calendar", args=[centre.pk]), {"week": "2026-11-30"})
    days = dict(response.context["days"])
    assert [s.service.name for s in days[date(2026, 12, 1)]] == ["Night shift English"]
    assert days[date(2026, 11, 30)] == []
    assert "00:30" in response.content.decode()
