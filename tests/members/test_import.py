"""Bulk import of members from CSV or XLSX: dry run, preview, confirm, all or nothing."""

import base64
import io

import pytest
import tablib
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from centres import crypto
from centres.models import AuditEntry, Centre, Role
from members import resources
from members.imports import Problem
from members.models import Consent, Member

from ..factories import CentreRoleFactory, MemberFactory, UserFactory

HEADERS = [
    "preferred_name",
    "gender",
    "age_band",
    "sector",
    "nationality",
    "phone",
    "safe_to_contact",
    "consent_services",
    "consent_case_handling",
    "consent_referral",
    "consent_statistics",
]
GOOD_ROWS = [
    ["Sita", "woman", "25-34", "domestic", "NP", "+962 79 555 0101", "yes", "yes", "no", "", "1"],
    ["Rahim", "man", "35-44", "construction", "bd", "", "", "true", "", "", "0"],
    ["Amina", "", "", "", "", "", "no", "", "", "yes", ""],
]
NAMES = ["Sita", "Rahim", "Amina"]


def _url(centre):
    return reverse("member_import", args=[centre.pk])


def _csv(rows=GOOD_ROWS, headers=HEADERS, name="members.csv"):
    content = tablib.Dataset(*rows, headers=headers).export("csv").encode()
    return SimpleUploadedFile(name, content, content_type="text/csv")


