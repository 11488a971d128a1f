"""The demo's records lie within its centres' life: none is dated before the centre
opened (120 days before loading), so the figures begin on its first day and offer no
period that ended before it, while the retention page still shows a first run's counts
on examples past the demo programme's (shorter) retention periods."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advocacy.models import CaseEvent, Comment, Grievance, Remedy, Survey
from advocacy.statistics.beginnings import first_day
from advocacy.statistics.models import Release
from centres.local_time import zone_of
from centres.models import (
    Centre,
    CentreRole,
    ProgrammeCoordinator,
    RetentionCount,
    Role,
    User,
)
from members.governance.models import SeatTerm
from members.models import Consent, Kiosk, Member, Visit
from services.models import Booking, ServiceRequest, Session

# Each kind of demo record, the field that dates it, and the path to its centre.
DATED = (
    (Member, "registered_at", "centre"),
    (Consent, "given_at", "member__centre"),
    (Visit, "arrived_at", "centre"),
    (Grievance, "opened_at", "centre"),
    (Grievance, "finished_at", "centre"),
    (CaseEvent, "at", "grievance__centre"),
    (Remedy, "recorded_at", "grievance__centre"),
    (ServiceRequest, "created_at", "centre"),
    (Session, "starts_at", "centre"),
    (Booking, "created_at", "session__centre"),
    (Survey, "created_at", "centre"),
    (Comment, "submitted_on", "centre"),
    (Comment, "coded_at", "centre"),
    (Kiosk, "created_at", "centre"),
)


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    return Centre.objects.order_by("code")


def _opened(centre: Centre) -> date:
    return timezone.localtime(centre.created_at, zone_of(centre)).date()


def test_no_demo_record_is_dated_before_its_centre_opened(demo):
    assert [centre.code for centre in demo] == ["AMM", "BEY"]
    for centre in demo:
        for model, field, path in DATED:
            kind = type(model._meta.get_field(field)).__name__
            before = _opened(centre) if kind == "DateField" else centre.created_at
            earlier = model.objects.filter(**{path: centre, f"{field}__lt": before})
            assert not earlier.exists(), (centre.code, model.__name__, field)
        assert first_day([centre], zone_of(centre)) == _opened(centre), centre.code
        # Nor is any release of its figures for a period that ended before it opened.
        releases = Release.objects.filter(centre=centre)
        assert releases.exists()
        assert all(r.period.end > _opened(centre) for r in releases), centre.code


def test_the_figures_page_offers_no_period_before_the_centre_opened(demo, client):
    amman = demo.get(code="AMM")
    client.force_login(User.objects.get(email="manager@example.org"))
    response = client.get(reverse("released_figures", args=[amman.pk]))
    assert response.status_code == 200
    periods = response.context["form"].periods
    assert periods
    assert all(period.end > _opened(amman) for period in periods), periods
    # The month it opened in is offered: it has records from the first day on.
    assert any(period.first <= _opened(amman) < period.end for period in periods)


def test_the_retention_page_shows_the_first_run_on_examples_within_the_centres_life(demo, client):
    amman = demo.get(code="AMM")
    retained = dict(RetentionCount.objects.filter(centre=amman).values_list("data_class", "count"))
    assert retained == {"feedback_comments": 2, "request_texts": 1, "kiosk_tokens": 1}
    client.force_login(User.objects.get(email="manager@example.org"))
    page = client.get(reverse("retention", args=[amman.pk]))
    assert page.status_code == 200
    assert [row["counts"] for row in page.context["rows"]] == [[0, 0, 2, 0, 1, 1]]
    assert page.context["custom"]  # the demo programme's own, shorter periods


def test_the_survey_exists_before_its_answers_and_comments_are_coded_after_they_came(demo):
    now = timezone.now()
    for survey in Survey.objects.all():
        zone = zone_of(survey.centre)
        first = survey.responses.order_by("submitted_on").first()
        assert timezone.localtime(survey.created_at, zone).date() <= first.submitted_on
    coded = Comment.objects.exclude(coded_at=None)
    assert coded.exists()
    for comment in coded:
        local = timezone.localtime(comment.coded_at, zone_of(comment.centre)).date()
        assert comment.submitted_on <= local and comment.coded_at <= now, comment.pk
    assert coded.filter(coded_at__lt=now - timedelta(days=7)).exists()


def test_the_staff_held_their_roles_since_the_centre_opened_and_the_committee_since_its_term(
    demo,
):
    for role in CentreRole.objects.select_related("centre", "user"):
        centre = role.centre
        assert role.user.date_joined <= role.granted_at, role
        if role.role == Role.COMMITTEE_MEMBER:
            term = SeatTerm.objects.filter(member__account=role.user).get()
            local = timezone.localtime(role.granted_at, zone_of(centre)).date()
            assert local == term.starts_on, role
        else:  # the centre opened with its staff, before any record they made
            assert role.granted_at == centre.created_at, role
    coordinator = ProgrammeCoordinator.objects.get()
    assert coordinator.granted_at == min(centre.created_at for centre in demo)
