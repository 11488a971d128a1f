"""A tie at the last winning place is not decided by the order of the options: the
result says the place is tied, an election cannot be certified, and the returning
officer (for a priority ballot, the committee) records the draw by lot held in person,
audited without who drew; the result then says the place was won by drawing lots.
Ranked counts that fall back on a fixed rule say so, and give the same result every time."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.models import AuditEntry
from members.actions import (
    ballot_cast,
    ballot_tie_draw,
    candidate_nominate,
    committee_create,
    election_certify,
    election_create,
    election_open_voting,
)
from members.governance.counting import count
from members.governance.selectors import ballot_results
from members.models import Ballot, Election, SeatTerm, TieDraw

from ..factories import MemberFactory, centre_today, close_voting, open_ballot

DAY = timezone.timedelta(days=1)


def _vote(ballot, voters, picks):
    for voter, label in zip(voters, picks, strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.get(label=label).pk])


@pytest.fixture
def tied(centre):
    """A closed priority ballot, one winner: a doctor 2, a washing machine 2, a library 1."""
    voters = [MemberFactory(centre=centre) for _ in range(5)]
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    ballot = open_ballot(
        committee, options=("A doctor", "A washing machine", "A library"), method="plurality"
    )
    _vote(
        ballot,
        voters,
        ["A doctor", "A washing machine", "A doctor", "A washing machine", "A library"],
    )
    return close_voting(ballot=ballot, by=None)


def _key(ballot, label):
    return str(ballot.options.get(label=label).pk)


def test_the_option_listed_first_does_not_win_a_tie(tied):
    assert tied.result["winners"] == []
    assert [(row.option.label, row.elected) for row in ballot_results(tied)] == [
        ("A doctor", False),
        ("A washing machine", False),
        ("A library", False),
    ]


def test_the_result_page_says_the_last_place_is_tied(client, committee_member, tied):
    client.force_login(committee_member)
    html = client.get(
        reverse("ballot_detail", args=[tied.committee.centre_id, tied.pk])
    ).content.decode()
    assert "The last winning place is tied." in html
    assert reverse("ballot_tie_draw", args=[tied.committee.centre_id, tied.pk]) in html


def test_a_tie_below_the_winning_places_needs_no_draw(centre):
    voters = [MemberFactory(centre=centre) for _ in range(3)]
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    ballot = open_ballot(committee, options=("A", "B", "C"), method="plurality")
    _vote(ballot, voters, ["A", "B", "C"][:1] + ["A", "B"])
    ballot = close_voting(ballot=ballot, by=None)
    assert ballot.result["winners"] == [_key(ballot, "A")]
    with pytest.raises(ValidationError, match="nothing to draw"):
        ballot_tie_draw(ballot=ballot, by=None, drawn_by="Someone", winners=[_key(ballot, "B")])


def test_the_committee_records_the_draw_and_the_result_says_so(client, committee_member, tied):
    centre_id = tied.committee.centre_id
    url = reverse("ballot_tie_draw", args=[centre_id, tied.pk])
    client.force_login(committee_member)
    page = client.get(url)
    assert page.status_code == 200
    assert "A washing machine" in page.content.decode()
    assert "A library" not in page.content.decode()  # not tied at the last place
    response = client.post(
        url, {"drawn_by": "The oldest member present", "winners": _key(tied, "A washing machine")}
    )
    assert response.status_code == 302
    draw = TieDraw.objects.get()
    assert draw.winners == [_key(tied, "A washing machine")]
    rows = {row.option.label: row for row in ballot_results(tied)}
    assert rows["A washing machine"].elected and rows["A washing machine"].won_by_lot
    assert not rows["A doctor"].elected
    html = client.get(reverse("ballot_detail", args=[centre_id, tied.pk])).content.decode()
    assert "won by drawing lots" in html and "The oldest member present" in html
    assert "The last winning place is tied." not in html


def test_the_draw_is_audited_without_who_drew(committee_member, tied):
    ballot_tie_draw(
        ballot=tied, by=committee_member, drawn_by="Asha Gurung", winners=[_key(tied, "A doctor")]
    )
    entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(TieDraw))
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == committee_member
    assert "drawn_by" not in entry.changes and "Asha" not in str(entry.changes)
    assert "winners" in entry.changes


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"drawn_by": "", "winners": "doctor"}, "drawn_by"),
        ({"drawn_by": "Asha"}, "winners"),
        ({"drawn_by": "Asha", "winners": "library"}, "winners"),
    ],
    ids=["no-one-drew", "no-winner", "not-tied"],
)
def test_bad_input_is_refused_beside_the_field(client, committee_member, tied, data, field):
    keys = {"doctor": _key(tied, "A doctor"), "library": _key(tied, "A library")}
    if "winners" in data:
        data = {**data, "winners": keys[data["winners"]]}
    client.force_login(committee_member)
    response = client.post(
        reverse("ballot_tie_draw", args=[tied.committee.centre_id, tied.pk]), data
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not TieDraw.objects.exists()


def test_the_action_refuses_a_wrong_number_of_winners(tied):
    both = [_key(tied, "A doctor"), _key(tied, "A washing machine")]
    with pytest.raises(ValidationError) as refusal:
        ballot_tie_draw(ballot=tied, by=None, drawn_by="Asha", winners=both)
    assert list(refusal.value.message_dict) == ["winners"]
    assert not TieDraw.objects.exists()


def test_a_second_submission_records_one_draw(client, committee_member, tied):
    url = reverse("ballot_tie_draw", args=[tied.committee.centre_id, tied.pk])
    client.force_login(committee_member)
    data = {"drawn_by": "Asha", "winners": _key(tied, "A doctor")}
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "winners": _key(tied, "A washing machine")}, follow=True)
    assert "already recorded" in again.content.decode()
    assert TieDraw.objects.get().winners == [_key(tied, "A doctor")]


def test_other_centres_roles_and_methods(client, cast, tied):
    url = reverse("ballot_tie_draw", args=[tied.committee.centre_id, tied.pk])
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(cast["worker"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"drawn_by": "x", "winners": _key(tied, "A doctor")}).status_code == 403
    client.force_login(cast["committee_member"])
    assert client.put(url).status_code == 405
    assert not TieDraw.objects.exists()


@pytest.fixture
def tied_election(centre, social_worker):
    committee = committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", "")]
    )
    members = [MemberFactory(centre=centre) for _ in range(3)]
    now = timezone.now()
    election = election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=social_worker,
        nominations_open_at=now - timezone.timedelta(minutes=5),
        nominations_close_at=now + DAY,
        opens_at=now + DAY,
        closes_at=now + 3 * DAY,
        term_starts_on=centre_today(centre) + 5 * DAY,
        term_ends_on=centre_today(centre) + 700 * DAY,
        roll_date=now,
    )
    for member, name in zip(members[:2], ("Asha", "Bina"), strict=True):
        candidate_nominate(election=election, member=member, nominated_by=member, display_name=name)
    later = timezone.now() - timezone.timedelta(seconds=1)
    Election.objects.filter(pk=election.pk).update(nominations_close_at=later)
    Ballot.objects.filter(pk=election.ballot_id).update(opens_at=later)
    election.refresh_from_db()
    ballot = election_open_voting(election=election, by=None)
    _vote(ballot, members[:2], ["Asha", "Bina"])
    close_voting(ballot=ballot, by=None)
    election.refresh_from_db()
    return election, members


def test_a_tied_election_is_certified_only_after_the_draw(
    client, social_worker, manager, tied_election
):
    election, members = tied_election
    ballot = election.ballot
    with pytest.raises(ValidationError, match="last seat is tied"):
        election_certify(election=election, by=social_worker)
    assert not SeatTerm.objects.exists()
    client.force_login(social_worker)
    page = client.get(reverse("election_detail", args=[ballot.committee.centre_id, election.pk]))
    assert "The last seat is tied" in page.content.decode()
    assert reverse("election_certify", args=[ballot.committee.centre_id, election.pk]) not in (
        page.content.decode()
    )
    # Only the returning officer records it.
    client.force_login(manager)
    url = reverse("ballot_tie_draw", args=[ballot.committee.centre_id, ballot.pk])
    assert client.get(url).status_code == 403
    with pytest.raises(ValidationError, match="returning officer"):
        ballot_tie_draw(ballot=ballot, by=manager, drawn_by="Asha", winners=[_key(ballot, "Bina")])
    ballot_tie_draw(
        ballot=ballot, by=social_worker, drawn_by="A witness", winners=[_key(ballot, "Bina")]
    )
    terms = election_certify(election=election, by=social_worker)
    assert [term.member for term in terms] == [members[1]]


def test_instant_runoff_settles_a_level_tie_the_same_way_every_time():
    results = [count("irv", ["a", "b"], [["a"], ["b"]]) for _ in range(30)]
    assert all(result == results[0] for result in results)
    assert results[0]["settled_by_order"] is True
    assert count("irv", ["a", "b", "c"], [["a"], ["a"], ["b"]])["settled_by_order"] is False


def test_stv_says_when_its_order_of_options_settled_an_exclusion():
    assert count("stv", ["a", "b", "c"], [["a"], ["b"], ["c"]], seats=2)["settled_by_order"] is True
    assert (
        count("stv", ["a", "b", "c"], [["a"], ["a"], ["b"], ["c"], ["c"]], seats=2)[
            "settled_by_order"
        ]
        is False
    )