def _xlsx(rows=GOOD_ROWS, headers=HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return SimpleUploadedFile("members.xlsx", stream.getvalue())


def _check(client, centre, upload):
    return client.post(_url(centre), {"file": upload})


def _confirm(client, centre, import_id):
    return client.post(_url(centre), {"import_id": import_id})


def _upload_and_confirm(client, centre, upload):
    response = _check(client, centre, upload)
    assert response.context["problems"] == []
    return _confirm(client, centre, response.context["import_id"])


def _import_entries(centre):
    return [
        entry
        for entry in AuditEntry.objects.filter(
            centre=centre,
            content_type=ContentType.objects.get_for_model(Centre),
            action=AuditEntry.Action.CREATE,
        )
        if "import" in entry.changes_dict
    ]


# --- The happy path ---------------------------------------------------------


def test_a_good_csv_is_imported_after_confirmation(client, manager, centre):
    client.force_login(manager)
    response = _upload_and_confirm(client, centre, _csv())

    assert response.status_code == 302
    assert response.url == reverse("member_list", args=[centre.pk])
    members = Member.objects.for_centre(centre).order_by("number")
    assert [m.code for m in members] == ["AMM-0001", "AMM-0002", "AMM-0003"]
    assert [m.preferred_name for m in members] == NAMES
    sita, rahim, amina = members
    assert (sita.gender, sita.age_band, sita.sector, sita.nationality) == (
        "woman",
        "25-34",
        "domestic",
        "NP",
    )
    assert rahim.nationality == "BD"
    assert sita.safe_to_contact is True and amina.safe_to_contact is False
    assert all(m.never_contact_via_employer for m in members)  # empty keeps the default
    assert all(m.registered_by == manager for m in members)

    def purposes(member):
        return set(Consent.objects.filter(member=member).values_list("purpose", flat=True))

    assert purposes(sita) == {"services", "statistics"}
    assert purposes(rahim) == {"services"}
    assert purposes(amina) == {"referral"}
    assert Consent.objects.filter(recorded_by=manager).count() == 4


def test_an_imported_phone_is_encrypted_and_findable(client, manager, centre):
    client.force_login(manager)
    _upload_and_confirm(client, centre, _csv())

    sita = Member.objects.get(preferred_name="Sita")
    assert sita.phone == "+962795550101"  # E.164
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM members_member WHERE id = %s", [sita.pk])
        raw = cursor.fetchone()[0]
    assert raw and "555 0101" not in raw and "5550101" not in raw
    assert list(Member.objects.search("0795550101", region="JO", by_phone=True)) == [sita]


def test_a_good_xlsx_is_imported(client, manager, centre):
    client.force_login(manager)
    response = _upload_and_confirm(client, centre, _xlsx())

    assert response.status_code == 302
    members = Member.objects.for_centre(centre).order_by("number")
    assert [(m.code, m.preferred_name) for m in members] == [
        ("AMM-0001", "Sita"),
        ("AMM-0002", "Rahim"),
        ("AMM-0003", "Amina"),
    ]
    assert Member.objects.get(preferred_name="Sita").phone == "+962795550101"


def test_codes_continue_after_existing_members(client, manager, centre):
    MemberFactory(centre=centre)
    client.force_login(manager)
    _upload_and_confirm(client, centre, _csv())
    codes = Member.objects.for_centre(centre).order_by("number").values_list("code", flat=True)
    assert list(codes) == ["AMM-0001", "AMM-0002", "AMM-0003", "AMM-0004"]


def test_the_dry_run_previews_and_saves_nothing(client, manager, centre):
    client.force_login(manager)
    response = _check(client, centre, _csv())

    assert response.status_code == 200
    assert response.context["preview"]["count"] == 3
    assert response.context["preview"]["first_names"] == NAMES
    assert "Confirm the import" in response.content.decode()
    assert Member.objects.count() == 0
    assert Consent.objects.count() == 0
    assert _import_entries(centre) == []


def test_the_waiting_file_is_encrypted_under_a_random_key(client, manager, centre):
    client.force_login(manager)
    import_id = _check(client, centre, _csv()).context["import_id"]

    stored = cache.get(f"members:import:{import_id}")
    assert "Sita" not in import_id
    assert "Sita" not in repr(stored)
    # A token of the field-encryption key, not merely an encoding of the file.
    assert b"Sita" in base64.b64decode(crypto.decrypt(stored["content"]))


def test_an_audit_entry_counts_the_import_without_names(client, manager, centre):
    client.force_login(manager)
    _upload_and_confirm(client, centre, _csv())

    [entry] = _import_entries(centre)
    assert entry.changes_dict == {"import": ["members", "3"]}
    assert entry.actor == manager
    recorded = " ".join(
        str(value)
        for value in (
            entry.changes,
            entry.object_repr,
            entry.serialized_data,
            entry.additional_data,
        )
    )
    for name in NAMES:
        assert name not in recorded


# --- Bad rows: a report, and nothing saved -----------------------------------


def test_one_bad_row_imports_nothing_and_is_reported(client, manager, centre):
    rows = [GOOD_ROWS[0], [*GOOD_ROWS[1][:1], "robot", *GOOD_ROWS[1][2:]], GOOD_ROWS[2]]
    client.force_login(manager)
    response = _check(client, centre, _csv(rows))

    [problem] = response.context["problems"]
    assert (problem.row, problem.column) == (3, "gender")
    assert problem.message == (
        "“\u2068robot\u2069” is not allowed in the column gender. "
        "Use a code or its name: woman — Woman; man — Man; other — Another gender."
    )
    page = response.content.decode()
    assert "<td>3</td>" in page and "<td>gender</td>" in page
    assert "Confirm the import" not in page
    assert "import_id" not in response.context
    assert Member.objects.count() == 0
    # The same file with the row corrected goes through: the refusal came from "robot".
    response = _upload_and_confirm(client, centre, _csv(GOOD_ROWS))
    assert Member.objects.count() == 3


@pytest.mark.parametrize(
    ("column", "cells", "message"),
    [
        ("preferred_name", {"preferred_name": "  "}, "This field cannot be blank."),
        (
            "age_band",
            {"age_band": "25 to 34"},
            "Use a code or its name: u18 — Under 18; 18-24 — 18–24; 25-34 — 25–34;",
        ),
        ("sector", {"sector": "fishing"}, "is not allowed in the column sector"),
        ("nationality", {"nationality": "Nepal"}, "Use a two-letter country code"),
        ("consent_services", {"consent_services": "maybe"}, "Allowed values: yes, no, 1, 0, true"),
        ("phone", {"safe_to_contact": "yes"}, "A phone number is needed"),
        ("occupation", {"occupation": "x" * 101}, "at most 100 characters"),
    ],
)
def test_each_rule_names_the_column(client, manager, centre, column, cells, message):
    headers = ["preferred_name", "phone", *cells]
    rows = [
        ["Amina", "", *["" for _ in cells]],
        [cells.get("preferred_name", "Sita"), "", *cells.values()],
    ]
    if "preferred_name" in cells:
        headers = ["preferred_name", "phone", "safe_to_contact"]
        rows = [["Amina", "", ""], ["  ", "0791234567", "yes"]]
    client.force_login(manager)
    response = _check(client, centre, _csv(rows, headers=headers))

    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(3, column)]
    assert message in problems[0].message
    assert Member.objects.count() == 0


