"""A once-a-day reminder is once a day of the centre (or programme) it concerns, not of
the server: each mail is recorded under that place's own date. The zones are 25 hours
apart, so at every instant their dates differ and at least one differs from UTC's."""

from datetime import timedelta

from django.core import mail

from advocacy import actions
from advocacy.recommendations import actions as recommendation_actions
from advocacy.recommendations.models import Recommendation, RecommendationStatus
from advocacy.recommendations.tasks import send_follow_up_reminders
from advocacy.tasks import send_overdue_reminders, tell_managers_of_unassigned_cases
from centres import local_time
from centres.mail import SentMail

from ..factories import CentreFactory, CentreRoleFactory, MemberFactory, ProgrammeFactory

EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14, UTC-11


def _days(kind: str) -> set[str]:
    return {
        key.split(":")[0]
        for key in SentMail.objects.filter(kind=kind).values_list("key", flat=True)
    }


def test_overdue_cases_are_reminded_once_a_day_of_each_centre(db, settings):
    settings.TIME_ZONE = "UTC"
    east, west = CentreFactory(time_zone=EAST), CentreFactory(time_zone=WEST)
    staff = CentreRoleFactory(centre=east, role="social_worker").user
    CentreRoleFactory(centre=west, role="social_worker", user=staff)
    for centre in (east, west):
        actions.grievance_open(
            centre=centre,
            by=staff,
            member=MemberFactory(centre=centre),
            narrative="Unpaid for two months",
            issue_types=["wage_theft"],
            assignees=[staff],
            follow_up_on=local_time.today(centre) - timedelta(days=2),
            consent_given=True,
        )
    assert send_overdue_reminders.delay().get() == 2
    assert _days("overdue_cases") == {
        local_time.today(east).isoformat(),
        local_time.today(west).isoformat(),
    }
    assert send_overdue_reminders.delay().get() == 0  # the same days: nobody again
    assert len(mail.outbox) == 2


def test_unassigned_cases_are_keyed_on_the_centres_day(db, settings):
    settings.TIME_ZONE = "UTC"
    for zone in (EAST, WEST):
        centre = CentreFactory(time_zone=zone)
        CentreRoleFactory(centre=centre, role="manager")
        tell_managers_of_unassigned_cases.delay(centre.pk, [7]).get()
        assert local_time.today(centre).isoformat() in _days("unassigned_cases")


def test_follow_ups_are_reminded_once_a_day_of_each_place(db, settings):
    settings.TIME_ZONE = "UTC"
    east = CentreFactory(time_zone=EAST)
    programme = ProgrammeFactory(time_zone=WEST)
    owner = CentreRoleFactory(centre=east, role="manager").user
    for place in ({"centre": east}, {"programme": programme}):
        draft = recommendation_actions.recommendation_draft(
            by=owner,
            owner=owner,
            title="Return workers' passports",
            addressee_kind="labour_office",
            addressee_name="Labour inspectorate",
            deficits=["documents"],
            text="Inspect the recruitment agencies that keep passports.",
            **place,
        )
        (where,) = place.values()
        Recommendation.objects.filter(pk=draft.pk).update(
            status=RecommendationStatus.SENT,
            sent_on=local_time.today(where) - timedelta(days=30),
            follow_up_on=local_time.today(where) - timedelta(days=1),
        )
    assert send_follow_up_reminders() == 2
    assert _days("recommendation_follow_up") == {
        local_time.today(east).isoformat(),
        local_time.today(programme).isoformat(),
    }
    assert send_follow_up_reminders() == 0
