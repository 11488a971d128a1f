"""CSV exports open in Excel in every language: UTF-8 with a byte-order mark, and the
same columns and codes whatever the exporter's interface language."""

import csv
import io
from datetime import UTC, datetime

from django.urls import reverse

from centres.categories import ServiceCategory

from ..factories import MemberFactory, VisitFactory

BOM = b"\xef\xbb\xbf"


def _export(client, centre, language: str) -> tuple[bytes, list[dict]]:
    client.cookies["django_language"] = language
    response = client.get(reverse("visit_export", args=[centre.pk, "csv"]))
    body = b"".join(response.streaming_content)
    return body, list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_an_arabic_csv_export_round_trips_through_utf8_with_bom(client, manager, centre):
    lessons = ServiceCategory.objects.create(
        code="arabic-lessons", own_name="دروس اللغة العربية", kind="supplementary", centre=centre
    )
    member = MemberFactory(centre=centre, preferred_name="أمينة")
    VisitFactory(
        centre=centre, member=member, arrived_at=datetime(2026, 11, 29, 20, 30, tzinfo=UTC)
    ).purposes.set([lessons])
    client.force_login(manager)
    body, rows = _export(client, centre, "ar")
    assert body.startswith(BOM)
    assert not body[3:].startswith(BOM)
    assert rows[0]["purpose_labels"] == "دروس اللغة العربية"
    assert rows[0]["purposes"] == "arabic-lessons"
    assert rows[0]["member_code"] == member.code


def test_columns_and_codes_do_not_depend_on_the_interface_language(client, manager, centre):
    advice = ServiceCategory.objects.get(code="advice", centre=None)
    VisitFactory(centre=centre, people=2, gender="woman").purposes.set([advice])
    client.force_login(manager)
    _body, english = _export(client, centre, "en")
    for language in ("ar", "hi", "ne", "bn"):
        _body, other = _export(client, centre, language)
        assert list(other[0]) == list(english[0]), language
        stable = {k: v for k, v in other[0].items() if k != "purpose_labels"}
        assert stable == {k: v for k, v in english[0].items() if k != "purpose_labels"}
    assert english[0]["purposes"] == "advice" and english[0]["gender"] == "woman"


def test_the_session_export_is_bom_utf8_with_local_times_and_codes(client, manager, centre):
    from ..factories import SessionFactory

    SessionFactory(
        service__centre=centre,
        starts_at=datetime(2026, 11, 29, 15, tzinfo=UTC),
        ends_at=datetime(2026, 11, 29, 16, 30, tzinfo=UTC),
    )
    client.force_login(manager)
    client.cookies["django_language"] = "ar"
    response = client.get(reverse("session_export", args=[centre.pk, "csv"]))
    body = b"".join(response.streaming_content)
    assert body.startswith(BOM)
    row = next(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert row["starts"] == "2026-11-29T18:00:00+03:00"
    assert row["ends"] == "2026-11-29T19:30:00+03:00"
    assert row["category"] == "language"