def test_choices_ignore_letter_case(client, manager, centre):
    client.force_login(manager)
    _upload_and_confirm(
        client, centre, _csv([["Sita", "Woman"]], headers=["preferred_name", "gender"])
    )
    assert Member.objects.get().gender == "woman"


def test_a_new_upload_replaces_the_waiting_one(client, manager, centre):
    client.force_login(manager)
    first_id = _check(client, centre, _csv()).context["import_id"]
    _check(client, centre, _csv([["Sita", "robot"]], headers=["preferred_name", "gender"]))

    assert cache.get(f"members:import:{first_id}") is None
    assert "expired" in _confirm(client, centre, first_id).context["refusal"]
    assert Member.objects.count() == 0


def test_the_report_is_in_the_users_language(client, manager, centre, settings):
    client.force_login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    content = b"preferred_name,phone,safe_to_contact\nSita,0795550101,yes\n,0795550102,yes\n"
    response = _check(client, centre, SimpleUploadedFile("members.csv", content))

    with translation.override("ar"):
        expected = translation.gettext("This field cannot be blank.")
    assert expected != "This field cannot be blank."
    assert response.context["problems"] == [Problem(3, "preferred_name", expected)]
    assert 'dir="rtl"' in response.content.decode()


def test_row_numbers_match_the_spreadsheet_across_blank_lines(client, manager, centre):
    content = b"preferred_name,gender\nSita,woman\n\n,,\nRahim,robot\n"
    client.force_login(manager)
    response = _check(client, centre, SimpleUploadedFile("members.csv", content))

    assert response.context["problems"] == [
        Problem(
            5,
            "gender",
            "“\u2068robot\u2069” is not allowed in the column gender. "
            "Use a code or its name: woman — Woman; man — Man; other — Another gender.",
        )
    ]


