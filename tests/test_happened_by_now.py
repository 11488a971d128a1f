"""Nothing that has happened is dated later than now on the centre's clock: a visit's
arrival and departure, a meeting, a paper form, an answer received. The message says
which dates are taken (centres.dates.RECORDED)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.recommendations.forms import ResponseForm
from centres.dates import DateTimeField
from centres.local_time import zone_of
from members.models import Visit

from .factories import MemberFactory, centre_today

LOCAL = "%Y-%m-%dT%H:%M"


def _local(centre, delta: timedelta) -> str:
    return timezone.localtime(timezone.now() + delta, zone_of(centre)).strftime(LOCAL)


@pytest.mark.parametrize(
    ("field", "delta"),
    [("arrived_at", timedelta(hours=2)), ("arrived_at", timedelta(days=1))],
)
def test_a_visit_arriving_later_than_now_is_refused(client, social_worker, centre, field, delta):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    url = reverse("visit_new", args=[centre.pk])
    response = client.post(url, {"member": member.code, field: _local(centre, delta)})
    assert response.status_code == 200
    error = response.context["form"].errors[field][0]
    assert "and now" in error  # the allowed range, up to now
    assert not Visit.objects.exists()
    # A minute ago is logged: the refusal came from the time.
    client.post(url, {"member": member.code, field: _local(centre, -timedelta(minutes=1))})
    assert Visit.objects.count() == 1


def test_a_visit_leaving_later_than_now_is_refused(client, social_worker, centre):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    url = reverse("visit_new", args=[centre.pk])
    data = {"member": member.code, "arrived_at": _local(centre, -timedelta(hours=1))}
    response = client.post(url, {**data, "left_at": _local(centre, timedelta(hours=2))})
    assert "and now" in response.context["form"].errors["left_at"][0]
    assert not Visit.objects.exists()


def test_an_instant_a_few_minutes_ahead_is_refused_even_on_the_same_day():
    field = DateTimeField()
    with pytest.raises(Exception) as refused:
        field.clean((timezone.localtime() + timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S"))
    assert "and now" in refused.value.messages[0]
    assert field.clean(timezone.localtime().strftime("%Y-%m-%d %H:%M"))


def test_an_answer_received_tomorrow_is_refused(centre):
    tomorrow = centre_today(centre) + timedelta(days=1)
    with timezone.override(zone_of(centre)):
        form = ResponseForm({"received_on": tomorrow.isoformat(), "summary": "Paid."})
        assert not form.is_valid()
        assert "Enter a date between" in form.errors["received_on"][0]
        assert ResponseForm({"received_on": centre_today(centre), "summary": "Paid."}).is_valid()
