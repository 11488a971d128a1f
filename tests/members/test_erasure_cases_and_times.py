"""Erasure on request: the erase page says what stays and what goes (visits, cases,
bookings, in counts); the kept visits lose their exact times (the hour on the centre's
clock stays, so no count changes); the person's cases lose their narrative, notes
and contact as a closed case does past its retention period, and an open one is
closed, on its timeline, and marked on its page."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse

from advocacy import actions as case_actions
from advocacy.models import CaseEvent, CaseNote, Grievance
from centres.local_time import zone_of
from centres.retention import REMOVED_TEXT
from members.actions import visit_log
from members.models import Visit

from ..factories import MemberFactory, centre_today

CANARY = "CANARY-erase-5d1f"


@pytest.fixture
def sita(centre, social_worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    zone = zone_of(centre)
    day = centre_today(centre) - timedelta(days=3)
    arrived = datetime.combine(day, time(10, 37, 12), tzinfo=zone)
    visit_log(
        centre=centre,
        by=social_worker,
        member=member,
        arrived_at=arrived,
        left_at=arrived + timedelta(minutes=50),
    )
    return member


def _open_case(member, by, **extra):
    return case_actions.grievance_open(
        centre=member.centre,
        by=by,
        member=member,
        narrative=f"{CANARY} my passport was taken",
        contact=f"{CANARY} call the cousin",
        issue_types=["documents"],
        assignees=[by],
        consent_given=True,
        **extra,
    )


def _erase(client, user, member):
    client.force_login(user)
    url = reverse("member_erase", args=[member.centre_id, member.pk])
    return client.post(url, {"confirm": member.code})


def test_the_erase_page_says_what_stays_and_what_goes(client, social_worker, sita):
    _open_case(sita, social_worker)
    closed = _open_case(sita, social_worker)
    case_actions.grievance_move(grievance=closed, to="closed", reason="done", by=social_worker)
    client.force_login(social_worker)
    page = client.get(reverse("member_erase", args=[sita.centre_id, sita.pk])).content.decode()

    assert "1 visit stays, counted, without its exact time" in page
    assert "2 cases stay, with their issue types" in page
    assert "narratives, notes (legal ones too), contact details" in page
    assert "1 of them is still open: it is closed now, marked as erased on request" in page
    assert CANARY not in page


def test_kept_visits_lose_their_exact_times_but_keep_their_day_and_hour(
    client, social_worker, centre, sita
):
    assert _erase(client, social_worker, sita).status_code == 302

    visit = Visit.objects.get(member=sita)
    local = visit.arrived_at.astimezone(zone_of(centre))
    assert (local.date(), local.hour) == (centre_today(centre) - timedelta(days=3), 10)
    assert (local.minute, local.second, local.microsecond) == (0, 0, 0)
    assert visit.left_at is None


def test_the_persons_cases_lose_their_story_and_an_open_one_is_closed(
    client, manager, social_worker, sita
):
    case = _open_case(sita, social_worker)
    case_actions.note_add(grievance=case, text=f"{CANARY} note", by=social_worker)

    assert _erase(client, social_worker, sita).status_code == 302

    case.refresh_from_db()
    assert case.status == "closed" and case.finished_at is not None
    assert case.anonymised_at is not None
    assert case.narrative == REMOVED_TEXT and case.contact == ""
    assert not CaseNote.objects.filter(grievance=case).exists()
    assert set(case.issues.values_list("issue_type", flat=True)) == {"documents"}
    last = CaseEvent.objects.filter(grievance=case).last()
    assert (last.from_status, last.to_status) == ("intake", "closed")
    client.force_login(manager)
    page = client.get(reverse("case_detail", args=[case.centre_id, case.pk])).content.decode()
    assert "Erased on request" in page
    assert CANARY not in page
    assert Grievance.objects.open().count() == 0
