"""Options with equal counts share a place and are marked tied, in words, wherever a
result is listed: the ballot's page, the manager's services page, "You said, we did"
and the centre's report. The stored ranking's order between them is only the order
of the options."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from advocacy.recommendations.redaction import EmployerNames
from advocacy.reports.contents import priority_ballots
from members.actions import ballot_cast, committee_create
from members.governance.selectors import ballot_results, shared_places

from ..factories import MemberFactory, close_voting, open_ballot


@pytest.fixture
def tied(centre):
    """A closed priority ballot: a doctor 2, a washing machine 2, a library 1."""
    voters = [MemberFactory(centre=centre) for _ in range(3)]
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    ballot = open_ballot(committee, options=("A doctor", "A washing machine", "A library"))
    picks = [["A doctor", "A washing machine"], ["A doctor", "A washing machine"], ["A library"]]
    for voter, choices in zip(voters, picks, strict=True):
        ballot_cast(
            ballot=ballot,
            member=voter,
            choices=[ballot.options.get(label=label).pk for label in choices],
        )
    return close_voting(ballot=ballot, by=None)


def test_equal_counts_share_a_place():
    assert shared_places([4, 4, 2]) == [(1, True), (1, True), (3, False)]
    assert shared_places([5, 3, 3, 3, 1]) == [
        (1, False),
        (2, True),
        (2, True),
        (2, True),
        (5, False),
    ]
    assert shared_places([3, 2, 1]) == [(1, False), (2, False), (3, False)]


def test_the_result_rows_share_the_place(tied):
    rows = [(row.option.label, row.place, row.tied) for row in ballot_results(tied)]
    assert rows == [
        ("A doctor", 1, True),
        ("A washing machine", 1, True),
        ("A library", 3, False),
    ]


def test_the_ballot_page_says_tied(client, committee_member, tied):
    client.force_login(committee_member)
    page = client.get(reverse("ballot_detail", args=[tied.committee.centre_id, tied.pk]))
    html = page.content.decode()
    assert html.count('<td>1 <span class="tied">(tied)</span></td>') == 2
    assert "<td>3</td>" in html


def test_the_managers_services_page_says_tied(client, manager, tied):
    client.force_login(manager)
    html = client.get(reverse("service_list", args=[tied.committee.centre_id])).content.decode()
    assert html.count('<span class="tied">(tied)</span>') == 2


def test_you_said_we_did_says_tied(client, worker, tied):
    client.force_login(worker)
    html = client.get(reverse("you_said", args=[tied.committee.centre_id])).content.decode()
    assert html.count('<span class="tied">(tied)</span>') == 2
    assert "<b>2</b>" not in html and "<b>3</b>" in html


def test_the_report_says_tied(tied):
    centre = tied.committee.centre
    day = timezone.timedelta(days=1)
    ballots = priority_ballots(
        centre, timezone.now() - day, timezone.now() + day, EmployerNames(centre)
    )
    assert [(row["place"], row["tied"]) for row in ballots[0]["rows"]] == [
        (1, True),
        (1, True),
        (3, False),
    ]
    html = render_to_string(
        "advocacy/reports/_report_body.html",
        {"extra": {"ballots": ballots}, "sections_html": "<p>–</p>", "threshold": 5},
    )
    assert html.count('<span class="tied">(tied)</span>') == 2
