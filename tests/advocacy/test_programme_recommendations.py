"""A coordinator builds a programme recommendation from several centres' released
evidence, sends it (freezing the evidence) and prints the letter."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy import actions as case_actions
from advocacy.models import EvidenceItem, EvidenceSnapshot, Grievance, Recommendation
from advocacy.statistics.periods import Period

from ..factories import CentreFactory, CentreRoleFactory, MemberFactory, UserFactory, centre_today
from ..releases import released_for

DRAFT = {
    "title": "Return workers' passports",
    "addressee_kind": "ministry",
    "addressee_name": "Ministry of Labour",
    "deficits": ["documents"],
    "text": "Employers in both cities keep passports.",
}


@pytest.fixture
def second_centre(programme):
    return CentreFactory(programme=programme, name="Zarqa centre", code="ZRQ")


@pytest.fixture
def month(centre):
    return Period.containing("month", timezone.localdate(timezone=centre.time_zone)).previous()


def cases(centre, month, number, issue="documents"):
    staff = CentreRoleFactory(centre=centre, role="social_worker", user=UserFactory()).user
    when = datetime.combine(month.first + timedelta(days=3), time(12), centre.time_zone)
    for _n in range(number):
        case = case_actions.grievance_open(
            consent_given=True,
            centre=centre, by=staff, member=MemberFactory(centre=centre), narrative="passport",
            issue_types=[issue], assignees=[staff],
        )  # fmt: skip
        Grievance.objects.filter(pk=case.pk).update(opened_at=when)


def _urls(programme, recommendation=None):
    urls = {"list": reverse("programme_recommendations", args=[programme.pk])}
    if recommendation is not None:
        args = [programme.pk, recommendation.pk]
        urls["detail"] = reverse("programme_recommendation_detail", args=args)
        urls["send"] = reverse("programme_recommendation_send", args=args)
        urls["letter"] = reverse("programme_recommendation_letter", args=args)
    return urls


def test_a_programme_recommendation_from_two_centres(
    client, coordinator, programme, centre, second_centre, month
):
    cases(centre, month, 6)
    cases(second_centre, month, 7)
    cases(second_centre, month, 2, issue="harassment")
    for each in (centre, second_centre):
        released_for(each, month)  # as the hourly schedule has by now
    client.force_login(coordinator)
    urls = _urls(programme)
    response = client.post(urls["list"], DRAFT)
    recommendation = Recommendation.objects.get()
    assert recommendation.programme == programme and recommendation.centre is None
    urls = _urls(programme, recommendation)
    assert response.url == urls["detail"]
    page = client.get(urls["detail"], {"centre": second_centre.pk, "period": month.key})
    assert "Zarqa centre" in page.content.decode()
    for each in (centre, second_centre, centre):  # the third is a repeat: one item
        client.post(
            urls["detail"],
            {"centre": each.pk, "period": month.key, "cells": ["cases.issue|documents"]},
        )
    assert EvidenceItem.objects.count() == 2
    # A hidden cell is refused, nothing cited.
    client.post(
        urls["detail"],
        {"centre": second_centre.pk, "period": month.key, "cells": ["cases.issue|harassment"]},
    )
    assert EvidenceItem.objects.count() == 2
    assert client.get(urls["letter"]).status_code == 404  # no letter before sending
    client.post(urls["send"], {})
    client.post(urls["send"], {})  # twice: one snapshot
    assert EvidenceSnapshot.objects.count() == 1
    cases(centre, month, 3)  # later data does not change the letter
    letter = client.get(urls["letter"]).content.decode()
    assert "Amman centre" in letter and "Zarqa centre" in letter
    assert ">6<" in letter and ">7<" in letter
    recommendation.refresh_from_db()
    assert recommendation.snapshot.verify()


def test_bad_input_and_the_access_matrix(client, cast, programme, centre, other_centre, month):
    client.force_login(cast["coordinator"])
    urls = _urls(programme)
    response = client.post(urls["list"], {**DRAFT, "deficits": []})
    assert response.status_code == 400 and not Recommendation.objects.exists()
    client.post(urls["list"], DRAFT)
    recommendation = Recommendation.objects.get()
    urls = _urls(programme, recommendation)
    # A centre of another programme, an open period, a week across the new year: refused,
    # nothing cited.
    assert client.get(urls["detail"], {"centre": other_centre.pk}).status_code == 404
    this_month = Period.containing("month", centre_today()).key
    for period in (this_month, "2026-W01", "nonsense"):
        response = client.get(urls["detail"], {"centre": centre.pk, "period": period})
        assert response.status_code == 400
    assert not EvidenceItem.objects.exists()
    assert client.get(urls["send"]).status_code == 405
    for role in ("manager", "social_worker", "committee_member", "worker"):
        client.force_login(cast[role])
        for url in (urls["list"], urls["detail"]):
            assert client.get(url).status_code == 403, role
        assert client.post(urls["send"]).status_code == 403
    client.force_login(cast["outsider"])
    assert client.get(urls["detail"]).status_code == 404
    other = Recommendation.objects.create(
        programme=other_centre.programme, title="x", addressee_kind="ministry",
        addressee_name="y", deficits=["wages"], text="z", owner=cast["outsider"],
    )  # fmt: skip
    client.force_login(cast["coordinator"])
    wrong = reverse("programme_recommendation_detail", args=[programme.pk, other.pk])
    assert client.get(wrong).status_code == 404
    assert recommendation.status == "draft"


def test_a_programme_recommendation_citing_a_week_is_not_sent(
    client, coordinator, programme, centre, month
):
    """An item cited for a week before evidence refused weeks: the programme's send
    says to re-cite it, nothing is sent, and the draft's page marks the figure."""
    cases(centre, month, 6)
    client.force_login(coordinator)
    client.post(_urls(programme)["list"], DRAFT)
    recommendation = Recommendation.objects.get()
    urls = _urls(programme, recommendation)
    client.post(
        urls["detail"],
        {"centre": centre.pk, "period": month.key, "cells": ["cases.issue|documents"]},
    )
    week = Period.containing("week", month.first + timedelta(days=7))
    EvidenceItem.objects.create(
        recommendation=recommendation, centre=centre, period=week.key,
        table="cases.issue", label="documents", position=1,
    )  # fmt: skip
    recite = "re-cite this figure for a month, quarter or year"
    assert recite in client.get(urls["detail"]).content.decode()
    page = client.post(urls["send"], {}, follow=True).content.decode()
    assert recite in page
    assert not EvidenceSnapshot.objects.exists()
    recommendation.refresh_from_db()
    assert recommendation.status == "draft"