def test_a_failure_at_confirmation_saves_nothing(client, manager, centre, monkeypatch):
    register = resources.member_register
    calls = []

    def failing_on_the_second_row(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise resources.ValidationError({"phone": ["Refused for the test."]})
        return register(**kwargs)

    client.force_login(manager)
    import_id = _check(client, centre, _csv()).context["import_id"]
    monkeypatch.setattr(resources, "member_register", failing_on_the_second_row)
    response = _confirm(client, centre, import_id)

    assert response.status_code == 200
    assert response.context["problems"] == [Problem(3, "phone", "Refused for the test.")]
    assert len(calls) == 3  # every row was tried, the first one was saved, then undone
    assert Member.objects.count() == 0
    assert Consent.objects.count() == 0
    assert _import_entries(centre) == []


# --- Confirmation trusts nothing from the client ------------------------------


@pytest.mark.parametrize("import_id", ["", "not-an-id", "A" * 32])
def test_an_unknown_import_id_saves_nothing(client, manager, centre, import_id):
    client.force_login(manager)
    real_id = _check(client, centre, _csv()).context["import_id"]
    response = _confirm(client, centre, import_id)

    assert response.status_code == 200
    assert "expired or was already used" in response.context["refusal"]
    assert Member.objects.count() == 0
    # The real id still works: the refusal came from the tampered id.
    _confirm(client, centre, real_id)
    assert Member.objects.count() == 3


def test_another_managers_import_id_is_refused(client, manager, centre):
    colleague = CentreRoleFactory(centre=centre, role=Role.MANAGER, user=UserFactory()).user
    client.force_login(manager)
    import_id = _check(client, centre, _csv()).context["import_id"]

    client.force_login(colleague)
    response = _confirm(client, centre, import_id)
    assert "expired or was already used" in response.context["refusal"]
    assert Member.objects.count() == 0


def test_a_confirmed_import_cannot_be_replayed(client, manager, centre):
    client.force_login(manager)
    import_id = _check(client, centre, _csv()).context["import_id"]
    assert _confirm(client, centre, import_id).status_code == 302
    response = _confirm(client, centre, import_id)

    assert "expired or was already used" in response.context["refusal"]
    assert Member.objects.count() == 3
    assert len(_import_entries(centre)) == 1


def test_a_file_sent_with_the_confirmation_is_ignored(client, manager, centre):
    client.force_login(manager)
    import_id = _check(client, centre, _csv()).context["import_id"]
    other = _csv([["Intruder", "", "", "", "", "", "", "", "", "", ""]])
    client.post(_url(centre), {"import_id": import_id, "file": other})

    assert sorted(Member.objects.values_list("preferred_name", flat=True)) == sorted(NAMES)


def test_centre_and_code_columns_cannot_place_members_elsewhere(
    client, manager, centre, other_centre
):
    headers = ["id", "centre", "code", "number", "preferred_name"]
    existing = MemberFactory(centre=other_centre)
    rows = [[existing.pk, other_centre.pk, "ELS-0009", 9, "Sita"]]
    client.force_login(manager)
    response = _check(client, centre, _csv(rows, headers=headers))
    assert response.context["preview"]["ignored_columns"] == ["id", "centre", "code", "number"]
    _confirm(client, centre, response.context["import_id"])

    member = Member.objects.get(preferred_name="Sita")
    assert (member.centre, member.code, member.number) == (centre, "AMM-0001", 1)
    existing.refresh_from_db()
    assert existing.preferred_name != "Sita"
    assert Member.objects.for_centre(other_centre).count() == 1


def test_formulas_are_imported_as_text(client, manager, centre):
    book = Workbook()
    book.active.append(["preferred_name", "occupation"])
    book.active.append(["=1+2", '=HYPERLINK("http://example.org")'])
    stream = io.BytesIO()
    book.save(stream)
    client.force_login(manager)
    _upload_and_confirm(client, centre, SimpleUploadedFile("members.xlsx", stream.getvalue()))
    _upload_and_confirm(client, centre, _csv([["=1+2"]], headers=["preferred_name"]))

    assert list(Member.objects.values_list("preferred_name", flat=True)) == ["=1+2", "=1+2"]
    assert Member.objects.filter(occupation='=HYPERLINK("http://example.org")').exists()


# --- Files refused as a whole ----------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("members.txt", b"preferred_name\nSita\n"), "Choose a .csv or .xlsx"),
        (SimpleUploadedFile("members.xlsx", b"not a spreadsheet"), "could not be read as an Excel"),
        (SimpleUploadedFile("members.csv", b"\xff\xfe\x00S\x00i"), "Save it as"),
        (SimpleUploadedFile("members.csv", b""), "The submitted file is empty."),
        (SimpleUploadedFile("members.csv", b"\n\n"), "The file is empty."),
        (SimpleUploadedFile("members.csv", b"preferred_name,gender\n"), "no members to import"),
        (SimpleUploadedFile("members.csv", b"name,gender\nSita,woman\n"), "no preferred_name"),
        (SimpleUploadedFile("members.csv", b"preferred_name\nSita,woman\n"), "no name"),
        (
            SimpleUploadedFile("members.csv", b"preferred_name,phone,phone\nSita,1,2\n"),
            "appears more than once",
        ),
        (
            SimpleUploadedFile("members.csv", b"preferred_name\n" + b"Sita\n" * 1001),
            "more than 1,000 rows",
        ),
        (
            SimpleUploadedFile("members.csv", b"preferred_name\n" + b"x" * (2 * 1024 * 1024)),
            "larger than 2 MB",
        ),
    ],
    ids=[
        "extension",
        "unreadable-xlsx",
        "not-utf8",
        "empty",
        "blank",
        "header-only",
        "no-preferred-name",
        "unnamed-column",
        "duplicate-column",
        "too-many-rows",
        "too-large",
    ],
)
def test_a_bad_file_is_refused_with_a_reason(client, manager, centre, upload, message):
    client.force_login(manager)
    response = _check(client, centre, upload)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["file"])
    assert "import_id" not in response.context
    assert Member.objects.count() == 0


