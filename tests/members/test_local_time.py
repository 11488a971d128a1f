"""Visits live on the centre's local day: the log, its filters, its export, the dashboard."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from members.models import Visit, VisitChannel
from members.selectors import visit_figures

from ..factories import MemberFactory, VisitFactory

# 23:30 on 29 November 2026 in Amman (UTC+3) is 20:30 UTC the same day; 00:45 on
# 30 November in Amman is 21:45 UTC on the 29th.
LATE = datetime(2026, 11, 29, 20, 30, tzinfo=UTC)
AFTER_MIDNIGHT = datetime(2026, 11, 29, 21, 45, tzinfo=UTC)


@pytest.fixture
def server_in_utc(settings):
    settings.TIME_ZONE = "UTC"


def test_a_visit_typed_at_2330_is_stored_as_that_instant(
    client, social_worker, centre, server_in_utc
):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    response = client.post(
        reverse("visit_new", args=[centre.pk]),
        {"member": member.code, "arrived_at": "2026-11-29T23:30"},
    )
    assert response.status_code == 302
    assert Visit.objects.get().arrived_at == LATE


def test_a_time_that_clocks_skip_is_refused_with_a_message(
    client, social_worker, other_centre, server_in_utc
):
    """Beirut's clocks jump from 00:00 to 01:00 on 28 March 2027."""
    from centres.models import CentreRole, Role

    CentreRole.objects.create(user=social_worker, centre=other_centre, role=Role.SOCIAL_WORKER)
    member = MemberFactory(centre=other_centre)
    client.force_login(social_worker)
    response = client.post(
        reverse("visit_new", args=[other_centre.pk]),
        {"member": member.code, "arrived_at": "2027-03-28T00:30"},
    )
    assert response.status_code == 200
    assert "Asia/Beirut" in response.content.decode()
    assert not Visit.objects.exists()


def test_the_log_shows_local_time_and_the_filter_takes_the_local_day(
    client, social_worker, centre, server_in_utc
):
    member = MemberFactory(centre=centre)
    VisitFactory(centre=centre, member=member, arrived_at=LATE)
    kiosk = VisitFactory(centre=centre, people=4, arrived_at=AFTER_MIDNIGHT)
    kiosk.channel = VisitChannel.KIOSK
    kiosk.save()
    client.force_login(social_worker)
    url = reverse("visit_list", args=[centre.pk])
    page = client.get(url, {"since": "2026-11-29", "until": "2026-11-29"}).content.decode()
    assert member.code in page and "23:30" in page
    assert "<td>4</td>" not in page
    page = client.get(url, {"since": "2026-11-30", "until": "2026-11-30"}).content.decode()
    assert member.code not in page
    assert "<td>4</td>" in page and "00:45" in page


def test_the_export_writes_local_time_with_its_offset_and_filters_by_local_day(
    client, manager, centre, server_in_utc
):
    member = MemberFactory(centre=centre)
    VisitFactory(centre=centre, member=member, arrived_at=LATE)
    VisitFactory(centre=centre, people=4, arrived_at=AFTER_MIDNIGHT)
    client.force_login(manager)
    response = client.get(
        reverse("visit_export", args=[centre.pk, "csv"]),
        {"since": "2026-11-29", "until": "2026-11-29"},
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [(r["member_code"], r["arrived_at"], r["arrived_on"]) for r in rows] == [
        (member.code, "2026-11-29T23:30:00+03:00", "2026-11-29")
    ]


def test_the_xlsx_export_writes_local_time_too(client, manager, centre, server_in_utc):
    from openpyxl import load_workbook

    VisitFactory(centre=centre, arrived_at=AFTER_MIDNIGHT)
    client.force_login(manager)
    response = client.get(reverse("visit_export", args=[centre.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header, row = list(sheet.values)
    values = dict(zip(header, row, strict=True))
    # Real times and dates, the centre's wall clock (Excel has no zones).
    assert values["arrived_at"] == datetime(2026, 11, 30, 0, 45)
    assert values["arrived_on"] == datetime(2026, 11, 30)


def test_the_dashboard_counts_by_local_day_and_hour(centre, server_in_utc):
    VisitFactory(centre=centre, people=2, arrived_at=LATE)
    VisitFactory(centre=centre, people=3, arrived_at=AFTER_MIDNIGHT)
    figures = visit_figures(
        centre=centre,
        since=datetime(2026, 11, 28, 21, tzinfo=UTC),  # 29 Nov, 00:00 in Amman
        until=datetime(2026, 11, 30, 21, tzinfo=UTC),  # 1 Dec, 00:00 in Amman
    )
    assert dict(figures.days) == {date(2026, 11, 29): 2, date(2026, 11, 30): 3}
    assert dict(figures.hours)[23] == 2 and dict(figures.hours)[0] == 3


def test_a_beirut_visit_is_on_beiruts_day(other_centre, server_in_utc):
    # 23:30 UTC on 29 Nov is 01:30 on 30 Nov in Beirut (UTC+2).
    VisitFactory(centre=other_centre, arrived_at=datetime(2026, 11, 29, 23, 30, tzinfo=UTC))
    figures = visit_figures(
        centre=other_centre,
        since=datetime(2026, 11, 29, 22, tzinfo=UTC),
        until=datetime(2026, 11, 30, 22, tzinfo=UTC),
    )
    assert dict(figures.days) == {date(2026, 11, 30): 1}
