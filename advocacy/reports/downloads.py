"""A report's downloads: PDF (WeasyPrint, the recommendation letter's approach and
fonts), and its tables as CSV and XLSX (written by `centres.exports`). Every download
writes an export row to the audit trail."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.exports import Column, Table
from centres.exports.respond import respond
from centres.models import AuditEntry, Centre

from .contents import COMPARED
from .models import FeedbackReport
from .present import ABSENT, HIDDEN, Namer, named_tables
from .scope import Scope
from .views import before_records_page, get_report, report_context

PDF = "application/pdf"


def _css() -> str:
    with open(finders.find("css/report.css"), encoding="utf-8") as css:
        return css.read()


def report_pdf(report: FeedbackReport) -> bytes:
    return contents_pdf(report_context(None, report))


def contents_pdf(context: dict) -> bytes:
    """A report (or a programme view) as PDF bytes, in the active language. Fonts: Noto
    (fonts-noto-core) for Latin, Arabic, Devanagari and Bengali, as the letters."""
    from weasyprint import HTML

    # `printing`: charts as tables of HTML names and figures beside SVG bars, since
    # WeasyPrint draws SVG text without Arabic joining (`charts.row_bar_chart`).
    html = render_to_string(
        "advocacy/reports/report_print.html",
        {**context, "inline_css": _css(), "printing": True},
    )
    return HTML(string=html).write_pdf()


def report_table(report: FeedbackReport) -> Table:
    return contents_table(Scope.of(report.scope_kind, report.scope_id), report.contents)


def contents_table(scope: Scope, contents: dict, *, what: str = "feedback_report") -> Table:
    """One row per released cell: stable codes, the translated names, and the figure of
    the period, the previous period and a year before ("hidden", translated, for a
    suppressed figure; "—" for one not in that release). A programme's adds each
    centre's figure."""
    centres = scope.centres()
    compared = contents.get("compared", [""] * len(COMPARED))
    names = [
        Column("table"),
        Column("row", free_text=True),
        Column("table_label", free_text=True),
        Column("row_label", free_text=True),
        *(Column(name) for name in compared),
    ]
    if scope.centre is None:
        names += [Column(f"{compared[0]} {centre.code}") for centre in centres]
    rows = []
    for table in named_tables(contents, Namer(centres)):
        for row in table["rows"]:
            cells = [_marked(c) for c in row["cells"]]
            if scope.centre is None:
                cells += [_marked(c) for c in row["centre_cells"]]
            rows.append(
                [table["name"], row["label"], str(table["title"]), str(row["name"]), *cells]
            )
        if table["name"] == "use.people" and "facts" in contents:
            rows += offer_rows(contents, table["rows"], centres=scope.centre is None)
    return Table(what=what, columns=names, rows=rows, count=rows.__len__)


def offer_rows(contents: dict, use: list[dict], *, centres: bool) -> list[list]:
    """The places and sessions offered for each row of people at sessions, beside them,
    in each compared period (and, with `centres`, each of a programme's centres): the
    centres' own offer, released exactly (`facts`); "—" for a period not released.
    People and places side by side, never a percentage: walk-ins can make people
    outnumber places."""
    facts = contents.get("facts", {})
    unreleased = set(contents.get("not_released", []))
    offered = {"places": _("Places offered"), "sessions": _("Sessions held")}
    rows = []
    for field, title in offered.items():
        for row in use:
            cells = [
                "—" if c in unreleased else facts.get(c, {}).get(row["label"], {}).get(field, 0)
                for c in COMPARED
            ]
            if centres:
                cells += [
                    each.get(row["label"], {}).get(field, 0)
                    for each in contents.get("centre_facts", [])
                ]
            rows.append([f"use.{field}", row["label"], str(title), str(row["name"]), *cells])
    return rows


def _marked(cell: dict):
    """A figure as a number; a hidden one as the word "hidden" in the reader's language,
    one not in that release as "—" (two different reasons, never an empty cell)."""
    if cell["state"] == HIDDEN:
        return pgettext("a figure not shown to protect small groups", "hidden")
    if cell["state"] == ABSENT:
        return "—"
    return cell["value"]


def filename(report: FeedbackReport, fmt: str) -> str:
    scope = Scope.of(report.scope_kind, report.scope_id)
    who = scope.centre.code if scope.centre is not None else f"P{scope.programme.pk}"
    return f"feedback-report-{who}-{report.period.key}-v{report.version}.{fmt}"


def serve(fmt: str, *, scope: Scope, context: dict, contents: dict, audit_on, what: str,
          name: str) -> HttpResponse:  # fmt: skip
    """`contents` as `fmt`, its export recorded against `audit_on` in the audit trail."""
    if fmt != "pdf":
        table = contents_table(scope, contents, what=what)
        return respond(table, fmt, audit_on=audit_on, filename=name.rsplit(".", 1)[0])
    content = contents_pdf(context)
    AuditEntry.objects.log_export(
        audit_on, what=what, fmt=fmt, rows=len(contents.get("tables", []))
    )
    response = HttpResponse(content, content_type=PDF)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Language"] = translation.get_language()
    return response


def download(report: FeedbackReport, fmt: str) -> HttpResponse:
    return serve(
        fmt,
        scope=Scope.of(report.scope_kind, report.scope_id),
        context=report_context(None, report) if fmt == "pdf" else {},
        contents=report.contents,
        audit_on=report,
        what="feedback_report",
        name=filename(report, fmt),
    )


@require_GET
@centre_view("advocacy.view_reports")
def report_download(request: HttpRequest, centre: Centre, report_id: int, fmt: str):
    report = get_report(centre, report_id)
    if (refused := before_records_page(request, report)) is not None:
        return refused
    return download(report, fmt)
