"""The manager's export of sessions: counts per session, no names, audited."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from centres.models import AuditEntry
from services.models import Booking, BookingStatus

from ..factories import MemberFactory, ServiceFactory, SessionFactory


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2030, 3, day, hour, tzinfo=ZoneInfo("Asia/Amman"))  # the centre's zone


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def _book(session, member, status=BookingStatus.BOOKED, attended=None):
    return Booking.objects.create(session=session, member=member, status=status, attended=attended)


def _exports():
    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)


@pytest.fixture
def busy_session(centre):
    service = ServiceFactory(centre=centre, name="Arabic class", capacity=3)
    session = SessionFactory(service=service, starts_at=_at(4), walk_ins=2)
    people = [MemberFactory(centre=centre, preferred_name=f"Sita {n}") for n in range(6)]
    _book(session, people[0], attended=True)
    _book(session, people[1], attended=True)
    _book(session, people[2], attended=False)
    _book(session, people[3], status=BookingStatus.WAITING)
    _book(session, people[4], status=BookingStatus.CANCELLED)
    return session


def test_manager_exports_one_row_per_session_with_counts(
    client, manager, centre, other_centre, busy_session
):
    quiet = SessionFactory(
        service=busy_session.service, starts_at=_at(11), cancelled_at=timezone.now()
    )
    SessionFactory(service=ServiceFactory(centre=other_centre, name="Their class"))
    client.force_login(manager)
    response = client.get(reverse("session_export", args=[centre.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"sessions-{centre.code}-" in response["Content-Disposition"]
    rows = _rows(response)
    assert [r["starts"] for r in rows] == [
        "2030-03-04T10:00:00+03:00",
        "2030-03-11T10:00:00+03:00",
    ]
    busy, cancelled = rows
    assert busy == {
        "service": "Arabic class",
        "category": "language",
        "category_label": "Language, acculturation and information",
        "starts": "2030-03-04T10:00:00+03:00",
        "ends": "2030-03-04T11:00:00+03:00",
        "cancelled": "0",
        "places": "3",
        "booked": "3",
        "waiting": "1",
        "attended": "2",
        "no_shows": "1",
        "walk_ins": "2",
    }
    assert cancelled["cancelled"] == "1" and cancelled["booked"] == "0"
    assert quiet.pk
    content = repr(rows)
    assert "Sita" not in content and "AMM-" not in content  # counts, never people
    entry = _exports().get(centre=centre)
    assert entry.actor == manager and entry.changes_dict["export"] == ["sessions", "csv", "2"]


def test_export_by_dates(client, manager, centre):
    service = ServiceFactory(centre=centre)
    for day in (3, 4, 10, 11):
        SessionFactory(service=service, starts_at=_at(day))
    client.force_login(manager)
    url = reverse("session_export", args=[centre.pk, "csv"])
    rows = _rows(client.get(url, {"since": "2030-03-04", "until": "2030-03-10"}))
    assert [r["starts"][:10] for r in rows] == ["2030-03-04", "2030-03-10"]
    assert [r["starts"][:10] for r in _rows(client.get(url, {"since": "2030-03-10"}))] == [
        "2030-03-10",
        "2030-03-11",
    ]
    assert len(_rows(client.get(url, {"since": "", "until": ""}))) == 4


@pytest.mark.parametrize(
    "query",
    [
        {"since": "not-a-date"},
        {"until": "2030-02-30"},
        {"since": "2030-03-10", "until": "2030-03-04"},
    ],
)
def test_bad_dates_give_a_message_and_no_export(client, manager, centre, query):
    SessionFactory(service=ServiceFactory(centre=centre))
    client.force_login(manager)
    response = client.get(reverse("session_export", args=[centre.pk, "csv"]), query, follow=True)
    assert response.redirect_chain[-1][0] == reverse("service_list", args=[centre.pk])
    assert "Check the dates of the export" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert not _exports().exists()


def test_formulae_are_neutralised(client, manager, centre):
    from centres.categories import ServiceCategory

    category = ServiceCategory.objects.create(
        centre=centre, code="x", own_name="+cmd|' /C calc'!A0", kind="supplementary"
    )
    SessionFactory(service=ServiceFactory(centre=centre, name="=HYPERLINK(1)", category=category))
    client.force_login(manager)
    row = _rows(client.get(reverse("session_export", args=[centre.pk, "csv"])))[0]
    assert row["service"] == "'=HYPERLINK(1)"
    assert row["category_label"] == "'+cmd|' /C calc'!A0"


def test_xlsx_export(client, manager, centre, busy_session):
    client.force_login(manager)
    response = client.get(reverse("session_export", args=[centre.pk, "xlsx"]))
    body = response.getvalue()
    assert body[:2] == b"PK"
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    header, first = list(sheet.iter_rows(values_only=True))
    assert header[0] == "service" and first[0] == "Arabic class"
    assert _exports().get().changes_dict["export"] == ["sessions", "xlsx", "1"]


def test_unknown_format_is_not_found(client, manager, centre):
    client.force_login(manager)
    for fmt in ("pdf", "json", "html"):
        assert client.get(reverse("session_export", args=[centre.pk, fmt])).status_code == 404
    assert not _exports().exists()


def test_export_queries_do_not_grow(client, manager, centre, django_assert_max_num_queries):
    service = ServiceFactory(centre=centre)
    member = MemberFactory(centre=centre)
    client.force_login(manager)
    for count in (5, 55):
        while service.sessions.count() < count:
            n = service.sessions.count()
            _book(SessionFactory(service=service, starts_at=_at(1) + timedelta(hours=n)), member)
        with django_assert_max_num_queries(9):
            response = client.get(reverse("session_export", args=[centre.pk, "csv"]))
        assert len(_rows(response)) == count


@pytest.mark.parametrize(
    "role", ["social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_only_the_manager_exports(client, cast, centre, role):
    SessionFactory(service=ServiceFactory(centre=centre))
    client.force_login(cast[role])
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("session_export", args=[centre.pk, fmt])).status_code == 403
    assert not _exports().exists()


@pytest.mark.parametrize(
    "role", ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_other_centres_export_is_not_found(client, cast, other_centre, role):
    SessionFactory(service=ServiceFactory(centre=other_centre))
    client.force_login(cast[role])
    assert client.get(reverse("session_export", args=[other_centre.pk, "csv"])).status_code == 404
    assert not _exports().exists()


def test_export_wrong_method(client, manager, centre):
    client.force_login(manager)
    assert client.post(reverse("session_export", args=[centre.pk, "csv"])).status_code == 405
    assert not _exports().exists()
