"""A period that ended before a centre (or a programme's first centre) existed has no
figures: it is refused wherever a period is asked for, with the first period that has
figures named, instead of a report of zeros; the lists offer none of them."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import FeedbackReport
from advocacy.recommendations.evidence import offered_periods
from advocacy.reports.scope import Scope
from advocacy.reports.tasks import due_periods
from advocacy.statistics.beginnings import first_day
from advocacy.statistics.periods import (
    Period,
    PeriodRefused,
    centre_zone,
    closed_periods,
    outward_period,
)
from advocacy.statistics.releases import release
from centres.models import AuditEntry
from tests.factories import CentreFactory, VisitFactory
from tests.releases import released_for

pytestmark = pytest.mark.django_db
BEGAN = datetime(2025, 6, 10, 9, tzinfo=UTC)  # a Tuesday of week 24


@pytest.fixture
def young(programme):
    """A centre of the programme set up on 10 June 2025, as its other centre was."""
    centre = CentreFactory(programme=programme, name="Irbid centre", code="IRB", created_at=BEGAN)
    programme.centres.update(created_at=BEGAN)
    return centre


def test_a_centre_begins_on_its_creation_or_its_first_record(young):
    assert first_day([young], centre_zone(young)) == date(2025, 6, 10)
    # A register kept on paper before, entered back-dated: its day is the first.
    VisitFactory(centre=young, arrived_at=datetime(2025, 3, 3, 9, tzinfo=UTC))
    assert first_day([young], centre_zone(young)) == date(2025, 3, 3)
    assert first_day([], centre_zone(young)) is None


def test_the_rule_refuses_periods_that_ended_before_and_names_the_first():
    now = datetime(2026, 11, 30, tzinfo=UTC)
    since = date(2025, 6, 10)
    for key, first in [
        ("1970-01", "June 2025"),
        ("2025-05", "June 2025"),
        ("2025-W23", "Week 24, 2025"),
        ("2025-Q1", "Q2 2025"),
        ("2024", "2025"),
    ]:
        with pytest.raises(PeriodRefused) as refusal:
            outward_period(key, zone=UTC, now=now, since=since)
        assert first in str(refusal.value), (key, str(refusal.value))
    # The period holding the first day, and every later one, is released.
    for key in ["2025-06", "2025-W24", "2025-Q2", "2025"]:
        assert outward_period(key, zone=UTC, now=now, since=since).key == key


def test_the_lists_offer_no_period_before_the_first_day():
    now = datetime(2025, 9, 15, tzinfo=UTC)
    months = closed_periods("month", zone=UTC, now=now, count=12, since=date(2025, 6, 10))
    assert [p.key for p in months] == ["2025-08", "2025-07", "2025-06"]
    assert closed_periods("year", zone=UTC, now=now, count=2, since=date(2025, 6, 10)) == []


def test_no_release_is_built_for_a_period_before_the_centre(young):
    for key in ["1970-01", "2020-W53", "2025-W01", "2025-05"]:
        with pytest.raises(PeriodRefused):
            release(centre=young, period=key)
    assert release(centre=young, period="2025-06").period.key == "2025-06"


@pytest.mark.parametrize("period", ["1970-01", "2020-W53", "2025-W01"])
def test_the_build_form_refuses_it_with_the_first_period(
    client, cast, young, period, django_capture_on_commit_callbacks
):
    from centres.models import CentreRole, Role

    CentreRole.objects.create(user=cast["manager"], centre=young, role=Role.MANAGER)
    client.force_login(cast["manager"])
    url = reverse("report_build", args=[young.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"period": period})
    assert response.status_code == 400 and not callbacks
    [error] = response.context["form"].errors["period"]
    assert "ended before the records begin" in error
    assert "The first period with figures is" in error
    assert FeedbackReport.objects.count() == 0


def test_the_released_figures_refuse_it_and_list_none_before(client, cast, young):
    from centres.models import CentreRole, Role

    CentreRole.objects.create(
        user=cast["committee_member"], centre=young, role=Role.COMMITTEE_MEMBER
    )
    released_for(young)  # the last closed month, as the hourly schedule has by now
    client.force_login(cast["committee_member"])
    response = client.get(reverse("released_figures", args=[young.pk]), {"period": "1970-01"})
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert "January 1970" in message and "June 2025" in message
    shown = response.context["release"].period
    heading = response.content.decode().split("<h1>")[1].split("</h1>")[0]
    assert "January 1970" not in heading
    offered = response.context["form"].periods
    assert shown in offered and all(p.end > date(2025, 6, 10) for p in offered)


def test_a_centre_with_no_period_ended_yet_says_so(client, cast, programme):
    from centres.models import CentreRole, Role

    today = CentreFactory(programme=programme, code="NEW", created_at=timezone.now())
    CentreRole.objects.create(
        user=cast["committee_member"], centre=today, role=Role.COMMITTEE_MEMBER
    )
    client.force_login(cast["committee_member"])
    for view in ["released_figures", "feedback_summary"]:
        response = client.get(reverse(view, args=[today.pk]))
        if response.status_code == 403:
            continue
        assert response.status_code == 200
        assert "No figures yet" in response.content.decode()
    assert due_periods(Scope.for_centre(today), timezone.now()) == []
    assert offered_periods(today) == []


def test_the_programme_figures_refuse_it_and_the_heading_and_list_agree(
    client, coordinator, programme, young
):
    client.force_login(coordinator)
    url = reverse("programme_figures", args=[programme.pk])
    response = client.get(url, {"period": "1970-01"})
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert "June 2025" in message
    html = response.content.decode()
    heading, rest = html.split("<h1>")[1].split("</h1>", 1)
    period = response.context["period"]
    assert "January 1970" not in heading
    assert f'<option value="{period.key}" selected>' in rest
    # A period further back than the list goes is added to it, chosen.
    response = client.get(url, {"period": "2025-07"})
    html = response.content.decode()
    assert "July 2025</bdi></h1>" in html
    assert '<option value="2025-07" selected>' in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_the_programme_exports_refuse_it(client, coordinator, programme, young, fmt):
    client.force_login(coordinator)
    before = AuditEntry.objects.count()
    url = reverse("programme_figures_export", args=[programme.pk, fmt])
    for period, first in (("1970-01", "June 2025"), ("2021", "2025")):
        response = client.get(url, {"period": period})
        # Gone, as a report of such a period answers: the reason, and no file.
        assert response.status_code == 410 and "Content-Disposition" not in response
        assert f"The first period with figures is {first}." in response.content.decode()
    assert AuditEntry.objects.count() == before


def test_a_programme_begins_with_its_first_centre(programme, young):
    CentreFactory(programme=programme, code="OLD", created_at=datetime(2024, 2, 1, tzinfo=UTC))
    assert Scope.for_programme(programme).first_day == date(2024, 2, 1)
    assert Scope.for_programme(programme).closed_period(Period.parse("2024-02"))


# --- A comparison with a period before the records begin: "—", and why ----------------


@pytest.fixture
def weekly(young):
    """The report of 2025-W48 (24–30 November 2025) of a centre begun in June 2025: its
    year before, 2024-W48, ended before the records begin."""
    from advocacy.reports.actions import report_build

    for day in range(17, 31):
        VisitFactory(centre=young, arrived_at=datetime(2025, 11, day, 9, tzinfo=UTC), people=3)
    now = datetime(2025, 12, 10, 12, tzinfo=UTC)
    report, _ = report_build(scope=Scope.for_centre(young), period="2025-W48", now=now)
    return report


def _total(contents):
    (table,) = (t for t in contents["tables"] if t["name"] == "visits.total")
    return table["rows"][0]


def test_the_year_before_reads_no_figures_not_zero(weekly):
    assert weekly.contents["compared"] == ["2025-W48", "2025-W47", "2024-W48"]
    assert weekly.contents["not_released"] == ["last_year"]
    assert weekly.contents["before_records"] == ["last_year"]
    row = _total(weekly.contents)
    assert row["values"] == [21, 21, None] and 2 in row["absent"]


def test_the_page_and_the_pdf_show_a_dash_and_say_why(client, cast, young, weekly):
    from django.template.loader import render_to_string

    from advocacy.reports.views import report_context
    from centres.models import CentreRole, Role

    CentreRole.objects.create(user=cast["manager"], centre=young, role=Role.MANAGER)
    client.force_login(cast["manager"])
    page = client.get(reverse("report_detail", args=[young.pk, weekly.pk])).content.decode()
    printed = render_to_string("advocacy/reports/report_print.html", report_context(None, weekly))
    for html in (page, printed):
        assert "ended before the records begin" in html
        assert "A column marked “—” is not released." in html
        table = html.split('id="table-visits-total"', 1)[1].split("</table>", 1)[0]
        assert ">21<" in table and ">0<" not in table and "—" in table


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_downloads_show_a_dash(client, cast, young, weekly, fmt):
    import io

    from openpyxl import load_workbook

    from centres.models import CentreRole, Role

    CentreRole.objects.create(user=cast["manager"], centre=young, role=Role.MANAGER)
    client.force_login(cast["manager"])
    response = client.get(reverse("report_download", args=[young.pk, weekly.pk, fmt]))
    if fmt == "csv":
        rows = [line.split(",") for line in response.getvalue().decode("utf-8").splitlines()]
    else:
        book = load_workbook(io.BytesIO(response.getvalue()))
        rows = [
            ["" if v is None else str(v) for v in r]
            for r in book.active.iter_rows(values_only=True)
        ]
    header = rows[0]
    total = next(r for r in rows if r[:2] == ["visits.total", "people"])
    assert total[header.index("2024-W48")] == "—"
    assert total[header.index("2025-W48")] == "21"