def test_the_row_limit_itself_is_accepted(client, manager, centre):
    from members.imports import MAX_ROWS, Upload, read_sheet

    sheet = read_sheet(Upload(content=b"preferred_name\n" + b"Sita\n" * MAX_ROWS, fmt="csv"))
    assert len(sheet.dataset) == MAX_ROWS


def test_a_semicolon_csv_with_a_byte_order_mark_is_read(client, manager, centre):
    content = "\ufeffpreferred_name;gender\nSita;woman\n".encode()
    client.force_login(manager)
    _upload_and_confirm(client, centre, SimpleUploadedFile("members.csv", content))
    assert Member.objects.get().gender == "woman"


# --- The page and who may use it ---------------------------------------------------


def test_the_page_describes_the_columns(client, manager, centre):
    client.force_login(manager)
    response = client.get(_url(centre))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'accept=".csv,.xlsx"' in page
    assert "preferred_name,<wbr>preferred_language,<wbr>gender" in page
    assert "woman — Woman; man — Man; other — Another gender" in page


def test_the_example_file_is_the_header_line_with_a_byte_order_mark(client, manager, centre):
    client.force_login(manager)
    response = client.get(_url(centre), {"example": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    # Excel opens a CSV as UTF-8 only with the mark; the import reads it back.
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").strip() == ",".join(resources.COLUMNS)


@pytest.mark.parametrize(
    "role", ["manager", "social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_another_centre_is_not_found(client, cast, centre, other_centre, role):
    client.force_login(cast[role])
    assert client.get(_url(other_centre)).status_code == 404
    assert client.post(_url(other_centre), {"file": _csv()}).status_code == 404


def test_the_outsider_does_not_find_this_centre(client, outsider, centre):
    client.force_login(outsider)
    assert client.get(_url(centre)).status_code == 404
    assert client.post(_url(centre), {"file": _csv()}).status_code == 404


@pytest.mark.parametrize(
    "role", ["social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_only_the_manager_may_import(client, cast, centre, role):
    client.force_login(cast[role])
    assert client.get(_url(centre)).status_code == 403
    assert client.post(_url(centre), {"file": _csv()}).status_code == 403
    client.force_login(cast["manager"])
    assert client.get(_url(centre)).status_code == 200


def test_anonymous_is_sent_to_sign_in(client, centre):
    response = client.get(_url(centre))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_wrong_method(client, manager, centre):
    client.force_login(manager)
    assert client.put(_url(centre)).status_code == 405
    assert client.delete(_url(centre)).status_code == 405


def test_an_import_id_is_only_good_for_its_centre(client, manager, centre, other_centre):
    CentreRoleFactory(centre=other_centre, role=Role.MANAGER, user=manager)
    client.force_login(manager)
    import_id = _check(client, centre, _csv()).context["import_id"]
    response = _confirm(client, other_centre, import_id)

    assert "expired or was already used" in response.context["refusal"]
    assert Member.objects.count() == 0
