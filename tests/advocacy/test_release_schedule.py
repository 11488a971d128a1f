"""Figures are released on schedule, never by a page: the hourly task releases every
closed period the pages offer, and every page only reads stored releases."""

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from advocacy import tasks
from advocacy.recommendations import actions
from advocacy.recommendations.models import EvidenceItem
from advocacy.statistics import schedule
from advocacy.statistics.models import Release, SegmentSnapshot
from advocacy.statistics.periods import Period, PeriodKind, Segment, centre_zone
from advocacy.statistics.releases import read_segments
from centres.audit_entries import AuditEntry
from members.actions import kiosk_create
from members.rollup_models import VisitDay
from tests.devices import pair
from workercentre.celery import app

from ..factories import CentreFactory, VisitFactory, centre_today

NOT_YET = "are not released yet: they are released within the hour after the period ends."


def last_month(centre) -> Period:
    return Period.containing("month", centre_today(centre)).previous()


def visits_from(centre, first, people=6):
    """A few visits a week from the local day `first` to yesterday."""
    zone, day = centre_zone(centre), first
    while day < centre_today(centre):
        VisitFactory(centre=centre, people=people, arrived_at=datetime.combine(day, time(10), zone))
        day += timedelta(days=3)


def stored(centre) -> set[tuple[str, object]]:
    return set(Release.objects.for_centre(centre).values_list("period_kind", "period_start"))


def test_the_beat_runs_the_task_hourly_after_the_roll_ups():
    entries = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    task = "advocacy.tasks.release_closed_periods"
    assert task in entries and task in app.tasks
    ours, roll_ups = entries[task], entries["members.tasks.roll_up_visits"]
    assert ours.hour == roll_ups.hour  # every hour
    assert min(ours.minute) > max(roll_ups.minute)


def test_the_task_releases_exactly_the_offered_closed_periods_once(centre):
    """Records from late last year: 12 months, 8 weeks (not one across the new year),
    4 quarters and last year, each stored once with an audit entry by the schedule;
    nothing of a period still open; a second run makes nothing."""
    today = centre_today(centre)
    visits_from(centre, Period.containing("year", today).previous().last - timedelta(days=3))
    offered = schedule.offered_periods(centre)
    made = tasks.release_closed_periods()
    keys = stored(centre)
    assert {(p.kind.value, p.first) for p in offered} <= keys
    years = [p for p in offered if p.kind is PeriodKind.YEAR]
    assert years and all(p.first.year < today.year for p in years)
    # Besides those offered, only the months and quarters a released year is made of.
    parts = {
        (p.kind.value, p.first)
        for year in years
        for q in range(1, 5)
        for p in [Period.quarter(year.first.year, q), *Period.quarter(year.first.year, q).months()]
    }
    assert keys <= {(p.kind.value, p.first) for p in offered} | parts
    for kind in ("week", "month", "quarter", "year"):
        running = Period.containing(kind, today)
        assert (kind, running.first) not in keys  # open: not released
    assert not any(Period.containing(k, s).crosses_year for k, s in keys)
    assert made == len(keys)
    entries = AuditEntry.objects.filter(content_type__model="release")
    assert entries.count() == made
    assert {e.additional_data["by"] for e in entries} == {"schedule"}
    assert all(e.actor is None and e.centre_id == centre.pk for e in entries)
    assert tasks.release_closed_periods() == 0
    assert stored(centre) == keys and AuditEntry.objects.filter(
        content_type__model="release"
    ).count() == len(keys)


def test_the_last_day_is_counted_even_before_its_roll_up(centre):
    """A visit late on the last day of the month, whose day nobody rolled up yet: the
    release rolls it up first and counts it."""
    month = last_month(centre)
    zone = centre_zone(centre)
    Release.objects.all().delete()
    VisitFactory(centre=centre, people=7, arrived_at=datetime.combine(month.last, time(23), zone))
    assert not VisitDay.objects.filter(centre=centre, day=month.last).exists()
    tasks.release_closed_periods()
    released = Release.objects.for_centre(centre).of(month).get()
    assert released.value("visits.total", "people") == 7
    assert VisitDay.objects.filter(centre=centre, day=month.last).exists()


def test_one_centre_failing_does_not_stop_the_others(centre, programme, monkeypatch, caplog):
    second = CentreFactory(programme=programme, name="Zarqa centre", code="ZRQ")
    for each in (centre, second):
        visits_from(each, last_month(each).first)
    real = schedule.release

    def failing(*, centre, period, now=None):
        if centre.pk == first_pk:
            raise RuntimeError("broken")
        return real(centre=centre, period=period, now=now)

    first_pk = min(centre.pk, second.pk)
    monkeypatch.setattr(schedule, "release", failing)
    assert tasks.release_closed_periods() > 0
    assert not Release.objects.filter(centre_id=first_pk).exists()
    other = max(centre.pk, second.pk)
    assert Release.objects.filter(centre_id=other).exists()
    assert f"centre {first_pk} failed" in caplog.text
    monkeypatch.setattr(schedule, "release", real)
    assert tasks.release_closed_periods() > 0  # the next run releases the one that failed
    assert Release.objects.filter(centre_id=first_pk).exists()


