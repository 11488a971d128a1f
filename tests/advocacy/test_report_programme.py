"""The coordinator's programme view: centres side by side, totals that are safe, the
programme's reports and exports; never an individual record."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from advocacy.models import FeedbackReport
from advocacy.reports.actions import report_build
from advocacy.reports.programme import total
from advocacy.reports.scope import Scope
from advocacy.statistics.audit import Cell, audit
from advocacy.statistics.releases import family, release
from centres.models import AuditEntry, Role
from tests.factories import CentreFactory, CentreRoleFactory, MemberFactory, VisitFactory
from tests.releases import released_for_programme

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 4, 15, 12, tzinfo=UTC)


def visits(centre, small_hour):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)
    if small_hour is not None:  # one person alone at that hour: hidden
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, 5, small_hour, tzinfo=UTC))
    member = MemberFactory(centre=centre)
    for day in range(1, 8):
        VisitFactory(
            centre=centre, member=member, arrived_at=datetime(2026, 3, day, 11, tzinfo=UTC)
        )
    return member


@pytest.fixture
def second(programme):
    return CentreFactory(programme=programme, name="Zarqa centre", code="ZRQ")


@pytest.fixture
def members(centre, second):
    return [visits(centre, small_hour=3), visits(second, small_hour=None)]


def _rows(contents, name):
    return {r["label"]: r for t in contents["tables"] if t["name"] == name for r in t["rows"]}


def test_totals_are_sums_of_published_cells_and_hidden_with_any_hidden(
    programme, centre, second, members
):
    report, _ = report_build(scope=Scope.for_programme(programme), period="2026-03", now=NOW)
    a, b = (release(centre=c, period="2026-03", now=NOW) for c in (centre, second))
    assert report.contents["centres"] == [centre.pk, second.pk]
    people = _rows(report.contents, "visits.total")["people"]
    assert people["centres"] == [68, 67] and people["values"][0] == 135
    summed = hidden_by_one = 0
    for table in report.contents["tables"]:
        for row in table["rows"]:
            cells = [r.value(table["name"], row["label"]) for r in (a, b)]
            if all(row["label"] in r.table(table["name"]) for r in (a, b)):
                assert row["centres"] == cells
                assert row["values"][0] == total(cells)
            shown = row["values"][0]
            summed += shown is not None and shown > 0
            hidden_by_one += shown is None and cells.count(None) == 1
            assert shown is None or shown == 0 or shown >= programme.suppression_threshold
    assert summed > 5 and hidden_by_one > 0


def test_the_auditor_passes_over_the_centres_and_the_programme_totals(
    programme, centre, second, members
):
    """Every centre's family of releases and the programme's totals together: each
    hidden cell can still be anything from 0 to at least the threshold."""
    report, _ = report_build(scope=Scope.for_programme(programme), period="2026-03", now=NOW)
    threshold = programme.suppression_threshold
    cells, hidden, links, alone = {}, set(), [], {}
    for centre_ in (centre, second):
        known = family(centre_, 2026, threshold)

        def tag(atoms, c=centre_.pk):
            return frozenset((c, *atom) for atom in atoms)

        for key, cell in known.cells.items():
            cells[(centre_.pk, *key)] = Cell(tag(cell.atoms), cell.value)
        hidden |= {(centre_.pk, *key) for key in known.hidden}
        links += [type(link)(tag(link.left), tag(link.right)) for link in known.links]
        alone[centre_.pk] = audit(known.cells, known.hidden, threshold, known.links)
    assert hidden
    totals = 0
    for table in report.contents["tables"]:
        for row in table["rows"]:
            parts = [
                cells.get((c, "2026-03", table["name"], row["label"]))
                for c in (centre.pk, second.pk)
            ]
            if row["values"][0] is None or None in parts:
                continue
            atoms = frozenset().union(*(p.atoms for p in parts))
            cells[("programme", table["name"], row["label"])] = Cell(atoms, row["values"][0])
            totals += 1
    assert totals > 50
    together = audit(cells, hidden, threshold, links)
    assert together.safe
    for centre_ in (centre, second):
        for key, interval in alone[centre_.pk].intervals.items():
            assert together.intervals[(centre_.pk, *key)] == interval  # not narrowed at all


def test_the_auditor_would_catch_a_total_over_a_hidden_cell(programme, centre, second, members):
    """The rule can fail: a total that adds a hidden cell to published ones would pin
    the hidden cell down, and the auditor says so."""
    threshold = programme.suppression_threshold
    release(centre=centre, period="2026-03", now=NOW)
    known = family(centre, 2026, threshold)
    assert audit(known.cells, known.hidden, threshold, known.links).safe
    small = ("2026-03", "visits.hour", "06")  # one person alone at 06:00 in Amman
    assert small in known.hidden and known.cells[small].value == 1
    published = ("2026-03", "visits.hour", "12")
    assert published not in known.hidden
    cells = dict(known.cells)
    cells[("programme", *small[1:])] = Cell(
        known.cells[small].atoms | known.cells[published].atoms,
        known.cells[small].value + known.cells[published].value,
    )
    assert not audit(cells, known.hidden, threshold, known.links).safe


def url(name, programme, *args):
    return reverse(name, args=[programme.pk, *args])


def test_the_coordinator_sees_the_centres_side_by_side(client, coordinator, programme, members):
    released_for_programme(programme, "2026-03")  # as the hourly schedule has by now
    client.force_login(coordinator)
    response = client.get(url("programme_figures", programme), {"period": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amman centre" in html and "Zarqa centre" in html and ">120<" in html
    for member in members:  # no record of a person, not even a pseudonym
        assert member.code not in html


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_programme_figures_name_their_periods(
    client, coordinator, programme, members, language
):
    """The heading and the period select showed keys ("2026-03")."""

    from advocacy.statistics.labels import period_name

    released_for_programme(programme, "2026-03")  # as the hourly schedule has by now
    client.force_login(coordinator)
    client.cookies["django_language"] = language
    html = client.get(url("programme_figures", programme), {"period": "2026-03"}).content.decode()
    with translation.override(language):
        name = period_name("2026-03")
    assert name != "2026-03"
    assert f"<bdi>{name}</bdi></h1>" in html
    assert f'<option value="2026-03" selected>{name}</option>' in html
    assert ">2026-03<" not in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_programme_exports_are_audited(client, coordinator, programme, members, fmt):
    client.force_login(coordinator)
    before = AuditEntry.objects.count()
    response = client.get(url("programme_figures_export", programme, fmt), {"period": "2026-03"})
    assert response.status_code == 200
    entry = AuditEntry.objects.latest("pk")
    assert AuditEntry.objects.count() == before + 1
    assert entry.changes["export"][:2] == ["programme_figures", fmt] and entry.actor == coordinator
    if fmt == "csv":
        text = response.getvalue().decode()
        assert text.startswith("\ufeff") and "2026-03 AMM" in text and "2026-03 ZRQ" in text
        assert all(member.code not in text for member in members)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
@pytest.mark.parametrize(
    "period, reason",
    [
        ("2026-W47", "by month, quarter or year"),
        ("2099-01", "periods that have ended"),
        ("garbage", "Choose a month, quarter or year"),
        ("", "Choose a month, quarter or year"),
        (None, "Choose a period to export."),
    ],
)
def test_a_bad_export_period_answers_400_with_the_reason_and_no_file(
    client, coordinator, programme, members, fmt, period, reason
):
    client.force_login(coordinator)
    before = AuditEntry.objects.count()
    query = {} if period is None else {"period": period}
    response = client.get(url("programme_figures_export", programme, fmt), query)
    # A page saying why, never the figures page posing as the file.
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    page = response.content.decode()
    assert reason in page and 'role="alert"' in page and "table-visits-total" not in page
    assert AuditEntry.objects.count() == before
    # The same download of a released period is the file: the refusal came from the period.
    response = client.get(url("programme_figures_export", programme, fmt), {"period": "2026-03"})
    assert response.status_code == 200 and "2026-03" in response["Content-Disposition"]


def test_a_refused_export_is_explained_in_the_readers_language(client, coordinator, programme):
    client.force_login(coordinator)
    response = client.get(
        url("programme_figures_export", programme, "csv"),
        {"period": "2099-01"},
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 400
    with translation.override("ar"):
        assert translation.gettext("Figures are shown only for periods that have ended.") in (
            response.content.decode()
        )


def test_an_unknown_export_format_is_not_found(client, coordinator, programme, members):
    client.force_login(coordinator)
    response = client.get(url("programme_figures_export", programme, "html"), {"period": "2026-03"})
    assert response.status_code == 404


def test_programme_reports_for_the_coordinator(client, coordinator, programme, members):
    report, _ = report_build(scope=Scope.for_programme(programme), period="2026-03", now=NOW)
    client.force_login(coordinator)
    assert client.get(url("programme_reports", programme)).status_code == 200
    page = client.get(url("programme_report_detail", programme, report.pk))
    assert page.status_code == 200 and "Zarqa centre" in page.content.decode()
    for fmt in ("csv", "xlsx", "pdf"):
        assert (
            client.get(url("programme_report_download", programme, report.pk, fmt)).status_code
            == 200
        )
    assert client.post(url("programme_report_detail", programme, report.pk)).status_code == 405


def test_the_coordinator_rebuilds_once(
    client, coordinator, programme, members, django_capture_on_commit_callbacks
):
    report_build(scope=Scope.for_programme(programme), period="2026-03", now=NOW)
    client.force_login(coordinator)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                url("programme_report_build", programme), {"period": "2026-03", "replacing": "1"}
            )
    assert FeedbackReport.objects.for_programme(programme).count() == 2


def test_centre_roles_are_refused_and_other_programmes_not_found(
    client, manager, committee_member, outsider, programme, members
):
    report, _ = report_build(scope=Scope.for_programme(programme), period="2026-03", now=NOW)
    pages = [
        url("programme_figures", programme),
        url("programme_reports", programme),
        url("programme_report_detail", programme, report.pk),
        url("programme_report_download", programme, report.pk, "csv"),
        url("programme_figures_export", programme, "csv") + "?period=2026-03",
    ]
    for user in (manager, committee_member):
        client.force_login(user)
        assert [client.get(p).status_code for p in pages] == [403] * len(pages)
        assert (
            client.post(url("programme_report_build", programme), {"period": "2026-03"}).status_code
            == 403
        )
    client.force_login(outsider)
    assert [client.get(p).status_code for p in pages] == [404] * len(pages)


def test_a_coordinator_reaches_no_record_through_centre_reports(
    client, coordinator, centre, programme, members
):
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=NOW)
    client.force_login(coordinator)
    for path in (
        reverse("report_detail", args=[centre.pk, report.pk]),
        reverse("report_download", args=[centre.pk, report.pk, "csv"]),
        reverse("member_list", args=[centre.pk]),
        reverse("case_list", args=[centre.pk]),
        reverse("visit_list", args=[centre.pk]),
    ):
        assert client.get(path).status_code == 403, path
    # A centre report's id under the programme's address is not found.
    assert client.get(url("programme_report_detail", programme, report.pk)).status_code == 404


def test_a_coordinator_of_another_programme_gets_nothing(client, programme, members, other_centre):
    from tests.factories import ProgrammeCoordinatorFactory, UserFactory

    stranger = ProgrammeCoordinatorFactory(
        programme=other_centre.programme, user=UserFactory()
    ).user
    CentreRoleFactory(centre=other_centre, role=Role.WORKER_MEMBER, user=stranger)
    client.force_login(stranger)
    assert client.get(url("programme_figures", programme)).status_code == 404


def test_the_programme_figures_read_as_many_queries_for_any_number_of_centres(
    client, coordinator, programme, members
):
    """Stored releases are read together, kinds of service of every centre at once."""
    released_for_programme(programme, "2026-03")  # as the hourly schedule has by now
    client.force_login(coordinator)
    path, period = url("programme_figures", programme), {"period": "2026-03"}
    client.get(path, period)
    with CaptureQueriesContext(connection) as two:
        assert client.get(path, period).status_code == 200
    for n in range(3):
        CentreFactory(programme=programme, name=f"Centre {n}", code=f"CX{n}")
    released_for_programme(programme, "2026-03")
    client.get(path, period)
    with CaptureQueriesContext(connection) as five:
        assert client.get(path, period).status_code == 200
    assert len(five) == len(two)


def test_the_programme_figures_tables_are_rendered_once_per_language_and_releases(
    client, coordinator, programme, centre, members
):
    from advocacy.statistics.models import Release

    released_for_programme(programme, "2026-03")  # as the hourly schedule has by now
    client.force_login(coordinator)
    path, period = url("programme_figures", programme), {"period": "2026-03"}
    first = client.get(path, period).content.decode()
    with CaptureQueriesContext(connection) as again:
        second = client.get(path, period).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert token.sub("", second) == token.sub("", first)
    assert not any("advocacy_release" in q["sql"] and "published" in q["sql"] for q in again)
    client.cookies["django_language"] = "ar"
    arabic = client.get(path, period).content.decode()
    assert "Previous period" in first and "Previous period" not in arabic  # its own tables
    del client.cookies["django_language"]
    # A release built again is a new row: the tables are rendered from it.
    Release.objects.filter(centre=centre, period_start="2026-03-01").delete()
    centre.name = "Amman centre, renamed"
    centre.save()
    assert "Amman centre, renamed" in client.get(path, period).content.decode()
