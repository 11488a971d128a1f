"""An import can leave out the rows its preview found to look like someone (one by one,
or all of them), so that a file does not create the duplicates it warned about."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centres.models import AuditEntry
from centres.submissions import FIELD, new_key
from members.models import Member

from ..factories import MemberFactory

pytestmark = pytest.mark.django_db
ROWS = [
    ["Sita", "0795550101", "NP"],  # row 2: registered already (same phone)
    ["Rahim", "", "BD"],  # row 3: new
    ["rahim", "", ""],  # row 4: the same person as row 3
    ["Amina", "", "ET"],  # row 5: new
]


@pytest.fixture
def sita(centre):
    return MemberFactory(centre=centre, preferred_name="Sita Tamang", phone="+962795550101")


def _url(centre):
    return reverse("member_import", args=[centre.pk])


def _check(client, centre, rows=ROWS):
    headers = ["preferred_name", "phone", "nationality", "safe_to_contact"]
    # A phone comes with consent to be contacted.
    rows = [[*row, "yes" if row[1] else ""] for row in rows]
    content = tablib.Dataset(*rows, headers=headers).export("csv").encode()
    upload = SimpleUploadedFile("m.csv", content, content_type="text/csv")
    return client.post(_url(centre), {"file": upload})


def _confirm(client, centre, preview, **data):
    return client.post(_url(centre), {"import_id": preview.context["import_id"], **data})


def _names(centre):
    return sorted(Member.objects.for_centre(centre).values_list("preferred_name", flat=True))


def test_the_preview_offers_each_look_alike_row_and_all_of_them(client, manager, centre, sita):
    client.force_login(manager)
    preview = _check(client, centre)
    assert [row for row, _notes in preview.context["look_alike_rows"]] == [2, 4]
    page = preview.content.decode()
    assert 'name="skip" type="checkbox" value="2"' in page
    assert 'name="skip" type="checkbox" value="4"' in page
    assert 'name="skip_all"' in page


def test_the_preview_names_both_kinds_with_their_counts_and_what_skip_all_skips(
    client, manager, centre, sita
):
    client.force_login(manager)
    preview = _check(client, centre)
    assert preview.context["look_alike_summary"] == [
        "1 row looks like a member already registered.",
        "1 row looks like the same person as an earlier row of this file.",
    ]
    page = preview.content.decode()
    assert (
        "Skip all 2 rows listed below: each looks like a member already registered "
        "or like an earlier row of this file" in page
    )
    assert "look like someone" not in page


@pytest.mark.parametrize(
    ("rows", "summary", "skip_all"),
    [
        (
            [ROWS[0], ROWS[1]],
            ["1 row looks like a member already registered."],
            "Skip the 1 row that looks like a member already registered",
        ),
        (
            ROWS[1:4],
            ["1 row looks like the same person as an earlier row of this file."],
            "Skip the 1 row that looks like an earlier row of this file",
        ),
        (
            [ROWS[0], ROWS[0]],  # twice in the file, and registered: two rows, not three
            [
                "Every row looks like a member already registered: was this file imported before?",
                "1 row looks like the same person as an earlier row of this file.",
            ],
            "Skip all 2 rows listed below: each looks like a member already registered "
            "or like an earlier row of this file",
        ),
    ],
    ids=["registered only", "repeated only", "both on one row"],
)
def test_the_preview_counts_agree_with_the_rows_skip_all_skips(
    client, manager, centre, sita, rows, summary, skip_all
):
    client.force_login(manager)
    preview = _check(client, centre, rows=rows)
    assert preview.context["look_alike_summary"] == summary
    assert preview.context["skip_all_label"] == skip_all
    skipped = len(preview.context["look_alike_rows"])
    _confirm(client, centre, preview, skip_all="1")
    assert Member.objects.count() == 1 + len(rows) - skipped


def test_skip_all_leaves_out_every_look_alike_row(client, manager, centre, sita):
    client.force_login(manager)
    response = _confirm(client, centre, _check(client, centre), skip_all="1")
    assert response.status_code == 302
    assert _names(centre) == ["Amina", "Rahim", "Sita Tamang"]
    entry = AuditEntry.objects.filter(changes__icontains="import").latest("pk")
    assert entry.changes_dict == {"import": ["members", "2"], "skipped": ["", "2"]}


def test_rows_chosen_one_by_one_are_left_out_and_the_others_imported(client, manager, centre, sita):
    client.force_login(manager)
    response = _confirm(client, centre, _check(client, centre), skip=["2"])
    assert response.status_code == 302
    assert _names(centre) == ["Amina", "Rahim", "Sita Tamang", "rahim"]


def test_without_a_choice_every_row_is_imported_as_before(client, manager, centre, sita):
    client.force_login(manager)
    _confirm(client, centre, _check(client, centre))
    assert Member.objects.count() == 5


def test_every_row_skipped_imports_nobody(client, manager, centre, sita):
    client.force_login(manager)
    preview = _check(client, centre, rows=[ROWS[0]])
    response = _confirm(client, centre, preview, skip_all="1")
    assert response.status_code == 302
    assert _names(centre) == ["Sita Tamang"]


def test_a_row_number_not_in_the_file_is_ignored(client, manager, centre, sita):
    client.force_login(manager)
    _confirm(client, centre, _check(client, centre), skip=["99", "x", "-1"])
    assert Member.objects.count() == 5


def test_a_problem_row_still_stops_the_import_when_others_are_skipped(
    client, manager, centre, sita
):
    client.force_login(manager)
    preview = _check(client, centre, rows=[*ROWS, ["Bad", "", "ZZZ"]])
    assert preview.context["problems"]  # refused at the dry run: nothing to confirm
    assert Member.objects.count() == 1


def test_a_double_submit_imports_once(client, manager, centre, sita):
    client.force_login(manager)
    preview = _check(client, centre)
    key = new_key()
    _confirm(client, centre, preview, skip_all="1", **{FIELD: key})
    again = _confirm(client, centre, preview, skip_all="1", **{FIELD: key})
    assert again.status_code == 302
    assert Member.objects.count() == 3


def test_skip_all_also_leaves_out_a_person_registered_since_the_preview(
    client, manager, centre, sita
):
    client.force_login(manager)
    preview = _check(client, centre)
    MemberFactory(centre=centre, preferred_name="Amina", nationality="ET")
    _confirm(client, centre, preview, skip_all="1")
    assert _names(centre) == ["Amina", "Rahim", "Sita Tamang"]
