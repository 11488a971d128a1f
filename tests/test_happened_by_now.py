"""Nothing that has happened is dated later than now on the centre's clock: a visit's
arrival and departure, a meeting, a paper form, an answer received. The message says
which dates are taken (centres.dates.RECORDED)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
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


# The actions themselves hold what happened to now, whoever calls them (the demo, an
# import, a task): each refusal names the date, with the forms' own message.


def _refused(call, name):
    with pytest.raises(ValidationError) as refused:
        call()
    assert "and now" in " ".join(refused.value.message_dict[name]) or "Enter a date between" in (
        " ".join(refused.value.message_dict[name])
    )


def test_actions_refuse_what_happened_later_than_now(centre, social_worker, manager):
    from advocacy.feedback.actions import response_submit
    from advocacy.feedback.models import FeedbackChannel, Response
    from advocacy.recommendations.actions import recommendation_draft, recommendation_send
    from members.actions import headcount_log, member_register, visit_log
    from members.models import Member
    from services.actions import booking_create
    from services.models import Booking

    from .factories import SessionFactory, SurveyFactory

    member = MemberFactory(centre=centre)
    soon = timezone.now() + timedelta(minutes=5)
    tomorrow = centre_today(centre) + timedelta(days=1)
    _refused(lambda: visit_log(centre=centre, by=social_worker, arrived_at=soon), "arrived_at")
    _refused(
        lambda: visit_log(centre=centre, by=social_worker, member=member, left_at=soon),
        "left_at",
    )
    _refused(
        lambda: headcount_log(
            centre=centre, by=social_worker, groups=[{"people": 2, "arrived_at": soon}]
        ),
        "arrived_at",
    )
    assert not Visit.objects.exists()
    before = Member.objects.count()
    _refused(
        lambda: member_register(
            centre=centre, by=social_worker, consents=[], preferred_name="A", registered_at=soon
        ),
        "registered_at",
    )
    assert Member.objects.count() == before
    survey = SurveyFactory(centre=centre)
    rating, _choice, _comment = survey.current_questions()
    _refused(
        lambda: response_submit(
            survey=survey,
            centre=centre,
            channel=FeedbackChannel.PAPER,
            answers={rating.pk: "2"},
            once="p-future",
            entered_by=social_worker,
            submitted_on=tomorrow,
        ),
        "submitted_on",
    )
    assert not Response.objects.exists()
    session = SessionFactory(service__centre=centre)
    _refused(
        lambda: booking_create(session=session, member=member, by=social_worker, at=soon),
        "at",
    )
    assert not Booking.objects.exists()
    draft = recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="Return passports",
        addressee_kind="labour_office",
        addressee_name="Inspectorate",
        deficits=["documents"],
        text="Inspect.",
    )
    _refused(
        lambda: recommendation_send(recommendation=draft, by=manager, sent_on=tomorrow),
        "sent_on",
    )
    # A minute ago is recorded: the refusals came from the time.
    visit_log(centre=centre, by=social_worker, arrived_at=timezone.now() - timedelta(minutes=1))
    assert Visit.objects.count() == 1
