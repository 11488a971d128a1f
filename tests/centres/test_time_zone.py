"""Each centre and each programme has its own IANA time zone."""

import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from centres.models import Centre, Programme

from ..factories import CentreFactory
from .test_audit import _profile


def test_a_new_centre_must_name_its_time_zone(programme):
    centre = Centre(
        programme=programme, name="New", code="NEW", country="JO", intermediary_kind="ngo"
    )
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "time_zone" in error.value.message_dict


def test_the_database_refuses_a_centre_without_a_time_zone(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        Centre.objects.create(
            programme=programme, name="New", code="NEW", country="JO", intermediary_kind="ngo"
        )


def test_a_programme_must_name_its_time_zone(db):
    with pytest.raises(ValidationError) as error:
        Programme(name="New programme").full_clean()
    assert "time_zone" in error.value.message_dict


def test_an_unknown_zone_is_refused_with_a_message(client, manager, centre):
    client.force_login(manager)
    response = client.post(
        reverse("centre_edit", args=[centre.pk]), _profile(centre, time_zone="Mars/Olympus")
    )
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    centre.refresh_from_db()
    assert str(centre.time_zone) == "Asia/Amman"


def test_the_manager_sets_the_zone(client, manager, centre):
    client.force_login(manager)
    response = client.post(
        reverse("centre_edit", args=[centre.pk]), _profile(centre, time_zone="Asia/Kathmandu")
    )
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.time_zone == zoneinfo.ZoneInfo("Asia/Kathmandu")


def test_the_demo_centres_are_in_amman_and_beirut(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    zones = {c.code: str(c.time_zone) for c in Centre.objects.all()}
    assert zones == {"AMM": "Asia/Amman", "BEY": "Asia/Beirut"}
    assert str(Programme.objects.get().time_zone) == "Asia/Amman"


def test_a_factory_centre_can_be_elsewhere(db):
    assert str(CentreFactory(time_zone="Asia/Beirut").time_zone) == "Asia/Beirut"
