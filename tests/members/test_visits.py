"""Logging visits (identified, head-count), the visit log, and its export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from centres.categories import ServiceCategory
from centres.models import AuditEntry
from members.models import Visit

from ..factories import MemberFactory, VisitFactory, centre_today


@pytest.fixture
def advice(db):
    return ServiceCategory.objects.get(code="advice", centre=None)


def test_identified_visit_by_code(client, social_worker, centre, advice):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    response = client.post(
        reverse("visit_new", args=[centre.pk]),
        {"member": member.code.lower(), "purposes": [advice.pk]},
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.member == member and visit.people == 1
    assert list(visit.purposes.all()) == [advice]
    assert timezone.now() - visit.arrived_at < timedelta(minutes=1)


def _in_script(code: str, zero: str) -> str:
    """`code` with its ASCII digits written in the script whose zero is `zero`."""
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in code)


@pytest.mark.parametrize("zero", ["\u0660", "\u06f0", "\u0966", "\u09e6"])
def test_a_code_typed_with_another_scripts_digits_names_the_member(
    client, social_worker, centre, advice, zero
):
    """An Arabic, Persian, Hindi or Bengali keyboard types the code's digits in its own
    script: AMM-٠٠٤٢ is AMM-0042, as in the member search."""
    member = MemberFactory(centre=centre)
    typed = _in_script(member.code, zero)
    assert typed != member.code
    client.force_login(social_worker)
    response = client.post(
        reverse("visit_new", args=[centre.pk]), {"member": typed, "purposes": [advice.pk]}
    )
    assert response.status_code == 302
    assert Visit.objects.get().member == member


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"member": "AMM-9999"}, "No member of this centre has the code"),
        ({"member": ""}, "This field is required"),
        ({"purposes": ["999999"]}, "Select a valid choice"),
        (
            {"arrived_at": "2026-11-20T10:00", "left_at": "2026-11-20T09:00"},
            "Leaving time is before the arrival time",
        ),
    ],
)
def test_bad_visit_is_refused_and_nothing_saved(client, social_worker, centre, data, message):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    response = client.post(reverse("visit_new", args=[centre.pk]), {"member": member.code, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Visit.objects.exists()


def test_member_of_another_centre_cannot_be_logged_here(
    client, social_worker, centre, other_centre
):
    elsewhere = MemberFactory(centre=other_centre)
    client.force_login(social_worker)
    response = client.post(reverse("visit_new", args=[centre.pk]), {"member": elsewhere.code})
    assert "No member of this centre has the code" in response.content.decode()
    assert not Visit.objects.exists()


def test_headcount_in_one_step(client, social_worker, centre, advice):
    client.force_login(social_worker)
    response = client.post(
        reverse("headcount_new", args=[centre.pk]),
        {
            "count_woman": 4,
            "count_man": 2,
            "age_band": "25-34",
            "nationality": "np",
            "purposes": [advice.pk],
        },
    )
    assert response.status_code == 302
    rows = {v.gender: v for v in Visit.objects.all()}
    assert rows["woman"].people == 4 and rows["man"].people == 2
    assert all(
        v.member is None and v.nationality == "NP" and v.age_band == "25-34" for v in rows.values()
    )
    assert all(list(v.purposes.all()) == [advice] for v in rows.values())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter how many people came in"),
        ({"count_woman": -1}, "greater than or equal to 0"),
        ({"count_woman": 2, "nationality": "Nepal"}, "at most 2 characters"),
        ({"count_woman": 501}, "less than or equal to 500"),
    ],
)
def test_bad_headcount_is_refused_and_nothing_saved(client, social_worker, centre, data, message):
    client.force_login(social_worker)
    response = client.post(reverse("headcount_new", args=[centre.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Visit.objects.exists()


def test_a_purpose_of_another_centre_is_not_offered(client, social_worker, centre, other_centre):
    theirs = ServiceCategory.objects.create(
        code="karaoke", own_name="Karaoke", kind="supplementary", centre=other_centre
    )
    client.force_login(social_worker)
    response = client.post(
        reverse("headcount_new", args=[centre.pk]), {"count_man": 1, "purposes": [theirs.pk]}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Visit.objects.exists()


VIEWS = ["visit_list", "visit_new", "headcount_new"]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("manager", 200),
        ("social_worker", 200),
        ("legal", 403),
        ("committee_member", 403),
        ("worker", 403),
        ("coordinator", 403),
    ],
)
def test_visit_views_by_role(client, cast, centre, view, role, status):
    client.force_login(cast[role])
    assert client.get(reverse(view, args=[centre.pk])).status_code == status


@pytest.mark.parametrize("view", [*VIEWS, "visit_export"])
@pytest.mark.parametrize(
    "role", ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_other_centres_visit_pages_are_not_found(client, cast, other_centre, view, role):
    client.force_login(cast[role])
    args = [other_centre.pk, "csv"] if view == "visit_export" else [other_centre.pk]
    assert client.get(reverse(view, args=args)).status_code == 404


def test_visit_views_wrong_method(client, manager, centre):
    client.force_login(manager)
    assert client.post(reverse("visit_list", args=[centre.pk])).status_code == 405
    assert client.post(reverse("visit_export", args=[centre.pk, "csv"])).status_code == 405
    assert client.delete(reverse("visit_new", args=[centre.pk])).status_code == 405


def test_visit_log_filters(client, social_worker, centre, other_centre, advice):
    member = MemberFactory(centre=centre)
    old = VisitFactory(centre=centre, member=member, arrived_at=timezone.now() - timedelta(days=10))
    anon = VisitFactory(centre=centre, people=3)
    anon.purposes.set([advice])
    VisitFactory(centre=other_centre, people=7)
    client.force_login(social_worker)
    url = reverse("visit_list", args=[centre.pk])
    page = client.get(url, {"kind": "anonymous"}).content.decode()
    assert member.code not in page and "<td>3</td>" in page and "<td>7</td>" not in page
    page = client.get(url, {"kind": "identified"}).content.decode()
    assert member.code in page and "<td>3</td>" not in page
    since = (centre_today() - timedelta(days=2)).isoformat()
    page = client.get(url, {"since": since}).content.decode()
    assert member.code not in page and "<td>3</td>" in page
    page = client.get(url, {"purpose": advice.pk}).content.decode()
    assert member.code not in page and "<td>3</td>" in page
    assert old.pk  # the old visit exists but was filtered out above
    response = client.get(url, {"since": "not-a-date"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_visit_log_queries_do_not_grow(
    client, social_worker, centre, advice, django_assert_max_num_queries
):
    client.force_login(social_worker)
    for count in (5, 100):
        while Visit.objects.filter(centre=centre).count() < count:
            visit = VisitFactory(centre=centre, member=MemberFactory(centre=centre))
            visit.purposes.set([advice])
        with django_assert_max_num_queries(12):
            response = client.get(reverse("visit_list", args=[centre.pk]))
        assert response.status_code == 200


def test_manager_exports_csv_audited_with_formulae_neutralised(
    client, manager, centre, other_centre
):
    nasty = ServiceCategory.objects.create(
        code="x", own_name="=HYPERLINK(1)", kind="supplementary", centre=centre
    )
    member = MemberFactory(centre=centre)
    VisitFactory(centre=centre, member=member).purposes.set([nasty])
    VisitFactory(centre=centre, people=5)
    VisitFactory(centre=other_centre, people=9)
    client.force_login(manager)
    response = client.get(reverse("visit_export", args=[centre.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert sorted(r["people"] for r in rows) == ["1", "5"]
    assert {r["member_code"] for r in rows} == {member.code, ""}
    assert "'=HYPERLINK(1)" in {r["purpose_labels"] for r in rows}
    assert "x" in {r["purposes"] for r in rows}
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, centre=centre).latest()
    assert entry.actor == manager and entry.changes_dict["export"] == ["visits", "csv", "2"]


def test_xlsx_export_and_unknown_format(client, manager, centre):
    VisitFactory(centre=centre)
    client.force_login(manager)
    response = client.get(reverse("visit_export", args=[centre.pk, "xlsx"]))
    body = response.getvalue()
    assert body[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body)).active
    assert [cell.value for cell in sheet[1]][:4] == [
        "arrived_at",
        "arrived_on",
        "left_at",
        "member_code",
    ]
    assert sheet.max_row == 2
    assert client.get(reverse("visit_export", args=[centre.pk, "pdf"])).status_code == 404


@pytest.mark.parametrize(
    "role", ["social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_only_the_manager_exports(client, cast, centre, role):
    client.force_login(cast[role])
    assert client.get(reverse("visit_export", args=[centre.pk, "csv"])).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exists()


def test_export_queries_do_not_grow_with_rows(
    client, manager, centre, advice, django_assert_max_num_queries
):
    client.force_login(manager)
    for count in (5, 120):
        while Visit.objects.filter(centre=centre).count() < count:
            VisitFactory(centre=centre).purposes.set([advice])
        with django_assert_max_num_queries(14):
            response = client.get(reverse("visit_export", args=[centre.pk, "csv"]))
            body = b"".join(response.streaming_content).decode()
        assert body.count("\n") == count + 1


def test_an_unpaid_fee_never_blocks_a_visit(client, social_worker, centre):
    from services.actions import booking_create

    from ..factories import ServiceFactory, SessionFactory

    member = MemberFactory(centre=centre)
    paying = ServiceFactory(centre=centre, fee=2, fee_currency="JOD")
    booking = booking_create(
        session=SessionFactory(service=paying), member=member, by=social_worker
    )
    assert booking.fee_status == "due"
    client.force_login(social_worker)
    response = client.post(reverse("visit_new", args=[centre.pk]), {"member": member.code})
    assert response.status_code == 302
    assert Visit.objects.filter(member=member).count() == 1
