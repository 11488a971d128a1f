"""Report pages and downloads: the manager and the committee read a centre's reports,
the manager rebuilds a period; everyone else is refused, another centre is not found."""

import io
import re
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.html import escape

from advocacy.models import FeedbackReport
from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from centres.models import AuditEntry
from tests.factories import MemberFactory, VisitFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 4, 15, 12, tzinfo=UTC)
READERS = ["manager", "committee_member"]
REFUSED = ["social_worker", "legal", "worker", "coordinator"]


@pytest.fixture
def report(centre):
    centre.name = "مركز عمان للعمال"
    centre.save()
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)
    VisitFactory(centre=centre, arrived_at=datetime(2026, 3, 5, 3, tzinfo=UTC), gender="other")
    member = MemberFactory(centre=centre)
    for day in range(1, 8):
        VisitFactory(
            centre=centre, member=member, arrived_at=datetime(2026, 3, day, 11, tzinfo=UTC)
        )
    built, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=NOW)
    return built


def detail(report):
    return reverse("report_detail", args=[report.centre_id, report.pk])


def download(report, fmt):
    return reverse("report_download", args=[report.centre_id, report.pk, fmt])


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_report_with_comparisons(client, cast, report, role):
    client.force_login(cast[role])
    response = client.get(detail(report))
    assert response.status_code == 200
    html = response.content.decode()
    assert "March 2026" in html and "February 2026" in html and "March 2025" in html
    assert 'id="table-visits-total"' in html and ">68<" in html  # 68 people, not hidden
    assert "row-chart" in html
    listing = client.get(reverse("report_list", args=[report.centre_id]))
    assert listing.status_code == 200 and detail(report) in listing.content.decode()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_report_names_its_periods_in_the_readers_language(client, manager, report, language):
    """Heading, title, comparison columns and the list showed keys ("2026-03")."""
    from django.utils import translation

    from advocacy.statistics.labels import period_name
    from centres.templatetags.bidi import isolate

    client.force_login(manager)
    client.cookies["django_language"] = language
    html = client.get(detail(report)).content.decode()
    listing = client.get(reverse("report_list", args=[report.centre_id])).content.decode()
    with translation.override(language):
        names = [period_name(key) for key in ("2026-03", "2026-02", "2025-03")]
    assert names[0] != "2026-03"
    for key, name in zip(("2026-03", "2026-02", "2025-03"), names, strict=True):
        assert isolate(name) in html and f">{key}<" not in html
    assert f"· {names[0]} · " in html  # the page's title
    table = listing.split('id="reports"')[1].split("</table>")[0]  # not the form's examples
    assert f"<bdi>{names[0]}</bdi>" in table and ">2026-03<" not in table


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_build_time_is_in_the_languages_own_format(client, manager, report, language):
    """The page and the list dated a build "j F Y, H:i": a Latin comma in Arabic."""
    from django.utils import translation
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from centres.local_time import zone_of

    client.force_login(manager)
    client.cookies["django_language"] = language
    html = client.get(detail(report)).content.decode()
    listing = client.get(reverse("report_list", args=[report.centre_id])).content.decode()
    built = localtime(report.built_at, zone_of(report.centre))  # the centre's time
    with translation.override(language):
        when = date_format(built, "DATETIME_FORMAT")
    for page in (html, listing):
        assert when in page and f"{built.year}, " not in page


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(client, cast, report, role):
    client.force_login(cast[role])
    assert client.get(detail(report)).status_code == 403
    assert client.get(download(report, "csv")).status_code == 403
    assert client.get(reverse("report_list", args=[report.centre_id])).status_code == 403


def test_another_centre_is_not_found(client, outsider, report, other_centre, manager):
    client.force_login(outsider)
    assert client.get(detail(report)).status_code == 404
    assert client.get(download(report, "pdf")).status_code == 404
    # The outsider's own centre does not hold this report either.
    mine = reverse("report_detail", args=[other_centre.pk, report.pk])
    assert client.get(mine).status_code == 404


def test_wrong_methods(client, manager, report):
    client.force_login(manager)
    assert client.post(detail(report)).status_code == 405
    assert client.post(download(report, "csv")).status_code == 405
    assert client.get(reverse("report_build", args=[report.centre_id])).status_code == 405


def test_the_manager_rebuilds_a_period_once_however_often_the_form_is_sent(
    client, manager, report, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("report_build", args=[report.centre_id])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"period": "2026-03", "replacing": "1"})
        assert response.status_code == 302
    versions = FeedbackReport.objects.for_centre(report.centre).order_by("version")
    assert [(r.version, r.is_current) for r in versions] == [(1, False), (2, True)]
    assert versions[1].built_by == manager


