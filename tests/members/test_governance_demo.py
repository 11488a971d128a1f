"""The demo's governance: a seated committee, a finished election, an open ballot, a
booth to vote at and a paper batch counted in a closed ballot."""

from django.core.management import call_command
from django.urls import reverse

from centres.models import CentreRole, Role, User
from demo.governance import DEMO_BOOTH_CODE
from members.governance.selectors import ballots_for_voter, counting_rounds
from members.models import Ballot, BoothDevice, Decision, Election, PaperBatch, SeatTerm
from members.selectors import own_member
from tests.devices import pair
from tests.factories import centre_today


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
    today = centre_today(election.ballot.committee.centre)
    assert SeatTerm.objects.current(on=today).count() == 3
    assert CentreRole.objects.filter(user=kamala, role=Role.COMMITTEE_MEMBER).exists()
    centre = election.ballot.committee.centre
    (open_ballot,) = ballots_for_voter(centre, own_member(sita, centre))
    assert open_ballot.on_roll and not open_ballot.has_voted
    assert Ballot.objects.closed().count() == 2
    assert Decision.objects.published().count() == 2
    call_command("load_demo")  # again: nothing added
    assert Election.objects.count() == 1 and Decision.objects.count() == 2


def test_demo_booth_and_paper_batch(db, settings, client):
    """The committee journey can be tried: the booth's code pairs a tablet, the social worker
    officiates the open ballot, and a closed ballot counts a confirmed paper batch."""
    settings.DEBUG = True
    call_command("load_demo")
    sita = User.objects.get(email="worker@example.org")
    social = User.objects.get(email="social@example.org")
    device = BoothDevice.objects.awaiting_pairing(DEMO_BOOTH_CODE.lower()).get()
    centre = device.centre
    (open_ballot,) = Ballot.objects.for_centre(centre).open_now()
    assert open_ballot.polling_officers.filter(user=social).exists()
    pair(client, DEMO_BOOTH_CODE, "booth")
    assert client.get(reverse("booth")).status_code == 200

    batch = PaperBatch.objects.get()
    assert batch.confirmed_at is not None and batch.papers == 4
    ballot = batch.ballot
    assert ballot.status == "closed" and ballot.result["papers"] == 4
    assert ballot.participations.filter(channel="paper").count() == 4
    assert sum(ballot.result["rounds"][0]["counts"].values()) == 18 * 2 + 7

    booths = reverse("booth_devices", args=[centre.pk])
    client.force_login(social)
    assert f'href="{booths}"' in client.get(reverse("centre_detail", args=[centre.pk])).text
    client.force_login(sita)  # a worker may not manage booths: no link
    assert f'href="{booths}"' not in client.get(reverse("my_feedback", args=[centre.pk])).text

    call_command("load_demo")  # again: nothing added
    assert BoothDevice.objects.count() == 1 and PaperBatch.objects.count() == 1