# Every page that shows released figures, with each role that reads it.
CENTRE_PAGES = [
    ("released_figures", "manager"),
    ("released_figures", "social_worker"),
    ("released_figures", "legal"),
    ("released_figures", "committee_member"),
    ("released_figures", "coordinator"),
    ("case_figures", "manager"),
    ("feedback_summary", "manager"),
    ("feedback_summary", "social_worker"),
    ("feedback_summary", "committee_member"),
    ("you_said", "worker"),
    ("you_said", "committee_member"),
    ("you_said", "manager"),
]


@pytest.mark.parametrize(("name", "role"), CENTRE_PAGES)
def test_a_page_releases_nothing_and_says_the_period_is_not_released_yet(
    client, cast, centre, name, role
):
    visits_from(centre, last_month(centre).first - timedelta(days=100))
    client.force_login(cast[role])
    response = client.get(reverse(name, args=[centre.pk]))
    assert response.status_code == 200
    assert NOT_YET in response.content.decode()
    key = last_month(centre).key
    response = client.get(reverse(name, args=[centre.pk]), {"period": key})
    assert response.status_code == 200 and NOT_YET in response.content.decode()
    assert not Release.objects.exists()


def test_a_page_shows_a_release_once_the_schedule_made_it(client, committee_member, centre):
    visits_from(centre, last_month(centre).first)
    tasks.release_closed_periods()
    client.force_login(committee_member)
    response = client.get(reverse("released_figures", args=[centre.pk]))
    assert response.context["release"].period == last_month(centre)
    assert NOT_YET not in response.content.decode()


def test_the_kiosk_releases_nothing(client, centre, manager):
    visits_from(centre, last_month(centre).first - timedelta(days=100))
    pair(client, kiosk_create(centre=centre, label="Entrance", by=manager)[1])
    response = client.get(reverse("kiosk_you_said"))
    assert response.status_code == 200 and NOT_YET in response.content.decode()
    assert not Release.objects.exists()


def test_evidence_of_a_period_not_released_yet_is_refused_and_nothing_saved(
    client, centre, manager
):
    visits_from(centre, last_month(centre).first)
    recommendation = actions.recommendation_draft(
        centre=centre, by=manager, owner=manager, title="Pay wages on time",
        addressee_kind="labour_office", addressee_name="Labour office", deficits=["wages"],
        text="Wages are late.",
    )  # fmt: skip
    url = reverse("evidence_cite", args=[centre.pk, recommendation.pk])
    client.force_login(manager)
    key = last_month(centre).key
    response = client.get(url, {"period": key})
    assert NOT_YET in response.content.decode()
    response = client.post(url, {"period": key, "cells": ["visits.total|people"]})
    assert NOT_YET in response.content.decode()
    assert not EvidenceItem.objects.exists()
    assert not Release.objects.exists()


def test_the_programme_figures_release_nothing(client, coordinator, programme, centre):
    visits_from(centre, last_month(centre).first - timedelta(days=100))
    client.force_login(coordinator)
    url = reverse("programme_figures", args=[programme.pk])
    response = client.get(url)
    assert response.status_code == 200 and NOT_YET in response.content.decode()
    export = client.get(
        reverse("programme_figures_export", args=[programme.pk, "csv"]),
        {"period": last_month(centre).key},
    )
    assert export.status_code == 200
    assert not Release.objects.exists()


def test_a_week_refused_for_good_does_not_stop_the_other_periods(centre):
    """A month read in one piece before weeks could be (migration 0016) refuses its
    weeks for good: the schedule skips them and releases the rest, every hour."""
    month = last_month(centre)
    visits_from(centre, month.first - timedelta(days=60))
    schedule.release_scheduled(centre=centre, period=month)
    SegmentSnapshot.objects.for_centre(centre).delete()
    whole = Segment(month.first, month.end)
    zone = centre_zone(centre)
    SegmentSnapshot.objects.create(
        centre=centre, first=month.first, end=month.end, zone=str(zone),
        read_at=timezone.now(), exact=read_segments(centre, [whole], zone)[whole.key],
    )  # fmt: skip
    tasks.release_closed_periods()
    offered = schedule.offered_periods(centre)
    inside = [
        p
        for p in offered
        if p.kind is PeriodKind.WEEK and p.first < month.end and month.first < p.end
    ]
    assert inside and not any(schedule.stored_release(centre, p) for p in inside)
    before = [p for p in offered if p.end <= month.first]
    assert before and all(schedule.stored_release(centre, p) for p in before)
