"""A centre's (and a programme's) time zone fixes the day boundaries of its figures:
it can change until a figure is released, never after (the same period cut on two
boundaries could be differenced)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advocacy.statistics.models import Release
from centres.models import Centre

from ..factories import CentreFactory
from .test_audit import _profile

MOVED = "Pacific/Pago_Pago"


def _released(centre) -> Release:
    return Release.objects.create(
        centre=centre,
        period_kind="month",
        period_start=date(2026, 10, 1),
        threshold=5,
        zone=str(centre.time_zone),
        released_at=timezone.now(),
    )


def test_the_zone_changes_before_any_figure_is_released(client, manager, centre):
    client.force_login(manager)
    page = client.get(reverse("centre_edit", args=[centre.pk]))
    assert "fixes the day boundaries" in page.content.decode()
    response = client.post(
        reverse("centre_edit", args=[centre.pk]), _profile(centre, time_zone=MOVED)
    )
    assert response.status_code == 302
    assert str(Centre.objects.get(pk=centre.pk).time_zone) == MOVED


def test_the_zone_is_refused_beside_its_field_once_figures_were_released(client, manager, centre):
    _released(centre)
    client.force_login(manager)
    url = reverse("centre_edit", args=[centre.pk])
    response = client.post(url, _profile(centre, time_zone=MOVED, opening_hours="Fri 10-20"))
    assert response.status_code == 200
    error = response.context["form"].errors["time_zone"][0]
    assert "cannot change" in error and "Asia/Amman" in error
    stored = Centre.objects.get(pk=centre.pk)
    assert str(stored.time_zone) == "Asia/Amman" and stored.opening_hours != "Fri 10-20"
    # The rest of the profile still saves: the refusal came from the zone.
    assert client.post(url, _profile(centre, opening_hours="Fri 10-20")).status_code == 302
    assert Centre.objects.get(pk=centre.pk).opening_hours == "Fri 10-20"


def test_a_programmes_zone_is_kept_once_a_centre_of_it_released_figures(centre):
    programme = centre.programme
    programme.time_zone = MOVED
    programme.full_clean()  # nothing released yet
    _released(CentreFactory(programme=programme, code="BEY"))
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    assert "time_zone" in refused.value.message_dict
