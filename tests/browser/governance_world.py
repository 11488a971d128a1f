"""The governance part of the accessibility world: a committee with an open and a closed
ballot, an election taking nominations, a meeting with a published decision, a booth
with a ballot open on it, a draft recommendation and a sent one (with its letter)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from centres.tokens import hash_token

from ..factories import MemberFactory, centre_today, close_voting, fill_seats, open_ballot
from ..releases import released_for

BOOTH_CODE = "AXYBOOTHCODEABCDEFGHJKLM"  # the booth's pairing code: the tablet pairs with it


def governance_world(centre, cast, member) -> dict:
    from advocacy.recommendations.actions import recommendation_draft
    from members.actions import (
        ballot_cast,
        booth_check_in,
        booth_device_create,
        candidate_nominate,
        committee_create,
        decision_publish,
        decision_record,
        election_create,
        meeting_record,
    )
    from members.models import BoothDevice

    manager = cast["manager"]
    committee = committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("member", ""), ("member", "")],
    )
    opened = open_ballot(committee, question="Which service first?")
    closed = open_ballot(committee, question="Last year's priorities")
    ballot_cast(ballot=closed, member=member, choices=[closed.options.first().pk])
    close_voting(ballot=closed, by=None)
    now = timezone.now()
    election = election_create(
        committee=committee,
        by=None,
        title="Committee election",
        seats=list(committee.seats.all()[:2]),
        method="stv",
        returning_officer=cast["social_worker"],
        nominations_open_at=now - timedelta(minutes=5),
        nominations_close_at=now + timedelta(days=3),
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=5),
        term_starts_on=now.date() + timedelta(days=7),
        term_ends_on=now.date() + timedelta(days=700),
        roll_date=now,
    )
    candidate_nominate(
        election=election,
        member=member,
        nominated_by=member,
        display_name="Sita",
        statement="Childcare on Fridays.",
    )
    fill_seats(committee)
    meeting = meeting_record(
        committee=committee,
        by=None,
        held_on=centre_today(),
        seats_present=list(committee.seats.all()),
        minutes="We agreed to ask for a legal clinic.",
    )
    decision = decision_record(
        meeting=meeting,
        by=None,
        motion="Ask the manager for a legal clinic",
        votes_for=3,
        votes_against=0,
        abstentions=0,
        text="The committee asks for a weekly legal clinic.",
    )
    decision_publish(decision=decision, by=None)
    device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
    BoothDevice.objects.filter(pk=device.pk).update(token_hash=hash_token(BOOTH_CODE))
    booth_check_in(ballot=opened, member=member, device=device, by=manager)
    # A free booth, so that the polling page offers its check-in form.
    booth_device_create(centre=centre, label="Booth 2", by=manager)
    recommendation = recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="End the retention of workers' passports",
        addressee_kind="labour_office",
        addressee_name="Directorate of Labour Inspection, Amman",
        deficits=["documents"],
        text="Workers report that agencies keep their passports.",
    )
    return {
        "sent_recommendation": _sent_recommendation(centre, cast),
        "committee": committee,
        "open_ballot": opened,
        "closed_ballot": closed,
        "closed_option": closed.options.first(),
        "election": election,
        "meeting": meeting,
        "booth_code": BOOTH_CODE,
        "recommendation": recommendation,
    }


def _sent_recommendation(centre, cast):
    """A recommendation citing a released figure of September 2026 and sent: its letter
    exists (the manager alone may open it)."""
    from advocacy.actions import grievance_open
    from advocacy.models import Grievance
    from advocacy.recommendations.actions import (
        evidence_cite,
        recommendation_draft,
        recommendation_send,
    )

    social, manager = cast["social_worker"], cast["manager"]
    for _ in range(6):
        case = grievance_open(
            consent_given=True,
            centre=centre,
            by=social,
            member=MemberFactory(centre=centre),
            narrative="They keep my passport.",
            issue_types=["documents"],
            assignees=[social],
        )
        Grievance.objects.filter(pk=case.pk).update(
            opened_at=datetime(2026, 9, 10, 10, tzinfo=ZoneInfo("UTC"))
        )
    draft = recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="Inspect the agencies that keep passports",
        addressee_kind="labour_office",
        addressee_name="Directorate of Labour Inspection, Amman",
        deficits=["documents"],
        text="Six workers of this centre reported passports kept in September.",
    )
    released_for(centre, "2026-09")  # as the hourly schedule has, by now
    evidence_cite(
        recommendation=draft,
        by=manager,
        centre=centre,
        period="2026-09",
        cells=(("cases.issue", "documents"),),
    )
    return recommendation_send(recommendation=draft, by=manager)
