"""A member's migration status is one of a few codes, optional, encrypted at rest: the
front desk picks it from a list, an import takes a code or its name in any language,
and what was stored as free text before became codes."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from centres import crypto
from members.imports.column_guide import column_guide
from members.models import AgeBand, Gender, Member, MigrationStatus, Sector

from ..factories import MemberFactory
from .test_import import _check, _csv, _upload_and_confirm

coded = importlib.import_module("members.migrations.0020_migration_status_coded")

BEFORE = [("members", "0019_approval_method_label_in_plain_words")]
AFTER = [("members", "0020_migration_status_coded")]


def _stored(member) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT migration_status FROM members_member WHERE id = %s", [member.pk])
        return cursor.fetchone()[0]


# --- The front desk: a list, blank is "not asked" ------------------------------------


def test_the_registration_form_offers_the_list_with_not_asked_first(client, social_worker, centre):
    client.force_login(social_worker)
    response = client.get(reverse("member_register", args=[centre.pk]))
    field = response.context["form"].fields["migration_status"]
    assert field.choices == [("", "Not asked"), *MigrationStatus.choices]
    assert str(field.help_text).startswith("Optional and sensitive")
    assert "not shown on any page or list" in str(field.help_text)
    page = response.content.decode()
    assert '<select name="migration_status"' in page
    assert '<option value="" selected>Not asked</option>' in page


def test_registration_keeps_the_code_encrypted_and_never_shows_it(client, social_worker, centre):
    client.force_login(social_worker)
    response = client.post(
        reverse("member_register", args=[centre.pk]),
        {
            "preferred_name": "Sita",
            "migration_status": "pending",
            "never_contact_via_employer": "on",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.migration_status == "pending"
    assert "pending" not in _stored(member)
    page = client.get(response.url).content.decode()
    assert "Application pending" not in page


def test_registration_refuses_a_status_outside_the_list(client, social_worker, centre):
    client.force_login(social_worker)
    url = reverse("member_register", args=[centre.pk])
    response = client.post(url, {"preferred_name": "Sita", "migration_status": "overstayer"})
    assert response.status_code == 200
    assert response.context["form"].errors["migration_status"] == [
        "Select a valid choice. overstayer is not one of the available choices."
    ]
    assert Member.objects.count() == 0
    # The same form with a code from the list goes through: "overstayer" was refused.
    client.post(url, {"preferred_name": "Sita", "migration_status": "irregular"})
    assert Member.objects.get().migration_status == "irregular"


def test_registration_refuses_it_in_the_users_language(client, social_worker, centre, settings):
    client.force_login(social_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.post(
        reverse("member_register", args=[centre.pk]),
        {"preferred_name": "Sita", "migration_status": "no papers"},
    )
    with translation.override("ar"):
        expected = translation.gettext(
            "Select a valid choice. %(value)s is not one of the available choices."
        ) % {"value": "no papers"}
    assert response.context["form"].errors["migration_status"] == [expected]
    assert expected.startswith("Select") is False
    assert Member.objects.count() == 0


def test_the_edit_form_refuses_free_text_and_changes_nothing(client, social_worker, centre):
    member = MemberFactory(centre=centre, preferred_name="Sita", migration_status="regular")
    client.force_login(social_worker)
    url = reverse("member_edit", args=[centre.pk, member.pk])
    data = {"preferred_name": "Sita", "never_contact_via_employer": "on"}
    response = client.post(url, {**data, "migration_status": "employer has passport"})
    assert response.status_code == 200
    assert "migration_status" in response.context["form"].errors
    assert Member.objects.get(pk=member.pk).migration_status == "regular"
    # Left at "keep", it stays; removing it is allowed.
    assert client.post(url, {**data, "migration_status": ""}).status_code == 302
    assert Member.objects.get(pk=member.pk).migration_status == "regular"
    assert client.post(url, {**data, "migration_status": "forget"}).status_code == 302
    assert Member.objects.get(pk=member.pk).migration_status == ""


def test_the_status_is_not_in_the_member_list(client, social_worker, centre):
    MemberFactory(centre=centre, preferred_name="Sita", migration_status="irregular")
    client.force_login(social_worker)
    page = client.get(reverse("member_list", args=[centre.pk])).content.decode()
    assert "Sita" in page
    assert "Irregular or undocumented" not in page and "irregular" not in page


def test_every_code_encrypts_to_one_length():
    """Every code fits in one AES block, so no ciphertext's size tells one from another."""
    lengths = {len(crypto.encrypt(code)) for code in MigrationStatus.values}
    assert len(lengths) == 1
    assert all(len(code.encode()) < 16 for code in MigrationStatus.values)


# --- The import: a code or its name, anything else a row error -----------------------


