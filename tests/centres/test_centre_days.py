"""What is "today" for a centre is the centre's date, not the server's: the plausible
dates of a form that knows its centre, and the day a survey answer or comment is dated
(no default from the server's date: every writer gives the centre's day). The zones
are 25 hours apart, so at every instant one of them is on another date than UTC."""

from datetime import timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from advocacy.models import Comment, Response
from centres import dates, local_time
from centres.dates import RECORDED, DateField, check_plausible

from ..factories import CentreFactory, SurveyFactory

EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14, UTC-11


class _Form(forms.Form):
    on = DateField()


def _accepted(centre, day) -> bool:
    form = _Form(data={"on": day.isoformat()})
    dates.in_zone_of(form, centre)
    return form.is_valid()


def test_a_form_that_knows_its_centre_reads_tomorrow_on_the_centres_date(db, settings):
    settings.TIME_ZONE = "UTC"
    east, west = CentreFactory(time_zone=EAST), CentreFactory(time_zone=WEST)
    # Today is the last plausible day of something that happened, where it happened: in
    # Kiritimati that is the server's tomorrow, in Pago Pago its yesterday.
    assert _accepted(east, local_time.today(east))
    assert not _accepted(east, local_time.today(east) + timedelta(days=1))
    assert _accepted(west, local_time.today(west))
    assert not _accepted(west, local_time.today(west) + timedelta(days=1))


def test_check_plausible_reads_an_instants_day_in_the_zone_given(settings):
    from datetime import datetime

    from centres.local_time import zone_of

    settings.TIME_ZONE = "UTC"
    east = CentreFactory.build(time_zone=EAST)
    zone = zone_of(east)
    tomorrow = local_time.today(east) + timedelta(days=1)
    with pytest.raises(ValidationError):
        check_plausible(
            datetime.combine(tomorrow, datetime.min.time(), tzinfo=zone), RECORDED, zone
        )
    check_plausible(timezone.now().astimezone(zone) - timedelta(minutes=1), RECORDED, zone)


def test_an_answer_or_a_comment_is_never_dated_by_the_server(db):
    centre = CentreFactory()
    survey = SurveyFactory(centre=centre)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, centre=centre, channel="phone", once="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(centre=centre, channel="phone", text="x")
