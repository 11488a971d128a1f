"""A ranked count's result lists each option's first preferences and the value at
which it was elected or excluded, with the round, wherever results are listed: the
ballot's page, the manager's services page and the centre's report (HTML and PDF).
The last round's count alone reads 0 for an excluded option and the quota for a
winner whose surplus was transferred."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from advocacy.recommendations.redaction import EmployerNames
from advocacy.reports.contents import priority_ballots
from members.actions import ballot_cast, candidate_nominate, committee_create
from members.governance.selectors import ballot_results

from ..factories import MemberFactory, close_voting, open_ballot
from .test_elections import _election, _to_voting


@pytest.fixture
def stv_election(centre, social_worker):
    """Two seats, Droop quota floor(20 / 3) + 1 = 7. First preferences: Asha 8 (then
    Bina), Bina 4, Chitra 5, Devi 3 (then Chitra). Round 1: Asha elected at 8, her
    surplus of 1 passes to Bina. Round 2: Bina 5, Chitra 5, Devi 3: Devi excluded at 3,
    her papers pass to Chitra. Round 3: Chitra elected at 8."""
    committee = committee_create(
        centre=centre, by=None, name="Committee", seats=[("chair", ""), ("secretary", "")]
    )
    names = ["Asha", "Bina", "Chitra", "Devi"]
    candidates = [MemberFactory(centre=centre) for _ in names]
    voters = [MemberFactory(centre=centre) for _ in range(20)]
    election = _election(committee, social_worker, list(committee.seats.all()), "stv")
    for member, name in zip(candidates, names, strict=True):
        candidate_nominate(election=election, member=member, nominated_by=member, display_name=name)
    ballot = _to_voting(election)
    key = {option.label: option.pk for option in ballot.options.all()}
    papers = [["Asha", "Bina"]] * 8 + [["Bina"]] * 4 + [["Chitra"]] * 5 + [["Devi", "Chitra"]] * 3
    for voter, paper in zip(voters, papers, strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=[key[label] for label in paper])
    return close_voting(ballot=ballot, by=None)


def _rows(ballot):
    return {
        row.option.label: (row.first_preferences, row.at_decision, row.decided_round, row.decision)
        for row in ballot_results(ballot)
    }


def test_each_row_has_first_preferences_and_the_value_at_election_or_exclusion(stv_election):
    assert _rows(stv_election) == {
        "Asha": (8, 8, 1, "elected"),
        "Chitra": (5, 8, 3, "elected"),
        "Bina": (4, 5, 3, "not_elected"),
        "Devi": (3, 3, 2, "excluded"),
    }


def test_the_ballot_page_shows_both_columns(client, worker, stv_election):
    client.force_login(worker)
    url = reverse("ballot_detail", args=[stv_election.committee.centre_id, stv_election.pk])
    html = client.get(url).content.decode()
    assert '<th scope="col">First preferences</th>' in html
    assert '<th scope="col">At election or exclusion</th>' in html
    devi = html[html.index("<bdi>Devi</bdi>") :]
    devi = devi[: devi.index("</tr>")]
    assert "<td>3</td>" in devi and "excluded in round 2" in devi
    asha = html[html.index("<bdi>Asha</bdi>") :]
    asha = asha[: asha.index("</tr>")]
    assert "<td>8</td>" in asha and "8 (elected in round 1)" in asha


@pytest.fixture
def runoff(centre):
    """An instant-runoff priority ballot, 9 votes: a doctor 3, a library 2 (then a
    doctor), a washing machine 4. Round 1 excludes the library at 2; round 2 elects
    the doctor at 5."""
    voters = [MemberFactory(centre=centre) for _ in range(9)]
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    ballot = open_ballot(
        committee, options=("A doctor", "A library", "A washing machine"), method="irv"
    )
    key = {option.label: option.pk for option in ballot.options.all()}
    papers = [["A doctor"]] * 3 + [["A library", "A doctor"]] * 2 + [["A washing machine"]] * 4
    for voter, paper in zip(voters, papers, strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=[key[label] for label in paper])
    return close_voting(ballot=ballot, by=None)


def test_instant_runoff_rows_keep_the_excluded_option_s_votes(runoff):
    assert _rows(runoff) == {
        "A doctor": (3, 5, 2, "elected"),
        "A washing machine": (4, 4, 2, "excluded"),
        "A library": (2, 2, 1, "excluded"),
    }


def test_the_managers_services_page_shows_both_columns(client, manager, runoff):
    client.force_login(manager)
    html = client.get(reverse("service_list", args=[runoff.committee.centre_id])).content.decode()
    assert "First preferences" in html and "At election or exclusion" in html
    library = html[html.index("<bdi>A library</bdi>") :]
    library = library[: library.index("</tr>")]
    assert "<td>2</td>" in library and "excluded in round 1" in library


def test_the_report_shows_both_columns(runoff):
    centre = runoff.committee.centre
    day = timezone.timedelta(days=1)
    ballots = priority_ballots(
        centre, timezone.now() - day, timezone.now() + day, EmployerNames(centre)
    )
    library = next(row for row in ballots[0]["rows"] if row["option"] == "A library")
    assert (library["first_preferences"], library["at_decision"], library["decided_round"]) == (
        2,
        2,
        1,
    )
    html = render_to_string(
        "advocacy/reports/_report_body.html",
        {"extra": {"ballots": ballots}, "sections_html": "<p>–</p>", "threshold": 5},
    )
    assert "First preferences" in html and "At election or exclusion" in html
    row = html[html.index("A library") :]
    row = row[: row.index("</tr>")]
    assert '<td class="count">2</td>' in row and "excluded in round 1" in row
