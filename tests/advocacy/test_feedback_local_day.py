"""Feedback is dated with the centre's own date, whatever channel it comes through."""

from zoneinfo import ZoneInfo

from django.utils import timezone

from advocacy.feedback.actions import comment_leave

from ..factories import CentreFactory

EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14 and UTC-11


def test_a_comment_is_dated_with_its_centres_own_date(db, settings):
    settings.TIME_ZONE = "UTC"
    for zone in (EAST, WEST):
        comment = comment_leave(
            centre=CentreFactory(time_zone=zone),
            channel="phone",
            text="The water tap is broken",
            once=f"form-{zone}",
        )
        assert comment.submitted_on == timezone.localdate(timezone.now(), ZoneInfo(zone))