@pytest.mark.parametrize(
    "period", ["", "2026-13", "2099-W10", "2099-01", "<script>", "1970-01", "2019-W52"]
)
def test_a_bad_period_is_explained_and_nothing_is_built(
    client, manager, report, period, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("report_build", args=[report.centre_id])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"period": period, "replacing": "1"})
    # The form again, as typed, with the reason beside the field; nothing queued.
    assert response.status_code == 400 and not callbacks
    form = response.context["form"]
    assert form.errors["period"]
    page = response.content.decode()
    assert f'value="{escape(period)}"' in page or not period
    assert 'aria-invalid="true"' in page
    assert FeedbackReport.objects.count() == 1
    # The same form with a valid period works: the refusal came from the period.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"period": "2026-03", "replacing": "1"})
    assert FeedbackReport.objects.count() == 2


def test_the_committee_may_not_rebuild(client, committee_member, report):
    client.force_login(committee_member)
    url = reverse("report_build", args=[report.centre_id])
    assert client.post(url, {"period": "2026-03", "replacing": "1"}).status_code == 403
    assert FeedbackReport.objects.count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_every_download_is_audited(client, committee_member, report, fmt):
    client.force_login(committee_member)
    before = AuditEntry.objects.count()
    response = client.get(download(report, fmt))
    assert response.status_code == 200
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.changes["export"][:2] == ["feedback_report", fmt]
    assert entry.actor == committee_member and entry.centre_id == report.centre_id


def test_an_unknown_format_is_not_found_and_not_audited(client, manager, report):
    client.force_login(manager)
    before = AuditEntry.objects.count()
    assert client.get(download(report, "exe")).status_code == 404
    assert AuditEntry.objects.count() == before


def test_csv_has_a_bom_and_the_releases_figures(client, manager, report):
    client.force_login(manager)
    content = client.get(download(report, "csv")).getvalue().decode("utf-8")
    assert content.startswith("\ufeff")
    assert "visits.total,people,People who came,Total,68," in content
    hidden_hour = next(line for line in content.splitlines() if line.startswith("visits.hour,03"))
    assert hidden_hour.split(",")[4] == "hidden"  # the word, never the count


def test_xlsx_opens(client, manager, report):
    from openpyxl import load_workbook

    client.force_login(manager)
    book = load_workbook(io.BytesIO(client.get(download(report, "xlsx")).getvalue()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("table", "row", "table_label", "row_label")
    assert ("visits.total", "people") == rows[1][:2]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_pdf_holds_the_arabic_centre_name_as_text(client, manager, report, language, tmp_path):
    manager.preferred_language = language
    manager.save()
    client.force_login(manager)
    client.cookies["django_language"] = language
    response = client.get(download(report, "pdf"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    # pdftotext gives the Arabic as text in reading order, inside bidi embedding marks.
    assert "مركز عمان للعمال" in re.sub("[\u202a-\u202e]", "", text)
    from django.utils import translation

    from advocacy.statistics.labels import period_name

    with translation.override(language):
        assert period_name("2026-03") in re.sub("[\u202a-\u202e]", "", text)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_pdf_draws_its_charts_with_names_as_text(client, manager, report, language, tmp_path):
    """Every chart of the page is in the PDF too, in Arabic as in English: its names and
    figures are HTML text (which WeasyPrint shapes), so a charted row's name is printed
    twice, beside its bar and in the table. A right-to-left PDF used to leave the charts
    out (SVG text is drawn without Arabic joining), and its names were printed once.
    (Looked at: the Arabic names join, bars grow leftwards from them.)"""
    from django.utils import translation

    from advocacy.reports.present import Namer, page_sections

    with translation.override(language):
        charted = [
            row["name"]
            for section in page_sections(report.contents, Namer([report.centre]))
            for table in section["tables"]
            if table["chart"]
            for row in table["rows"]
        ]
    assert charted
    client.force_login(manager)
    client.cookies["django_language"] = language
    response = client.get(download(report, "pdf"), HTTP_ACCEPT_LANGUAGE=language)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    # pdftotext takes Arabic words apart (marks and ligatures out of order): the hours'
    # names ("09:00–10:00") are compared in every language, all names in English.
    compared = [str(name) for name in charted if language == "en" or str(name).isascii()]
    assert compared
    printed = " ".join(re.sub("[\u202a-\u202e\u2066-\u2069]", "", text).split())
    assert [name for name in compared if printed.count(" ".join(name.split())) < 2] == []


def test_a_table_with_no_bar_to_draw_has_no_chart(report):
    """A chart whose every figure is 0 or hidden draws nothing a table does not say in
    fewer lines (in a week's PDF, a third of the pages): only tables with a bar get one."""
    from advocacy.reports.present import Namer, page_sections

    tables = [
        table
        for section in page_sections(report.contents, Namer([report.centre]))
        for table in section["tables"]
        if len(table["rows"]) > 1 and not table["magnitude"]
    ]
    empty = [t for t in tables if not any(row["values"][0] for row in t["rows"])]
    drawn = [t for t in tables if any(row["values"][0] for row in t["rows"])]
    assert empty and drawn
    assert [t["name"] for t in empty if t["chart"]] == []
    assert [t["name"] for t in drawn if not t["chart"]] == []
