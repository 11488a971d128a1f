"""The polling station is offered only when members can be checked in there
(`Ballot.voting_state` is OPEN). Before the window opens, its page says when
voting opens and takes no check-in; the committee may still name the officers."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from members.actions import (
    ballot_create,
    ballot_open,
    booth_device_create,
    polling_officer_name,
)
from members.models import Ballot, BoothPass

from ..factories import CommitteeFactory, MemberFactory, close_voting

DAY = timezone.timedelta(days=1)
STATION = "Polling station: check members in at the booth"
NAME_OFFICERS = "Polling officers: name who checks members in when voting opens"


@pytest.fixture
def voter(centre):
    return MemberFactory(centre=centre)


@pytest.fixture
def later(centre, voter):
    """Opened by the committee today, for a window from tomorrow."""
    now = timezone.now()
    ballot = ballot_create(
        committee=CommitteeFactory(centre=centre),
        by=None,
        kind="priority",
        question="What first?",
        method="plurality",
        opens_at=now + DAY,
        closes_at=now + 5 * DAY,
        roll_date=now,
        options=["Childcare", "Legal clinic"],
    )
    return ballot_open(ballot=ballot, by=None)


def _url(name, ballot):
    return reverse(name, args=[ballot.committee.centre_id, ballot.pk])


def _page(client, user, name, ballot) -> str:
    client.force_login(user)
    response = client.get(_url(name, ballot))
    assert response.status_code == 200
    return response.content.decode()


def test_no_polling_station_before_the_window_opens(client, committee_member, social_worker, later):
    polling_officer_name(ballot=later, user=social_worker, by=committee_member)
    for user in (committee_member, social_worker):
        page = _page(client, user, "ballot_detail", later)
        assert STATION not in page
    # The committee names its officers ahead, on the station's page.
    assert NAME_OFFICERS in _page(client, committee_member, "ballot_detail", later)
    assert NAME_OFFICERS not in _page(client, social_worker, "ballot_detail", later)

    Ballot.objects.filter(pk=later.pk).update(opens_at=timezone.now() - DAY)
    for user in (committee_member, social_worker):
        page = _page(client, user, "ballot_detail", later)
        assert STATION in page and NAME_OFFICERS not in page


def test_the_station_says_voting_is_not_open_yet_and_checks_nobody_in(
    client, centre, manager, committee_member, voter, later
):
    device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
    page = _page(client, committee_member, "ballot_polling", later)
    assert "Voting is not open yet: members can be checked in from" in page
    assert "Check a member in" not in page
    assert _url("ballot_paper", later) not in page  # paper marks are refused too
    assert "Name as polling officer" in page  # naming the officers is not
    response = client.post(_url("ballot_polling", later), {"code": voter.code, "device": device.pk})
    assert response.status_code == 200 and not BoothPass.objects.exists()


def test_a_closed_station_says_so(client, committee_member, later):
    Ballot.objects.filter(pk=later.pk).update(opens_at=timezone.now() - DAY)
    close_voting(ballot=later, by=None)
    page = _page(client, committee_member, "ballot_polling", later)
    assert "Voting is closed: no more members are checked in." in page
    assert "Check a member in" not in page and _url("ballot_paper", later) not in page
    assert STATION not in _page(client, committee_member, "ballot_detail", later)


def test_the_opens_on_badge_is_styled_like_the_other_states(client, committee_member, later):
    page = _page(client, committee_member, "ballot_detail", later)
    assert 'class="flag soon ballot-state" data-state="not_yet"' in page
    css = (Path(settings.BASE_DIR) / "static" / "css" / "workercentre.css").read_text()
    assert ".flag.soon {" in css


BOOTH_SECTIONS = (
    "Waiting at a booth",
    "Every booth is free.",
    "Refresh",
    "Voted at the booth today",
)


def test_the_booth_sections_show_only_while_voting_is_open(
    client, centre, manager, committee_member, voter, later
):
    for section in BOOTH_SECTIONS:
        assert section not in _page(client, committee_member, "ballot_polling", later)
    Ballot.objects.filter(pk=later.pk).update(opens_at=timezone.now() - DAY)
    page = _page(client, committee_member, "ballot_polling", later)
    assert all(section in page for section in BOOTH_SECTIONS)

    # Past its close time, a ballot still waiting on a booth can be cancelled, to free it.
    device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
    client.post(_url("ballot_polling", later), {"code": voter.code, "device": device.pk})
    booth_pass = BoothPass.objects.get()
    Ballot.objects.filter(pk=later.pk).update(
        closes_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    page = _page(client, committee_member, "ballot_polling", later)
    cancel = reverse("booth_pass_cancel", args=[centre.pk, later.pk, booth_pass.pk])
    assert "Waiting at a booth" in page and cancel in page
    assert "Refresh" not in page and "Voted at the booth today" not in page

    later.refresh_from_db()
    close_voting(ballot=later, by=None)
    page = _page(client, committee_member, "ballot_polling", later)
    for section in BOOTH_SECTIONS:
        assert section not in page
