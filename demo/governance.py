"""Demo self-governance: the Amman workers' committee, a finished STV election with its
counting rounds, a past priority ballot with the manager's responses (four of its votes
came on paper, in a confirmed batch), an open priority ballot that worker@example.org
can vote in by phone or at the booth, and a meeting with published decisions.

The booth tablet is paired at /booth/pair/ with the code DEMO_BOOTH_CODE (once per
load: a code works once): a polling officer (a committee seat holder, or the social
worker named for the open ballot) checks a member in on the ballot's polling page, and
the ballot then opens at /booth/ on that tablet.

Every window opens at 09:00 and closes at 17:00 on the centre's clock, nominations
before voting. The past polls are run around "now" (the actions refuse votes outside
an open window) and then moved, with every stamp of their running (set up, roll frozen,
nominations accepted, counted, certified, answered, published), to those hours in the
past, as if the election had run last month.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from centres import local_time
from centres.devices import typed_code
from centres.local_time import wall_clock, zone_of
from centres.models import CentreRole, Role
from centres.tokens import hash_token
from demo.visits import date_consents
from members.actions import (
    ballot_cast,
    ballot_close,
    ballot_create,
    ballot_open,
    booth_device_create,
    candidate_nominate,
    committee_create,
    committee_roles_sync,
    decision_publish,
    decision_record,
    election_certify,
    election_create,
    election_open_voting,
    meeting_record,
    member_register,
    paper_batch_confirm,
    paper_batch_enter,
    paper_mark,
    polling_officer_name,
    priority_respond,
)
from members.models import (
    Ballot,
    BoothDevice,
    Candidate,
    Committee,
    Decision,
    Election,
    Member,
    PaperBatch,
    PriorityResponse,
    SeatTerm,
)

DEMO_BOOTH_CODE = "DEMO-BOOTH-AMMAN"  # a demo pairing code; real booths get a random one
OPENS, CLOSES = time(9), time(17)  # a window's first and last hour, on the centre's clock

CANDIDATES = ["Kamala", "Anjali", "Fatima", "Rekha", "Bishnu"]
# (how many voters, their ranking of the candidates): 24 voters, 3 seats, quota 6.
RANKINGS = [
    (8, ["Kamala", "Anjali"]),
    (2, ["Kamala", "Rekha"]),
    (4, ["Fatima", "Rekha"]),
    (3, ["Rekha", "Fatima"]),
    (4, ["Anjali", "Bishnu"]),
    (3, ["Bishnu", "Fatima"]),
]


def linked_member(centre, user, name, *, by, since):
    member = Member.objects.filter(centre=centre, account=user).first()
    if member is None:
        member = member_register(
            centre=centre,
            by=by,
            consents=["services", "statistics"],
            preferred_name=name,
            gender="woman",
            registered_at=since,
        )
        member.account = user
        member.save(update_fields=["account"])
        date_consents([member])
    return member


def local(centre, days: int, at: time) -> datetime:
    """The instant the centre's clocks show `at`, `days` after (before, if negative)
    its today."""
    return wall_clock(local_time.today(centre) + timedelta(days=days), at, zone_of(centre))


def load_governance(centre, *, manager, social, committee_user, worker_user) -> None:
    now = timezone.now()
    today = local_time.today(centre)
    long_ago = centre.created_at + timedelta(hours=1)  # among the first to register
    kamala = linked_member(centre, committee_user, "Kamala", by=social, since=long_ago)
    sita = linked_member(centre, worker_user, "Sita", by=social, since=long_ago)
    voters = [m for m in centre.members.active().order_by("number") if m not in (kamala, sita)]

    committee = committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("secretary", ""), ("treasurer", ""), ("member", ""), ("member", "")],
        quorum_percent=60,
        term_months=24,
    )
    Committee.objects.filter(pk=committee.pk).update(created_at=local(centre, -90, time(10)))
    _election(committee, social, kamala, voters, now, today)
    _past_priorities(committee, manager, social, voters, now)
    _open_priorities(committee, manager, social, voters)
    _decisions(committee, today)


def _election(committee, social, kamala, voters, now, today):
    centre = committee.centre
    nominations_open_at = local(centre, -45, OPENS)  # the roll freezes then
    election = election_create(
        committee=committee,
        by=None,
        title="Workers' committee election 2026",
        seats=list(committee.seats.all()[:3]),
        method="stv",
        returning_officer=social,
        nominations_open_at=now - timedelta(minutes=1),
        nominations_close_at=now + timedelta(days=1),
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=2),
        term_starts_on=today + timedelta(days=4),  # once voting has closed, in any zone
        term_ends_on=today + timedelta(days=4 + 730),
        roll_date=nominations_open_at,  # the roll as it will have been
    )
    people = {"Kamala": kamala}
    for name, member in zip(CANDIDATES[1:], voters, strict=False):
        people[name] = member
    for name in CANDIDATES:
        candidate_nominate(
            election=election,
            member=people[name],
            nominated_by=people[name],
            display_name=name,
            statement=STATEMENTS[name],
        )
    Election.objects.filter(pk=election.pk).update(nominations_close_at=now)
    # Staff open voting on time, before it begins (once its time has passed, only the
    # committee may), and it begins at once.
    Ballot.objects.filter(pk=election.ballot_id).update(opens_at=now + timedelta(minutes=1))
    election.refresh_from_db()
    ballot = election_open_voting(election=election, by=social)
    Ballot.objects.filter(pk=ballot.pk).update(opens_at=now - timedelta(seconds=1))
    ballot.refresh_from_db()
    options = {o.label: o.pk for o in ballot.options.all()}
    electorate = iter([kamala, *voters])
    for count, ranking in RANKINGS:
        for _ in range(count):
            ballot_cast(
                ballot=ballot, member=next(electorate), choices=[options[n] for n in ranking]
            )
    # Voting has run its course: staff count once the window is over.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    ballot_close(ballot=ballot, by=social)
    election_certify(election=election, by=social)
    # As if it had run last month: nominations for a fortnight, voting for a week, the
    # count that evening, certified the next morning, the term begun twenty days ago.
    term_starts_on, term_ends_on = today - timedelta(days=20), today + timedelta(days=710)
    closes_at = local(centre, -23, CLOSES)
    Election.objects.filter(pk=election.pk).update(
        nominations_open_at=nominations_open_at,
        nominations_close_at=local(centre, -31, CLOSES),
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
        certified_at=local(centre, -22, time(10)),
    )
    Ballot.objects.filter(pk=ballot.pk).update(
        created_at=local(centre, -46, time(10)),
        roll_frozen_at=nominations_open_at,
        opens_at=local(centre, -30, OPENS),
        closes_at=closes_at,
        counted_at=closes_at + timedelta(hours=1),
    )
    Candidate.objects.filter(election=election).update(accepted_at=local(centre, -44, time(11)))
    SeatTerm.objects.filter(election=election).update(
        starts_on=term_starts_on, ends_on=term_ends_on
    )
    committee_roles_sync(centre=committee.centre)
    # The role came with the seat: held since the term began, not since loading.
    CentreRole.objects.filter(centre=centre, role=Role.COMMITTEE_MEMBER).update(
        granted_at=wall_clock(term_starts_on, time(0), zone_of(centre))
    )


STATEMENTS = {
    "Kamala": "Garment worker for 6 years. I want childcare on Fridays and a legal clinic.",
    "Anjali": "Domestic worker. Every worker should know her contract.",
    "Fatima": "I will push for Arabic classes in the evening.",
    "Rekha": "A doctor who speaks our languages, once a month.",
    "Bishnu": "Transport from the dormitories on our day off.",
}


def _past_priorities(committee, manager, social, voters, now):
    centre = committee.centre
    opens_at = local(centre, -80, OPENS)
    ballot = ballot_create(
        committee=committee,
        by=None,
        kind="priority",
        question="What should the centre do first this year?",
        method="approval",
        max_choices=2,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=7),
        roll_date=opens_at,  # the roll as it will have been
        options=["Childcare on Fridays", "Legal clinic on contracts", "Evening Arabic class"],
    )
    ballot = ballot_open(ballot=ballot, by=None)
    options = list(ballot.options.all())
    for i, member in enumerate(voters[:18]):
        ballot_cast(ballot=ballot, member=member, choices=[options[0].pk, options[1 + i % 2].pk])
    # Four voted on paper: the roll is marked, two officers count the box.
    for member in voters[18:22]:
        paper_mark(ballot=ballot, member=member, by=social)
    totals = {str(options[0].pk): 3, str(options[1].pk): 1, str(options[2].pk): 3}
    batch = paper_batch_enter(ballot=ballot, by=social, label="Box 1", papers=4, totals=totals)
    paper_batch_confirm(batch=batch, by=manager, papers=4, totals=totals)
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    ballot_close(ballot=ballot, by=None)
    # As if it had run for a week from 09:00 eleven weeks ago: the box counted that
    # evening, the manager's answers a week later.
    closes_at = local(centre, -73, CLOSES)
    Ballot.objects.filter(pk=ballot.pk).update(
        created_at=local(centre, -81, time(10)),
        roll_frozen_at=opens_at,
        opens_at=opens_at,
        closes_at=closes_at,
        counted_at=closes_at + timedelta(hours=1),
    )
    PaperBatch.objects.filter(pk=batch.pk).update(
        entered_at=closes_at + timedelta(minutes=30),
        confirmed_at=closes_at + timedelta(minutes=45),
    )
    options = list(Ballot.objects.get(pk=ballot.pk).options.select_related("ballot"))
    priority_respond(option=options[0], by=manager, status="in_progress")
    priority_respond(option=options[1], by=manager, status="planned")
    priority_respond(
        option=options[2],
        by=manager,
        status="not_possible",
        reason="No teacher is free in the evening until June; the Friday class has places.",
    )
    PriorityResponse.objects.filter(option__ballot=ballot).update(
        responded_at=local(centre, -66, time(11))
    )


def _open_priorities(committee, manager, social, voters):
    """Open since 09:00 yesterday, until 17:00 in a fortnight: open whenever the demo
    is loaded, on any clock."""
    centre = committee.centre
    opens_at = local(centre, -1, OPENS)
    ballot = ballot_create(
        committee=committee,
        by=None,
        kind="priority",
        question="Which new services should we ask for next quarter?",
        description="Choose up to two. The manager must answer each of the top priorities.",
        method="approval",
        max_choices=2,
        opens_at=opens_at,
        closes_at=local(centre, 13, CLOSES),
        roll_date=opens_at,  # announced when it opened
        options=[
            "A doctor who speaks Nepali, once a month",
            "A washing machine we can use on Fridays",
            "A bus from the Sahab dormitories on Fridays",
            "English and phone lessons in the evening",
        ],
    )
    ballot = ballot_open(ballot=ballot, by=None)
    Ballot.objects.filter(pk=ballot.pk).update(
        created_at=local(centre, -2, time(10)), roll_frozen_at=opens_at
    )
    options = list(ballot.options.all())
    for i, member in enumerate(voters[:6]):
        ballot_cast(ballot=ballot, member=member, choices=[options[i % 4].pk])
    device, _token = booth_device_create(
        centre=committee.centre, label="Booth behind the curtain, first floor", by=manager
    )
    BoothDevice.objects.filter(pk=device.pk).update(
        token_hash=hash_token(typed_code(DEMO_BOOTH_CODE))
    )
    polling_officer_name(ballot=ballot, user=social, by=manager)


def _decisions(committee, today):
    seats = list(committee.seats.all())
    meeting = meeting_record(
        committee=committee,
        by=None,
        held_on=today - timedelta(days=14),
        seats_present=seats[:3],  # the seats held that day: seats 4 and 5 are vacant
        minutes="The committee reviewed the priorities vote and the manager's responses.",
    )
    first = decision_record(
        meeting=meeting,
        by=None,
        motion="Ask the manager to open the Friday crèche from 10:00 instead of 12:00.",
        votes_for=3,
        votes_against=0,
        abstentions=0,
        text="The crèche opens at 10:00 on Fridays, so that mothers can attend the morning class.",
        review_on=today + timedelta(days=60),
    )
    second = decision_record(
        meeting=meeting,
        by=None,
        motion="Hold a members' assembly every three months.",
        votes_for=2,
        votes_against=0,
        abstentions=1,
        text="The next members' assembly is on the first Friday of next month.",
    )
    decision_publish(decision=first, by=None)
    decision_publish(decision=second, by=None)
    published_at = local(committee.centre, -13, time(10))  # the day after the meeting
    Decision.objects.filter(pk__in=[first.pk, second.pk]).update(published_at=published_at)
