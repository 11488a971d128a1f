"""An export as the answer to a request, with its row in the audit trail."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils import translation

from ..models import AuditEntry
from .tables import CONTENT_TYPES, FORMATS, Table


def audit(table: Table, fmt: str, *, audit_on, rows: int | None = None, **kwargs) -> int:
    """Write the trail's export row for `table` (against `audit_on`: a centre, a
    programme or a report) and return the number of rows it records."""
    rows = table.count() if rows is None else rows
    AuditEntry.objects.log_export(audit_on, what=table.what, fmt=fmt, rows=rows, **kwargs)
    return rows


def respond(table: Table, fmt: str, *, audit_on, filename: str) -> HttpResponse:
    """`table` as a download named `filename` (without its extension) in `fmt`, audited.

    CSV streams as it is read; XLSX is written to a temporary file first (a workbook
    cannot be streamed) and sent from it, so memory stays flat either way.
    Raises Http404 for a format other than `FORMATS`."""
    if fmt not in FORMATS:
        raise Http404
    audit(table, fmt, audit_on=audit_on)
    if fmt == "csv":
        response = StreamingHttpResponse(table.csv_lines(), content_type=CONTENT_TYPES[fmt])
    else:
        target = tempfile.TemporaryFile()
        table.write_xlsx(target)
        target.seek(0)
        response = FileResponse(target, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Content-Language"] = translation.get_language()
    return response
