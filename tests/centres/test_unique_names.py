"""A centre's own lists (categories, services, partners, committees, employers) hold one
entry per name: a name differing only by case or spacing is refused beside its field,
the database refuses it too, and the migration numbers duplicates already stored."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation

from advocacy.actions import employer_get_or_create
from advocacy.models import Employer
from centres.categories import ServiceCategory
from centres.names import tidy_name
from members.governance.actions import committee_create
from members.governance.models import Committee
from services.models import ReferralPartner, Service

from ..factories import ServiceFactory

TAKEN = "The list already has"


@pytest.fixture
def language(db):
    return ServiceCategory.objects.get(code="language", centre=None)


def _service_data(category, name):
    return {"name": name, "category": category.pk, "capacity": 12, "fee": "0", "active": "on"}


def test_names_are_stored_tidied():
    assert tidy_name("  Legal \t advice\n ") == "Legal advice"


@pytest.mark.parametrize("typed", ["laundry", "  LAUNDRY ", "Laundry"])
def test_a_category_the_list_holds_is_refused_beside_its_field(client, manager, centre, typed):
    client.force_login(manager)
    url = reverse("category_add", args=[centre.pk])
    assert client.post(url, {"name": "Laundry", "kind": "basic"}).status_code == 302
    response = client.post(url, {"name": typed, "kind": "basic"})
    assert response.status_code == 200
    assert TAKEN in response.context["form"].errors["name"][0]
    assert ServiceCategory.objects.filter(centre=centre).count() == 1


def test_a_category_may_not_repeat_a_shared_one_in_any_language(client, manager, centre):
    client.force_login(manager)
    url = reverse("category_add", args=[centre.pk])
    response = client.post(url, {"name": " transport ", "kind": "basic"})
    assert TAKEN in response.context["form"].errors["name"][0]
    with translation.override("ar"):
        arabic = str(ServiceCategory.objects.get(code="health", centre=None).name)
    assert arabic != "Health consultations"
    response = client.post(url, {"name": arabic, "kind": "basic"})
    assert TAKEN in response.context["form"].errors["name"][0]
    assert not ServiceCategory.objects.filter(centre=centre).exists()


def test_another_centre_may_use_the_same_name(client, manager, outsider, centre, other_centre):
    client.force_login(manager)
    client.post(reverse("category_add", args=[centre.pk]), {"name": "Laundry", "kind": "basic"})
    client.force_login(outsider)
    response = client.post(
        reverse("category_add", args=[other_centre.pk]), {"name": "laundry", "kind": "basic"}
    )
    assert response.status_code == 302
    assert ServiceCategory.objects.filter(own_name__iexact="laundry").count() == 2


def test_a_service_named_like_another_is_refused_and_an_edit_keeps_its_name(
    client, manager, centre, language
):
    ServiceFactory(centre=centre, category=language, name="Arabic class")
    client.force_login(manager)
    response = client.post(
        reverse("service_new", args=[centre.pk]), _service_data(language, " arabic   CLASS")
    )
    assert response.status_code == 200
    assert TAKEN in response.context["form"].errors["name"][0]
    assert Service.objects.count() == 1
    response = client.post(
        reverse("service_new", args=[centre.pk]), _service_data(language, "  Nepali   class ")
    )
    assert response.status_code == 302
    nepali = Service.objects.get(name="Nepali class")  # stored tidied
    edit = reverse("service_edit", args=[centre.pk, nepali.pk])
    assert client.post(edit, _service_data(language, "Nepali class")).status_code == 302


def test_a_partner_named_like_another_is_refused(client, manager, centre):
    ReferralPartner.objects.create(centre=centre, name="Legal Aid Clinic", kind="lawyer")
    client.force_login(manager)
    response = client.post(
        reverse("partner_new", args=[centre.pk]),
        {"name": "legal aid  clinic", "kind": "lawyer", "active": "on"},
    )
    assert response.status_code == 200
    assert TAKEN in response.context["form"].errors["name"][0]
    assert ReferralPartner.objects.count() == 1


def test_a_committee_named_like_another_is_refused(centre, manager):
    committee_create(centre=centre, by=manager, name="Workers' committee")
    with pytest.raises(ValidationError) as refused:
        committee_create(centre=centre, by=manager, name=" workers'   COMMITTEE")
    assert TAKEN in refused.value.message_dict["name"][0]
    assert Committee.objects.count() == 1


def test_an_employer_typed_in_another_case_is_the_same_one(centre, manager):
    first = employer_get_or_create(centre=centre, name="Acme Farms", kind="employer", by=manager)
    again = employer_get_or_create(centre=centre, name=" ACME   farms", kind="employer", by=manager)
    assert again == first
    agency = employer_get_or_create(centre=centre, name="acme farms", kind="recruiter", by=manager)
    assert agency != first


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (ServiceCategory, {"kind": "basic", "code": "x"}),
        (ReferralPartner, {"kind": "lawyer"}),
        (Committee, {}),
        (Employer, {"kind": "employer"}),
    ],
)
def test_the_database_refuses_a_name_by_case(centre, model, fields):
    name_field = "own_name" if model is ServiceCategory else "name"
    model.objects.create(centre=centre, **{name_field: "Legal advice"}, **fields)
    if model is ServiceCategory:
        fields = {**fields, "code": "y"}
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(centre=centre, **{name_field: "LEGAL  advice "}, **fields)


def test_the_database_refuses_a_service_name_by_case(centre, language):
    ServiceFactory(centre=centre, category=language, name="Arabic class")
    with pytest.raises(IntegrityError), transaction.atomic():
        Service.objects.create(centre=centre, category=language, name="ARABIC CLASS")


@pytest.mark.postgresql
def test_the_postgresql_index_is_on_the_lower_cased_name(centre):
    ReferralPartner.objects.create(centre=centre, name="Legal Aid", kind="lawyer")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralPartner.objects.create(centre=centre, name="LEGAL AID", kind="lawyer")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'partner_name_per_centre'"
        )
        [(definition,)] = cursor.fetchall()
    assert "lower" in definition.lower()


BEFORE = [
    ("centres", "0017_category_code_in_any_script"),
    ("services", "0006_request_text_removed_at"),
    ("members", "0020_migration_status_coded"),
    ("advocacy", "0018_programme_report_rows_absent"),
]


@pytest.mark.django_db(transaction=True)
def test_the_migration_numbers_names_already_stored_twice(centre, other_centre):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        _numbered(executor, centre, other_centre)
    finally:  # the database as every other test expects it: fully migrated
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _numbered(executor, centre, other_centre):
    old = executor.loader.project_state(BEFORE).apps
    partners = old.get_model("services", "ReferralPartner")
    for centre_id, name in [
        (centre.pk, "Clinic"),
        (centre.pk, " clinic "),
        (centre.pk, "CLINIC"),
        (centre.pk, "Clinic (2)"),
        (other_centre.pk, "clinic"),
    ]:
        partners.objects.create(centre_id=centre_id, name=name, kind="clinic")
    categories = old.get_model("centres", "ServiceCategory")
    for code, name in [("a", "Laundry"), ("b", "laundry")]:
        categories.objects.create(centre_id=centre.pk, code=code, own_name=name, kind="basic")
    employers = old.get_model("advocacy", "Employer")
    for name in ["Acme", "ACME"]:
        employers.objects.create(centre_id=centre.pk, name=name, kind="employer")
    kiosks = old.get_model("members", "Kiosk")
    for n, (label, revoked) in enumerate(
        [("Door", None), ("DOOR", timezone.now()), ("door", None)]
    ):
        kiosks.objects.create(
            centre_id=centre.pk, label=label, token_hash=f"t{n}", revoked_at=revoked
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from members.models import Kiosk

    labels = list(Kiosk.objects.order_by("pk").values_list("label", flat=True))
    assert labels == ["Door", "DOOR", "door (2)"]  # a revoked kiosk's label is not in use
    names = list(ReferralPartner.objects.filter(centre=centre).order_by("pk").values_list("name"))
    assert [n for (n,) in names] == ["Clinic", "clinic (2)", "CLINIC (3)", "Clinic (2) (2)"]
    assert ReferralPartner.objects.get(centre=other_centre).name == "clinic"
    assert sorted(
        ServiceCategory.objects.filter(centre=centre).values_list("own_name", flat=True)
    ) == ["Laundry", "laundry (2)"]
    assert sorted(Employer.objects.values_list("name", flat=True)) == ["ACME (2)", "Acme"]


# --- Two people saving the same name at once ------------------------------------------


def test_a_name_saved_by_someone_else_meanwhile_is_refused_beside_its_field(
    centre, manager, monkeypatch
):
    from services.actions import partner_save

    ReferralPartner.objects.create(centre=centre, name="Legal Aid", kind="lawyer")
    # The other person's save lands between this one's check and its save.
    monkeypatch.setattr(ReferralPartner, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as refused:
        partner_save(
            partner=ReferralPartner(centre=centre, name="legal aid", kind="lawyer"), by=manager
        )
    assert TAKEN in refused.value.message_dict["name"][0]
    assert ReferralPartner.objects.count() == 1


def test_an_employer_named_by_someone_else_meanwhile_is_theirs(centre, manager, monkeypatch):
    theirs = Employer.objects.create(centre=centre, name="Acme", kind="employer")
    real_filter = Employer.objects.filter
    calls = []

    def first_look_finds_nothing(*args, **kwargs):
        found = real_filter(*args, **kwargs)
        calls.append(1)
        return found.none() if len(calls) == 1 else found

    monkeypatch.setattr(Employer.objects, "filter", first_look_finds_nothing)
    monkeypatch.setattr(Employer, "validate_constraints", lambda self, exclude=None: None)
    found = employer_get_or_create(centre=centre, name="ACME", kind="employer", by=manager)
    assert found == theirs and Employer.objects.count() == 1


# --- Devices: the labels of the kiosks and booths in use -------------------------------


@pytest.mark.parametrize(
    ("view", "model"), [("kiosk_list", "Kiosk"), ("booth_devices", "BoothDevice")]
)
def test_a_device_label_in_use_is_refused_and_free_again_once_revoked(
    client, manager, centre, view, model
):
    from django.apps import apps

    devices = apps.get_model("members", model)
    client.force_login(manager)
    url = reverse(view, args=[centre.pk])
    assert client.post(url, {"label": "Entrance"}).status_code == 302
    response = client.post(url, {"label": "  ENTRANCE "})
    assert response.status_code == 200
    assert TAKEN in response.context["form"].errors["label"][0]
    assert devices.objects.filter(centre=centre).count() == 1
    devices.objects.update(revoked_at=timezone.now())
    assert client.post(url, {"label": "entrance"}).status_code == 302
    assert devices.objects.filter(centre=centre).count() == 2
