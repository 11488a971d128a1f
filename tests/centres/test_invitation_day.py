"""An invitation's e-mail gives the day its link stops working on the centre's calendar,
not the server's: the zones are 25 hours apart, so one of them is always on another
date than UTC."""

from django.core import mail
from django.utils import formats, timezone

from centres.actions import invitation_create, invitation_send
from centres.local_time import zone_of

from ..factories import CentreFactory, UserFactory

EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14, UTC-11


def test_an_invitation_gives_its_last_day_on_the_centres_calendar(db, settings):
    settings.TIME_ZONE = "UTC"
    by = UserFactory()
    for zone in (EAST, WEST):
        centre = CentreFactory(time_zone=zone)
        invitation = invitation_create(
            centre=centre, email=f"new-{zone[-4:]}@example.org", role="social_worker", by=by
        )
        mail.outbox.clear()
        invitation_send(invitation=invitation)
        [message] = mail.outbox
        invitation.refresh_from_db()
        last_day = timezone.localdate(invitation.expires_at, zone_of(centre))
        assert formats.date_format(last_day, "DATE_FORMAT") in message.body, zone
