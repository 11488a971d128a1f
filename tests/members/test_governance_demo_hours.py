"""The demo's votes keep a centre's hours: every window opens at 09:00 and closes at
17:00 on the centre's clock, nominations before voting, and every stamp of the past
polls (set up, roll frozen, nominations accepted, counted, certified, answered,
published) in the past, in order; the open ballot is open whenever the demo is loaded."""

from datetime import time, timedelta

from django.core.management import call_command
from django.utils import timezone

from centres.local_time import day_start, zone_of
from centres.models import Centre
from members.models import (
    Ballot,
    Candidate,
    Committee,
    Decision,
    Election,
    PaperBatch,
    PriorityResponse,
)


def test_demo_windows_keep_the_centres_hours_and_the_past_polls_are_past(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    now = timezone.now()
    zone = zone_of(Centre.objects.get(code="AMM"))

    def clock(instant):
        return instant.astimezone(zone).time()

    ballots = Ballot.objects.all()
    assert ballots.count() == 3
    for ballot in ballots:
        assert (clock(ballot.opens_at), clock(ballot.closes_at)) == (time(9), time(17)), ballot
        assert ballot.created_at < ballot.roll_frozen_at <= ballot.opens_at, ballot
        assert ballot.roll_date <= ballot.roll_frozen_at, ballot
    (open_ballot,) = Ballot.objects.open_now()
    assert open_ballot.opens_at < now < open_ballot.closes_at
    for ballot in Ballot.objects.closed():
        assert ballot.closes_at < ballot.counted_at < now - timedelta(days=7), ballot
        for response in PriorityResponse.objects.filter(option__ballot=ballot):
            assert ballot.counted_at < response.responded_at < now - timedelta(days=7)
    batch = PaperBatch.objects.get()
    ballot = batch.ballot
    assert ballot.closes_at < batch.entered_at < batch.confirmed_at < ballot.counted_at

    election = Election.objects.get()
    ballot = election.ballot
    assert clock(election.nominations_open_at) == time(9)
    assert clock(election.nominations_close_at) == time(17)
    assert ballot.created_at < election.nominations_open_at == ballot.roll_frozen_at
    assert election.nominations_close_at < ballot.opens_at
    assert ballot.counted_at < election.certified_at < day_start(election.term_starts_on, zone)
    for candidate in Candidate.objects.filter(election=election):
        assert election.nominations_open_at < candidate.accepted_at
        assert candidate.accepted_at < election.nominations_close_at

    assert Committee.objects.get().created_at < min(b.created_at for b in ballots)
    for decision in Decision.objects.all():
        held = day_start(decision.meeting.held_on, zone)
        assert held < decision.published_at < now - timedelta(days=7)
