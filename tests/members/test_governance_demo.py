"""The demo's governance: a seated committee, a finished election, an open ballot."""

from django.core.management import call_command

from centres.models import CentreRole, Role, User
from members.governance.selectors import ballots_for_voter, counting_rounds
from members.models import Ballot, Decision, Election, SeatTerm
from members.selectors import own_member


def test_demo_committee_election_and_open_ballot(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    kamala = User.objects.get(email="committee@example.org")
    sita = User.objects.get(email="worker@example.org")
    election = Election.objects.get()
    assert election.certified_at is not None
    rounds = counting_rounds(election.ballot)
    assert election.ballot.result["quota"] == 7  # Droop: 24 // 4 + 1
    assert [r["rows"][0] for r in rounds][0] == ("Kamala", 10, "elected")
    assert len(rounds) >= 3
    labels = dict(election.ballot.options.values_list("pk", "label"))
    assert {labels[int(pk)] for pk in election.ballot.result["winners"]} == {
        "Kamala",
        "Anjali",
        "Fatima",
    }
    for number, round_ in enumerate(rounds, start=1):
        print("round", number, round_["rows"])  # noqa: T201 - shown with -s, for the notes
    assert SeatTerm.objects.current().count() == 3
    assert CentreRole.objects.filter(user=kamala, role=Role.COMMITTEE_MEMBER).exists()
    centre = election.ballot.committee.centre
    (open_ballot,) = ballots_for_voter(centre, own_member(sita, centre))
    assert open_ballot.on_roll and not open_ballot.has_voted
    assert Ballot.objects.closed().count() == 2
    assert Decision.objects.published().count() == 2
    call_command("load_demo")  # again: nothing added
    assert Election.objects.count() == 1 and Decision.objects.count() == 2
