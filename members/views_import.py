"""Bulk import of members: upload, dry run and preview, then confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from centres.access import centre_view
from centres.exports import CONTENT_TYPES, Column, Table
from centres.models import Centre
from centres.notices import refusal_text
from centres.numbers import figure

from . import imports
from .imports.look_alikes import by_row, look_alikes, skip_all_label, summary
from .resources import COLUMNS


@require_http_methods(["GET", "POST"])
@centre_view("members.import_members")
def member_import(request: HttpRequest, centre: Centre) -> HttpResponse:
    if request.method == "GET" and request.GET.get("example") == "csv":
        return _example_csv()
    if request.method == "POST" and "import_id" in request.POST:
        return _confirm(request, centre)
    context = {"centre": centre}
    if request.method == "POST":
        # A new file replaces any import waiting for confirmation.
        imports.upload_discard(request.session)
        form = imports.MemberImportForm(request.POST, request.FILES)
        if form.is_valid():
            problems = imports.check(form.sheet, centre=centre)
            if problems:
                context["problems"] = problems
            else:
                context["preview"] = imports.preview(form.sheet)
                found = look_alikes(form.sheet, centre=centre)
                context["look_alikes"] = found
                context["look_alike_summary"] = summary(found, rows=len(form.sheet.row_numbers))
                context["look_alike_rows"] = by_row(found)
                context["skip_all_label"] = skip_all_label(found)
                context["import_id"] = imports.upload_set_aside(
                    request.session, form.upload, centre=centre, user=request.user
                )
    else:
        form = imports.MemberImportForm()
    return _page(request, context, form)


def _confirm(request: HttpRequest, centre: Centre) -> HttpResponse:
    context = {"centre": centre}
    import_id = request.POST.get("import_id", "")
    upload = imports.upload_claim(request.session, import_id, centre=centre, user=request.user)
    if upload is None:
        context["refusal"] = _(
            "This import has expired or was already used. Upload the file again."
        )
        return _page(request, context)
    try:
        sheet = imports.read_sheet(upload)
        skip = _rows_to_skip(request, sheet, centre)
        count = imports.members_import(centre=centre, by=request.user, sheet=sheet, skip_rows=skip)
    except ValidationError as error:
        context["refusal"] = refusal_text(error)
    except imports.ImportFailed as failure:
        context["problems"] = failure.problems
    else:
        messages.success(
            request,
            ngettext("%(count)s member was imported.", "%(count)s members were imported.", count)
            % {"count": figure(count)},
        )
        if skip:
            messages.info(
                request,
                ngettext(
                    "%(count)s row that looked like someone was skipped.",
                    "%(count)s rows that looked like someone were skipped.",
                    len(skip),
                )
                % {"count": figure(len(skip))},
            )
        return redirect("member_list", centre_id=centre.pk)
    return _page(request, context)


def _rows_to_skip(request: HttpRequest, sheet: imports.Sheet, centre: Centre) -> set[int]:
    """The rows of the sheet the importer chose to leave out: those ticked one by one,
    and with "skip all", every row that looks like someone now (found again: a member
    registered since the preview is matched too)."""
    skip = {int(row) for row in request.POST.getlist("skip") if row.isdigit()}
    if request.POST.get("skip_all"):
        skip |= {row for row, _messages in by_row(look_alikes(sheet, centre=centre))}
    return skip & set(sheet.row_numbers)


def _page(request: HttpRequest, context: dict, form=None) -> HttpResponse:
    context.setdefault("problems", [])
    context.update(
        form=form or imports.MemberImportForm(),
        columns=imports.column_guide(),
        example_header=COLUMNS,
    )
    return render(request, "members/member_import.html", context)


def _example_csv() -> HttpResponse:
    table = Table(
        what="members_import_example", columns=[Column(c) for c in COLUMNS], rows=[], count=int
    )
    response = HttpResponse("".join(table.csv_lines()), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = 'attachment; filename="members-import-example.csv"'
    return response
