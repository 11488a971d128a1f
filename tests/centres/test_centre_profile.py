from django.urls import reverse

from centres.models import Centre, FundingSource, IntermediaryKind

from .test_audit import _profile


def test_profile_shows_what_a_worker_needs(client, worker, centre):
    centre.opening_hours = "Friday 10:00-20:00"
    centre.accessibility = ["step_free"]
    centre.save()
    client.force_login(worker)
    page = client.get(reverse("centre_detail", args=[centre.pk])).content.decode()
    assert "Friday 10:00-20:00" in page
    assert "Step-free entrance" in page
    assert "Edit the profile" not in page


def test_funding_is_for_manager_and_coordinator_only(client, cast, centre):
    FundingSource.objects.create(centre=centre, year=2026, funder="Donor X", kind="donor")
    for role, sees in [
        ("manager", True),
        ("coordinator", True),
        ("worker", False),
        ("social_worker", False),
    ]:
        client.force_login(cast[role])
        page = client.get(reverse("centre_detail", args=[centre.pk])).content.decode()
        assert ("Donor X" in page) is sees, role


def test_the_sessions_link_is_offered_to_those_who_may_open_it(client, cast, centre):
    """A coordinator reads the profile but not the week's sessions: no link that
    answers "You may not do this"."""
    from ..factories import ServiceFactory

    ServiceFactory(centre=centre)
    calendar = reverse("calendar", args=[centre.pk])
    for role in ("coordinator", "worker", "social_worker", "manager"):
        client.force_login(cast[role])
        page = client.get(reverse("centre_detail", args=[centre.pk])).content.decode()
        opens = client.get(calendar).status_code == 200
        assert (f'href="{calendar}"' in page) is opens, role


def test_manager_edits_the_profile(client, manager, centre):
    client.force_login(manager)
    response = client.post(
        reverse("centre_edit", args=[centre.pk]),
        _profile(centre, name="Sahab centre", accessibility=["step_free", "quiet_room"]),
    )
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.name == "Sahab centre"
    assert centre.accessibility == ["step_free", "quiet_room"]


def test_bad_profile_input_is_refused_and_nothing_saved(client, manager, centre):
    client.force_login(manager)
    for bad in [{"name": ""}, {"intermediary_kind": "mafia"}, {"accessibility": ["teleporter"]}]:
        response = client.post(reverse("centre_edit", args=[centre.pk]), _profile(centre, **bad))
        assert response.status_code == 200
        assert 'class="error"' in response.content.decode()
    fresh = Centre.objects.get(pk=centre.pk)
    assert (fresh.name, fresh.intermediary_kind, fresh.accessibility) == (
        centre.name,
        IntermediaryKind.NGO,
        [],
    )
