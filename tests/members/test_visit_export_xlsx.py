"""The visit export's XLSX holds what its CSV holds: times in the centre's zone (in the
CSV as text with their offset, in the XLSX as real times and dates a spreadsheet
filters and sorts), counts as numbers, typed text neutralised (in the XLSX by the
quote prefix, no apostrophe shown)."""

import csv
import io
from datetime import UTC, datetime

from django.urls import reverse
from openpyxl import load_workbook

from centres.categories import ServiceCategory

from ..factories import MemberFactory, VisitFactory

TIMES = ("arrived_at", "arrived_on", "left_at")


def _visits(centre):
    nasty = ServiceCategory.objects.create(
        code="x", own_name="=HYPERLINK(1)", kind="supplementary", centre=centre
    )
    member = MemberFactory(centre=centre)
    # 22:30 UTC on the 29th is 01:30 on the 30th in Amman (UTC+3).
    VisitFactory(
        centre=centre,
        member=member,
        arrived_at=datetime(2026, 11, 29, 22, 30, tzinfo=UTC),
        left_at=datetime(2026, 11, 29, 23, 15, tzinfo=UTC),
    ).purposes.set([nasty])
    VisitFactory(
        centre=centre, people=4, gender="woman", arrived_at=datetime(2026, 11, 29, 8, tzinfo=UTC)
    )
    return member


def test_times_are_the_centres_local_time_and_free_text_is_neutralised(client, manager, centre):
    member = _visits(centre)
    client.force_login(manager)
    response = client.get(reverse("visit_export", args=[centre.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, sheet[2], strict=True))
    assert first["arrived_at"].value == datetime(2026, 11, 30, 1, 30)
    assert first["arrived_at"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert first["arrived_on"].value == datetime(2026, 11, 30)
    assert first["arrived_on"].number_format == "yyyy-mm-dd"
    assert first["left_at"].value == datetime(2026, 11, 30, 2, 15)
    assert {first[n].data_type for n in ("arrived_at", "arrived_on", "left_at")} == {"d"}
    assert first["member_code"].value == member.code
    assert first["purposes"].value == "x"
    # Neutralised by the quote prefix: the text as typed, kept text, no apostrophe.
    assert first["purpose_labels"].value == "=HYPERLINK(1)"
    assert first["purpose_labels"].quotePrefix is True
    assert first["purpose_labels"].data_type == "s"
    assert first["people"].value == 1 and first["people"].data_type == "n"
    texts = [name for name in header if name not in ("people", *TIMES)]
    assert {first[name].data_type for name in texts if first[name].value} == {"s"}
    second = dict(zip(header, sheet[3], strict=True))
    assert second["arrived_at"].value == datetime(2026, 11, 29, 11)
    assert second["left_at"].value is None and second["member_code"].value is None
    assert second["people"].value == 4 and second["gender"].value == "woman"


def test_the_xlsx_holds_the_csv_cell_for_cell(client, manager, centre):
    _visits(centre)
    client.force_login(manager)
    response = client.get(reverse("visit_export", args=[centre.pk, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    from_csv = list(csv.reader(io.StringIO(text, newline="")))
    response = client.get(reverse("visit_export", args=[centre.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    from_xlsx = [
        ["" if value is None else str(value) for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert len(from_xlsx) == 3
    # The same cells, but for times written as times, and no apostrophe before a text
    # neutralised by the quote prefix.
    header = from_csv[0]
    for csv_row, xlsx_row in zip(from_csv[1:], from_xlsx[1:], strict=True):
        for name, in_csv, in_xlsx in zip(header, csv_row, xlsx_row, strict=True):
            if name in TIMES and in_csv:
                assert in_xlsx == in_csv[:19].replace("T", " ") + (
                    " 00:00:00" if len(in_csv) == 10 else ""
                ), name
            elif name == "purpose_labels" and in_csv.startswith("'"):
                assert in_xlsx == in_csv[1:]
            else:
                assert in_xlsx == in_csv, name
