"""A follow-up is overdue from the next local day of the case's own centre."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from advocacy import actions
from advocacy.models import Grievance

from ..factories import CentreFactory, CentreRoleFactory, MemberFactory

# 25 hours apart: at any instant their calendar dates differ.
EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14, UTC-11


def _case(zone: str, follow_up_on):
    centre = CentreFactory(time_zone=zone)
    staff = CentreRoleFactory(centre=centre).user
    return actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=staff,
        member=MemberFactory(centre=centre),
        narrative="Unpaid for two months",
        issue_types=["wage_theft"],
        assignees=[staff],
        follow_up_on=follow_up_on,
    )


def test_the_same_follow_up_date_is_overdue_where_that_day_is_over(db, settings):
    settings.TIME_ZONE = "UTC"
    yesterday_in_the_east = timezone.localdate(timezone.now(), ZoneInfo(EAST)) - timedelta(days=1)
    east = _case(EAST, yesterday_in_the_east)
    west = _case(WEST, yesterday_in_the_east)  # still today or tomorrow there
    assert list(Grievance.objects.overdue()) == [east]
    assert west not in Grievance.objects.overdue()
