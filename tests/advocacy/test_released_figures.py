"""The figures the committee and the coordinator read: a closed period's release, the
same for everyone, unchanged by anything recorded afterwards."""

from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.statistics.labels import period_name
from advocacy.statistics.periods import Period, centre_zone, closed_periods
from services.models import ServiceRequest

from ..factories import MemberFactory, VisitFactory, centre_today
from ..releases import released_for

ALLOWED = ["manager", "social_worker", "legal", "committee_member", "coordinator"]


def last_month() -> Period:
    return Period.containing("month", centre_today()).previous()


def _url(centre, **query):
    url = reverse("released_figures", args=[centre.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def busy_month(centre):
    zone = centre_zone(centre)
    for day in last_month().days()[:20]:
        VisitFactory(centre=centre, people=4, arrived_at=datetime.combine(day, time(9), zone))
        VisitFactory(centre=centre, people=3, arrived_at=datetime.combine(day, time(15), zone))
    first = last_month().first
    VisitFactory(centre=centre, arrived_at=datetime.combine(first, time(3), zone))
    for n in range(7):
        ServiceRequest.objects.create(centre=centre, wish=f"wish {n}")


def page(client, centre, **query):
    released_for(centre, query.get("period"))
    response = client.get(_url(centre, **query))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("role", ALLOWED)
def test_page_for_staff_committee_and_coordinator(client, cast, centre, role):
    busy_month(centre)
    client.force_login(cast[role])
    response = page(client, centre)
    assert response.context["release"].period == last_month()
    assert response.context["people"] == 141


def test_worker_may_not_see_the_figures(client, worker, centre):
    client.force_login(worker)
    assert client.get(_url(centre)).status_code == 403


@pytest.mark.parametrize("role", [*ALLOWED, "worker"])
def test_other_centre_is_not_found_for_every_role(client, cast, other_centre, role):
    client.force_login(cast[role])
    assert client.get(_url(other_centre)).status_code == 404


def test_outsider_cannot_see_this_centre(client, outsider, centre):
    client.force_login(outsider)
    assert client.get(_url(centre)).status_code == 404


def test_post_is_refused(client, committee_member, centre):
    client.force_login(committee_member)
    assert client.post(_url(centre)).status_code == 405


# 2026-W01 (29 December 2025 to 4 January 2026) crosses the new year.
@pytest.mark.parametrize("bad", ["2026-13", "last-90-days", "2026-W01", "<script>"])
def test_bad_or_refused_periods_are_explained(client, committee_member, centre, bad):
    client.force_login(committee_member)
    response = page(client, centre, period=bad)
    assert response.context["release"].period == last_month()
    assert response.context["messages"]


def test_the_committees_view_does_not_change_when_a_visit_or_request_is_recorded(
    client, committee_member, centre
):
    """A co-worker checks in at the kiosk with their code, or asks for a service: the
    committee reloads its figures and sees nothing new, now or later, for any period
    it can choose."""
    busy_month(centre)
    client.force_login(committee_member)
    before = shown(page(client, centre))
    member = MemberFactory(centre=centre)
    VisitFactory(centre=centre, member=member, channel="kiosk")
    ServiceRequest.objects.create(centre=centre, wish="a clinic", member=member)
    zone = centre_zone(centre)
    VisitFactory(centre=centre, arrived_at=datetime.combine(last_month().last, time(22), zone))
    assert shown(page(client, centre)) == before


def shown(response):
    """Everything the page shows, without its per-request nonce and token."""
    content = response.content.decode()
    return content[content.index("<main") :]


def test_hidden_hours_are_not_given_away_by_the_total(client, committee_member, centre):
    """One person at 03:00: that hour, the zeros beside it and one more hour are
    hidden, so total − visible hours spreads over many hours that may be zero."""
    busy_month(centre)
    client.force_login(committee_member)
    hours = {t["id"]: dict(t["rows"]) for t in page(client, centre).context["tables"]}[
        "visits-hour"
    ]
    assert hours["03:00–04:00"] is None
    assert hours["04:00–05:00"] is None  # a zero
    hidden = [label for label, count in hours.items() if count is None]
    visible = sum(count for count in hours.values() if count is not None)
    assert 141 - visible >= 5 and len(hidden) >= 2


def test_nav_offers_the_figures_to_the_committee(client, committee_member, centre):
    client.force_login(committee_member)
    assert _url(centre) in page(client, centre).content.decode()


def test_anonymous_is_sent_to_sign_in(client, centre):
    response = client.get(_url(centre))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_last_closed_weeks_are_offered_but_not_one_across_the_new_year(
    client, committee_member, centre
):
    busy_month(centre)
    client.force_login(committee_member)
    response = page(client, centre)
    assert response.context["release"].period == last_month()  # still the first choice
    weeks = [p for p in response.context["form"].periods if p.kind == "week"]
    closed = closed_periods("week", zone=centre_zone(centre), now=timezone.now(), count=8)
    assert weeks == [p for p in closed if not p.crosses_year] and weeks
    chosen = page(client, centre, period=weeks[0].key)
    assert chosen.context["release"].period == weeks[0]
    assert not list(chosen.context["messages"])
    assert period_name(weeks[0]) in chosen.content.decode()
