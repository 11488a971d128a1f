"""A recommendation's follow-up is due on its centre's (or programme's) own date.

The zones are 25 hours apart: at any instant at least one of them is on another date
than the server (UTC), so a rule that read the server's date fails at every hour."""

from datetime import timedelta

import pytest

from advocacy.recommendations import actions
from advocacy.recommendations.models import Recommendation, RecommendationStatus
from centres import local_time

from ..factories import CentreFactory, CentreRoleFactory, ProgrammeFactory

EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14, UTC-11


def _sent(owner, days_from_today: int, **scope) -> Recommendation:
    """A sent recommendation of `scope` (centre= or programme=) whose follow-up falls
    `days_from_today` after the owner's today."""
    draft = actions.recommendation_draft(
        by=owner,
        owner=owner,
        title="Return workers' passports",
        addressee_kind="labour_office",
        addressee_name="Labour inspectorate",
        deficits=["documents"],
        text="Inspect the recruitment agencies that keep passports.",
        **scope,
    )
    (place,) = scope.values()
    Recommendation.objects.filter(pk=draft.pk).update(
        status=RecommendationStatus.SENT,
        sent_on=local_time.today(place) - timedelta(days=30),
        follow_up_on=local_time.today(place) + timedelta(days=days_from_today),
    )
    return draft


@pytest.mark.parametrize("zone", [EAST, WEST])
def test_a_centres_follow_up_is_due_from_its_own_today(db, settings, zone):
    settings.TIME_ZONE = "UTC"
    centre = CentreFactory(time_zone=zone)
    manager = CentreRoleFactory(centre=centre, role="manager").user
    due = _sent(manager, 0, centre=centre)
    _sent(manager, 1, centre=centre)
    assert list(Recommendation.objects.follow_up_due()) == [due]


@pytest.mark.parametrize("zone", [EAST, WEST])
def test_a_programmes_follow_up_is_due_from_the_programmes_today(db, settings, zone):
    settings.TIME_ZONE = "UTC"
    programme = ProgrammeFactory(time_zone=zone)
    # The programme's centre is elsewhere: its zone does not decide.
    CentreFactory(programme=programme, time_zone=WEST if zone == EAST else EAST)
    coordinator = CentreRoleFactory(role="manager").user
    due = _sent(coordinator, 0, programme=programme)
    _sent(coordinator, 1, programme=programme)
    assert list(Recommendation.objects.follow_up_due()) == [due]
