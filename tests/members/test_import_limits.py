"""An import is bounded before it is parsed, and what the dry run accepts the
confirmation accepts: values the database would refuse are refused in the dry run."""

import io
import struct
import time
import zipfile
import zlib

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from members.imports import MAX_BYTES, Upload, read_sheet
from members.models import Member

MB = 1024 * 1024


def _url(centre):
    return reverse("member_import", args=[centre.pk])


def _small_workbook() -> dict[str, bytes]:
    book = Workbook()
    book.active.append(["preferred_name"])
    book.active.append(["Sita"])
    stream = io.BytesIO()
    book.save(stream)
    with zipfile.ZipFile(stream) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip written by hand from already-deflated parts: (data, crc, size) per name."""
    out, directory = io.BytesIO(), []
    for name, (data, crc, size) in parts.items():
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size,
                              len(encoded), 0) + encoded + data)  # fmt: skip
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                                     len(data), size, len(encoded), 0, 0, 0, 0, 0, offset)
                         + encoded)  # fmt: skip
    start = out.tell()
    central = b"".join(directory)
    out.write(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central),
                          start, 0))  # fmt: skip
    return out.getvalue()


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def _xlsx_with_a_huge_cell(size: int) -> bytes:
    """A real workbook whose one shared string is `size` letters, deflated without
    compressing them all: a 16 MB block of "a" compresses to the same bytes each time
    after a full flush, so the block is compressed once and repeated."""
    parts = {name: _deflated(data) for name, data in _small_workbook().items()}
    head = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'  # noqa: E501
    tail = b"</t></si></sst>"
    chunk = b"a" * (16 * MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    count = size // len(chunk)
    finisher = zlib.compressobj(9, zlib.DEFLATED, -15)
    head_block = finisher.compress(head) + finisher.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail_block = end.compress(tail) + end.flush()
    crc = zlib.crc32(head)
    for _n in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    parts["xl/sharedStrings.xml"] = (
        head_block + block * count + tail_block,
        crc,
        len(head) + count * len(chunk) + len(tail),
    )
    return _zip(parts)


def _xlsx_with_a_wide_sheet(rows: int, columns: int) -> bytes:
    parts = {name: _deflated(data) for name, data in _small_workbook().items()}
    row = "<row>" + "<c><v>1</v></c>" * columns + "</row>"
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData>' + row * rows + "</sheetData></worksheet>"
    ).encode()
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    parts["xl/worksheets/sheet1.xml"] = (
        packer.compress(sheet) + packer.flush(),
        zlib.crc32(sheet),
        len(sheet),
    )
    return _zip(parts)


def test_the_hand_made_workbook_is_a_real_one():
    """The helper makes files openpyxl reads: the refusals below are the guard's."""
    from openpyxl import load_workbook

    small = _xlsx_with_a_huge_cell(16 * MB)
    book = load_workbook(io.BytesIO(small), read_only=True)
    assert book.worksheets[0].max_row >= 1
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        assert archive.testzip() is None


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda: _xlsx_with_a_huge_cell(1536 * MB), id="1.5 GB cell"),
        pytest.param(lambda: _xlsx_with_a_wide_sheet(3000, 2000), id="3000x2000 cells"),
    ],
)
def test_a_bomb_is_refused_quickly_before_parsing(client, manager, centre, content):
    data = content()
    assert len(data) < MAX_BYTES  # it passes the upload limit
    started = time.monotonic()
    with pytest.raises(ValidationError, match="unpacks to"):
        read_sheet(Upload(content=data, fmt="xlsx"))
    # Unpacking and parsing would take minutes; the guard reads the zip's directory.
    assert time.monotonic() - started < 2
    client.force_login(manager)
    response = client.post(_url(centre), {"file": SimpleUploadedFile("members.xlsx", data)})
    errors = " ".join(response.context["form"].errors["file"])
    assert "unpacks to" in errors and "Copy only the member rows" in errors
    assert "import_id" not in response.context
    assert not Member.objects.exists()


def test_a_sheet_declaring_too_many_columns_is_refused(client, manager, centre):
    book = Workbook()
    book.active.append(["preferred_name"])
    book.active.cell(row=2, column=500, value="x")
    stream = io.BytesIO()
    book.save(stream)
    client.force_login(manager)
    response = client.post(
        _url(centre), {"file": SimpleUploadedFile("members.xlsx", stream.getvalue())}
    )
    assert "more than 200 columns" in " ".join(response.context["form"].errors["file"])


# --- What the database would refuse ------------------------------------------------


def _csv(rows, headers=("preferred_name", "occupation")):
    content = tablib.Dataset(*rows, headers=list(headers)).export("csv").encode()
    return SimpleUploadedFile("m.csv", content, content_type="text/csv")


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["Si\x00ta", ""], "preferred_name", "NUL character"),
        (["Sita", "cook\x00"], "occupation", "NUL character"),
        (["S" * 101, ""], "preferred_name", "at most 100 characters"),
        (["Sita", "c" * 101], "occupation", "at most 100 characters"),
    ],
)
def test_the_dry_run_refuses_what_the_database_would(client, manager, centre, row, column, message):
    client.force_login(manager)
    response = client.post(_url(centre), {"file": _csv([["Rahim", ""], row])})
    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(3, column)]
    assert message in problems[0].message
    assert "import_id" not in response.context


def test_what_the_dry_run_accepts_the_confirmation_saves(client, manager, centre):
    """Long, but within every limit; Arabic, Devanagari and a cell that starts with =."""
    rows = [["ا" * 100, "c" * 100], ["सीता", "=SUM(A1)"], ["Sita", "line\nbreak"]]
    client.force_login(manager)
    checked = client.post(_url(centre), {"file": _csv(rows)})
    assert checked.context["problems"] == []
    confirmed = client.post(_url(centre), {"import_id": checked.context["import_id"]})
    assert confirmed.status_code == 302
    assert Member.objects.count() == 3


@pytest.mark.postgresql
def test_on_postgresql_a_nul_never_reaches_the_database(client, manager, centre):
    client.force_login(manager)
    response = client.post(_url(centre), {"file": _csv([["Si\x00ta", ""]])})
    assert response.status_code == 200 and response.context["problems"]
    assert not Member.objects.exists()
