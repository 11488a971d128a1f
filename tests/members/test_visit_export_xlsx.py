"""The visit export's XLSX holds what its CSV holds, cell for cell: times in the centre's
zone with their offset and the local date, counts as numbers, typed text neutralised."""

import csv
import io
from datetime import UTC, datetime

from django.urls import reverse
from openpyxl import load_workbook

from centres.categories import ServiceCategory

from ..factories import MemberFactory, VisitFactory


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
    assert first["arrived_at"].value == "2026-11-30T01:30:00+03:00"
    assert first["arrived_on"].value == "2026-11-30"
    assert first["left_at"].value == "2026-11-30T02:15:00+03:00"
    assert first["member_code"].value == member.code
    assert first["purposes"].value == "x"
    assert first["purpose_labels"].value == "'=HYPERLINK(1)"
    assert first["people"].value == 1 and first["people"].data_type == "n"
    texts = [name for name in header if name != "people"]
    assert {first[name].data_type for name in texts if first[name].value} == {"s"}
    second = dict(zip(header, sheet[3], strict=True))
    assert second["arrived_at"].value == "2026-11-29T11:00:00+03:00"
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
    assert from_xlsx == from_csv