def test_import_takes_codes_and_names_in_any_shipped_language(client, manager, centre):
    with translation.override("ar"):
        other_in_arabic = str(MigrationStatus.OTHER.label)
    assert other_in_arabic != "Other"  # a shipped translation, not the English name
    rows = [
        ["Sita", "IRREGULAR"],
        ["Rahim", "  refugee or  ASYLUM seeker "],
        ["Amina", other_in_arabic],
        ["Maya", ""],
    ]
    client.force_login(manager)
    _upload_and_confirm(client, centre, _csv(rows, headers=["preferred_name", "migration_status"]))
    statuses = dict(Member.objects.values_list("preferred_name", "migration_status"))
    assert statuses == {"Sita": "irregular", "Rahim": "refugee", "Amina": "other", "Maya": ""}


def test_import_refuses_unknown_text_with_a_row_error(client, manager, centre, settings):
    rows = [["Sita", "regular"], ["Rahim", "overstayer, employer has passport"]]
    client.force_login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = _check(client, centre, _csv(rows, headers=["preferred_name", "migration_status"]))
    [problem] = response.context["problems"]
    assert (problem.row, problem.column) == (3, "migration_status")
    with translation.override("ar"):
        # The refused cell is not repeated: the report would show who is undocumented.
        expected = translation.gettext(
            "The value in the column %(column)s is not allowed. "
            "Use a code or its name: %(allowed)s."
        ) % {
            "column": "migration_status",
            "allowed": translation.pgettext(
                "list separator between items holding commas", "; "
            ).join(f"{status.value} — {status.label}" for status in MigrationStatus),
        }
        arabic_other = str(MigrationStatus.OTHER.label)
    assert f"other — {arabic_other}" in expected  # the names in the reader's language
    assert "؛ " in expected  # and its separator
    assert problem.message == expected
    assert "overstayer" not in response.content.decode()
    assert "import_id" not in response.context
    assert Member.objects.count() == 0


def test_the_column_guide_lists_the_codes():
    guide = dict(column_guide())
    for code in MigrationStatus.values:
        assert code in guide["migration_status"]


@pytest.mark.parametrize(
    ("column", "choices"),
    [
        ("gender", Gender),
        ("age_band", AgeBand),
        ("sector", Sector),
        ("migration_status", MigrationStatus),
    ],
)
def test_the_column_guide_says_a_code_or_its_name(column, choices):
    guide = dict(column_guide())
    assert "A code or its name" in guide[column]
    for choice in choices:
        assert f"{choice.value} — {choice.label}" in guide[column]


def test_the_import_accepts_the_name_the_error_lists(client, manager, centre):
    """The refusal lists names beside codes, and a name it lists is taken."""
    rows = [["Sita", "Domestic work"], ["Rahim", "robot"]]
    client.force_login(manager)
    response = _check(client, centre, _csv(rows, headers=["preferred_name", "sector"]))
    [problem] = response.context["problems"]
    assert "domestic — Domestic work" in problem.message
    assert (problem.row, problem.column) == (3, "sector")


# --- What was stored as free text ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", ""),
        ("  ", ""),
        ("irregular", "irregular"),
        ("  Work   Permit ", "regular"),
        ("work-permit", "regular"),
        ("Tied visa", "regular"),
        ("UNDOCUMENTED", "irregular"),
        ("visa expired", "irregular"),
        ("Application pending", "pending"),
        ("Asylum seeker", "refugee"),
        ("Refugee or asylum seeker", "refugee"),
        ("prefer not to say", "not_said"),
        ("NOT_SAID", "not_said"),
        ("Other", "other"),
        ("overstayer, employer has passport", "other"),
        ("?", "other"),
    ],
)
def test_the_migration_maps_free_text_to_codes(text, code):
    assert coded.code_of(text) == code


def test_every_code_goes_back_to_text_that_maps_to_it_again():
    for code in MigrationStatus.values:
        assert coded.code_of(coded.text_of(code)) == code
    assert set(coded.WORDING) == set(MigrationStatus.values)


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewrites_stored_texts_and_goes_back(centre):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        _migrated_checked(executor, centre)
    finally:  # the database as every other test expects it: fully migrated
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _migrated_checked(executor, centre):
    old = executor.loader.project_state(BEFORE).apps.get_model("members", "Member")
    texts = ["no papers", " Refugee ", "overstayer, employer has passport", "", "pending"]
    ids = [
        old.objects.create(
            centre_id=centre.pk, number=n, code=f"AMM-{n:04d}", preferred_name="x",
            migration_status=text,
        ).pk
        for n, text in enumerate(texts, start=1)
    ]  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("members", "Member")
    assert [new.objects.get(pk=pk).migration_status for pk in ids] == [
        "irregular",
        "refugee",
        "other",
        "",
        "pending",
    ]
    stored = [_stored(new.objects.get(pk=pk)) for pk in ids]
    assert stored[3] == "" and all(
        value.startswith("gAAAAA") for i, value in enumerate(stored) if i != 3
    )
    assert len({len(value) for value in stored if value}) == 1

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps.get_model("members", "Member")
    assert [back.objects.get(pk=pk).migration_status for pk in ids] == [
        "Irregular or undocumented",
        "Refugee or asylum seeker",
        "Other",
        "",
        "Application pending",
    ]
