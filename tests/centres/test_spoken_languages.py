"""Languages of centres, services and partners are codes, shown by name in the reader's
language; the free text written before is read into codes, and nothing it held is lost."""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from centres.categories import ServiceCategory
from centres.languages import CODES, codes_from_text, language_choices
from centres.mail import mail_language
from centres.models import Centre
from services.models import ReferralPartner, Service

from ..factories import ServiceFactory
from .test_audit import _profile

BEFORE = [
    ("centres", "0022_redact_personal_references"),
    ("services", "0008_anonymous_channel_coarse"),
]
AFTER = [("centres", "0023_languages_coded"), ("services", "0009_languages_coded")]


@pytest.mark.parametrize(
    ("text", "codes", "rest"),
    [
        ("Arabic, Hindi, Nepali, Bengali, English", ["ar", "bn", "en", "hi", "ne"], ""),
        ("العربية، الإنجليزية", ["ar", "en"], ""),
        ("arabic / ENGLISH; Bangla and Tagalog", ["ar", "bn", "en", "tl"], ""),
        ("नेपाली, বাংলা, हिंदी, العربيّة", ["ar", "bn", "hi", "ne"], ""),
        ("en,ar,ne,bn", ["ar", "bn", "en", "ne"], ""),
        ("Arabic, Sylheti, sign language", ["ar"], "Sylheti, sign language"),
        ("Arabic, arabic, Amharic", ["am", "ar"], ""),
        ("", [], ""),
    ],
)
def test_free_text_is_read_as_codes_and_the_rest_kept(text, codes, rest):
    assert codes_from_text(text) == (codes, rest)


@pytest.mark.django_db(transaction=True)
def test_the_migration_codes_rows_written_the_old_way(centre):
    """Rows written as free text before the migration: codes after, and every word
    not read as a language in "other languages", where the manager sees it."""
    # The centre's own category: an earlier transactional test may have flushed the
    # categories the migrations seed.
    own = ServiceCategory.objects.create(
        code="lang-test", kind="other", own_name="Languages", centre=centre
    )
    service = ServiceFactory(centre=centre, category=own)
    partner = ReferralPartner.objects.create(centre=centre, name="Clinic", kind="clinic")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        old.get_model("centres", "Centre").objects.filter(pk=centre.pk).update(
            languages="Arabic, العربية, english, Sylheti"
        )
        old.get_model("services", "Service").objects.filter(pk=service.pk).update(
            languages="Nepali and Hindi"
        )
        old.get_model("services", "ReferralPartner").objects.filter(pk=partner.pk).update(
            languages="French, Wolof"
        )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    finally:  # the database as every other test expects it: fully migrated
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    centre.refresh_from_db()
    assert (centre.languages, centre.other_languages) == (["ar", "en"], "Sylheti")
    service.refresh_from_db()
    assert (service.languages, service.other_languages) == (["hi", "ne"], "")
    partner.refresh_from_db()
    assert (partner.languages, partner.other_languages) == (["fr"], "Wolof")


def test_the_profile_takes_codes_in_one_order(client, manager, centre):
    client.force_login(manager)
    response = client.post(
        reverse("centre_edit", args=[centre.pk]),
        _profile(centre, languages=["ne", "ar", "ar"], other_languages="Sylheti"),
    )
    assert response.status_code == 302
    centre.refresh_from_db()
    assert (centre.languages, centre.other_languages) == (["ar", "ne"], "Sylheti")


@pytest.mark.parametrize("bad", [["xx"], ["Arabic"], ["ar", "zz"], ["<b>"]])
def test_a_code_not_on_the_list_is_refused_and_nothing_saved(client, manager, centre, bad):
    client.force_login(manager)
    response = client.post(
        reverse("centre_edit", args=[centre.pk]), _profile(centre, name="New", languages=bad)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not a language on the list" in page and "Choose languages from the list." in page
    assert "<b>" not in page.split("<main", 1)[-1]
    fresh = Centre.objects.get(pk=centre.pk)
    assert (fresh.name, fresh.languages) == (centre.name, [])


def test_a_service_with_a_bad_code_is_refused(client, manager, centre):
    service = ServiceFactory(centre=centre, languages=["ar"])
    client.force_login(manager)
    response = client.post(
        reverse("service_edit", args=[centre.pk, service.pk]),
        {"name": "Renamed", "category": service.category_id, "languages": ["ar", "xx"],
         "capacity": 10, "fee": "0", "active": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Not a language on the list" in response.content.decode()
    service.refresh_from_db()
    assert (service.name, service.languages) == (service.name, ["ar"])
    assert not Service.objects.filter(name="Renamed").exists()


def test_the_form_offers_every_language_by_name_in_the_readers_language(client, manager, centre):
    client.force_login(manager)
    page = client.get(reverse("centre_edit", args=[centre.pk]), HTTP_ACCEPT_LANGUAGE="ar")
    page = page.content.decode()
    assert 'type="checkbox" name="languages" value="ne"' in page
    assert "النيبالية" in page  # Django's Arabic name of Nepali
    assert len(language_choices()) == len(CODES)


@pytest.fixture
def arabic_reader(client, worker):
    client.force_login(worker)
    client.cookies["django_language"] = "ar"
    return client


def test_the_centre_page_names_its_languages_in_arabic(arabic_reader, centre):
    centre.languages = ["am", "ar", "ne"]
    centre.other_languages = "Sylheti"
    centre.save()
    page = arabic_reader.get(reverse("centre_detail", args=[centre.pk])).content.decode()
    with translation.override("ar"):
        amharic = str(dict(language_choices())["am"])
    # Each name isolated (Amharic has no Arabic name until the catalogue gives one),
    # joined with the reader's list separator; nothing in English.
    assert '<bdi dir="rtl">العربية</bdi>' in page
    assert '<bdi dir="rtl">النيبالية</bdi>' in page
    assert f'<bdi dir="{"rtl" if amharic != "Amharic" else "ltr"}">{amharic}</bdi>' in page
    assert '<bdi dir="ltr">Sylheti</bdi>' in page
    assert "Nepali" not in page


def test_the_service_pages_name_their_languages_in_arabic(arabic_reader, centre):
    ServiceFactory(centre=centre, languages=["bn", "en"])
    page = arabic_reader.get(reverse("service_list", args=[centre.pk])).content.decode()
    assert '<bdi dir="rtl">البنغالية</bdi>' in page and "Bengali" not in page


def test_the_partner_list_names_their_languages_in_arabic(client, manager, centre):
    ReferralPartner.objects.create(centre=centre, name="Clinic", kind="clinic", languages=["hi"])
    client.force_login(manager)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("partner_list", args=[centre.pk])).content.decode()
    assert '<bdi dir="rtl">الهندية</bdi>' in page and "Hindi" not in page


def test_an_invitation_is_written_in_the_first_site_language_the_centre_speaks(centre):
    centre.languages = ["ar", "en"]
    assert mail_language(about=centre) == "ar"
    centre.languages = ["am", "ne"]
    assert mail_language(about=centre) == "ne"
    centre.languages = ["am"]
    assert mail_language(about=centre) == "en"


def test_the_admin_offers_the_languages_by_name(client, admin_user, centre):
    centre.languages = ["ne"]
    centre.save()
    client.force_login(admin_user)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("admin:centres_centre_change", args=[centre.pk])).content.decode()
    assert 'type="checkbox" name="languages" value="ne" ' in page
    assert re.search(r'value="ne" id="id_languages_\d+"[^>]*checked', page)
    assert "النيبالية" in page and '["ne"]' not in page
