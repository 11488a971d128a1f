"""Service use against capacity: walk-ins come without a place, so more people than
places is said in words ("38 more people than places (walk-ins)") with people and
places side by side, never a bare percentage over 100: on the staff's dashboard, the
released figures, a report's page, its PDF and its CSV."""

import csv
import io
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from centres.categories import ServiceCategory
from services.demand import Capacity
from tests.factories import CentreFactory, ServiceFactory, SessionFactory, centre_today
from tests.releases import released_for

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
APRIL = datetime(2026, 4, 15, 12, tzinfo=UTC)
OVER = "38 more people than places (walk-ins)"


def read(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def held(centre, starts_at, *, capacity=10, walk_ins=48, code="language"):
    category = ServiceCategory.objects.get(code=code, centre=None)
    service = ServiceFactory(centre=centre, category=category, capacity=capacity)
    return SessionFactory(service=service, starts_at=starts_at, walk_ins=walk_ins)


def test_capacity_states_over_capacity_instead_of_a_percentage():
    assert (Capacity(48, 10).filled, Capacity(48, 10).over) == (None, 38)
    assert (Capacity(6, 10).filled, Capacity(6, 10).over) == (60, 0)
    assert (Capacity(10, 10).filled, Capacity(10, 10).over) == (100, 0)
    assert (Capacity(None, 10).filled, Capacity(None, 10).over) == (None, 0)


def test_the_dashboard_says_how_many_more_people_than_places(client, manager, centre):
    held(centre, timezone.now() - timedelta(days=2))
    held(centre, timezone.now() - timedelta(days=3), capacity=10, walk_ins=6, code="health")
    client.force_login(manager)
    html = client.get(reverse("dashboard", args=[centre.pk])).content.decode()
    assert OVER in html and "480%" not in html
    assert "60%" in html  # a kind of service within its places keeps its share
    assert "over-capacity" in html  # the note saying why
    assert "not a percentage over a hundred" in html


def test_the_released_figures_say_how_many_more_people_than_places(
    client, committee_member, centre
):
    last_month = (centre_today().replace(day=1) - timedelta(days=1)).replace(day=3)
    held(centre, datetime(last_month.year, last_month.month, 3, 9, tzinfo=UTC))
    client.force_login(committee_member)
    released_for(centre)
    html = client.get(reverse("released_figures", args=[centre.pk])).content.decode()
    assert OVER in html and "480%" not in html
    assert "not a percentage over a hundred" in html


@pytest.fixture
def report(centre):
    held(centre, datetime(2026, 3, 3, 9, tzinfo=UTC))
    built, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=APRIL)
    return built


def test_a_report_page_says_how_many_more_people_than_places(client, manager, report):
    client.force_login(manager)
    html = client.get(reverse("report_detail", args=[report.centre_id, report.pk]))
    html = html.content.decode()
    table = html[
        html.index('id="use-capacity"') : html.index("</table>", html.index("use-capacity"))
    ]
    assert ">10<" in table and ">48<" in table  # places and people side by side
    assert OVER in table and "480%" not in html
    assert "not a percentage over a hundred" in html


def test_the_report_pdf_says_it_too(client, manager, report, tmp_path):
    client.force_login(manager)
    url = reverse("report_download", args=[report.centre_id, report.pk, "pdf"])
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(read(client.get(url)))
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "38 more people than" in " ".join(text.split()) and "480%" not in text


def test_the_report_csv_has_places_beside_people(client, manager, report):
    client.force_login(manager)
    url = reverse("report_download", args=[report.centre_id, report.pk, "csv"])
    text = read(client.get(url)).decode("utf-8-sig")
    rows = {(r[0], r[3]): r[4:7] for r in csv.reader(io.StringIO(text))}
    language = ServiceCategory.objects.get(code="language", centre=None).name
    assert rows[("use.people", str(language))] == ["48", "0", "0"]
    assert rows[("use.places", str(language))] == ["10", "0", "0"]
    assert rows[("use.sessions", str(language))] == ["1", "0", "0"]


@pytest.fixture
def programme_report(programme, centre):
    second = CentreFactory(programme=programme, name="Zarqa centre", code="ZRQ")
    held(centre, datetime(2026, 3, 3, 9, tzinfo=UTC))  # 48 people, 10 places
    held(second, datetime(2026, 3, 4, 9, tzinfo=UTC), capacity=20, walk_ins=5)
    built, _ = report_build(scope=Scope.for_programme(programme), period="2026-03", now=APRIL)
    return built


def test_a_programme_shows_its_places_beside_its_people(client, coordinator, programme_report):
    """The programme's section "against capacity" showed people and no places at all."""
    client.force_login(coordinator)
    pages = [
        reverse(
            "programme_report_detail", args=[programme_report.programme_id, programme_report.pk]
        ),
        reverse("programme_figures", args=[programme_report.programme_id]) + "?period=2026-03",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        table = html[html.index('id="use-capacity"') :]
        table = table[: table.index("</table>")]
        assert ">30<" in table and ">53<" in table  # places and people of both centres
        assert "23 more people than places (walk-ins)" in table


def test_a_programme_csv_has_places_beside_people(client, coordinator, programme_report):
    client.force_login(coordinator)
    url = reverse(
        "programme_report_download",
        args=[programme_report.programme_id, programme_report.pk, "csv"],
    )
    text = read(client.get(url)).decode("utf-8-sig")
    rows = {(r[0], r[3]): r[4:] for r in csv.reader(io.StringIO(text))}
    language = str(ServiceCategory.objects.get(code="language", centre=None).name)
    assert rows[("use.people", language)] == ["53", "0", "0", "48", "5"]
    assert rows[("use.places", language)] == ["30", "0", "0", "10", "20"]
