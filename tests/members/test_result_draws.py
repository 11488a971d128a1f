"""Wherever a result is listed (the ballot's page, the manager's services page, "You
said, we did" and the centre's report), a place won by a draw by lot says so, and a
count that settled level options by its fixed rule says that too."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from advocacy.recommendations.redaction import EmployerNames
from advocacy.reports.contents import priority_ballots
from members.actions import ballot_cast, ballot_tie_draw, committee_create

from ..factories import MemberFactory, close_voting, open_ballot

DAY = timezone.timedelta(days=1)
LOT = "<strong>won by drawing lots</strong>"
RULE = "The count settled this by a fixed rule"


def _closed(centre, method, picks):
    voters = [MemberFactory(centre=centre) for _ in picks]
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    ballot = open_ballot(committee, options=("A doctor", "A washing machine"), method=method)
    for voter, label in zip(voters, picks, strict=True):
        ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.get(label=label).pk])
    return close_voting(ballot=ballot, by=None)


@pytest.fixture
def drawn(centre):
    """A priority ballot tied 1–1 for its one winning place, won by the machine by lot."""
    ballot = _closed(centre, "plurality", ["A doctor", "A washing machine"])
    machine = ballot.options.get(label="A washing machine").pk
    ballot_tie_draw(ballot=ballot, by=None, drawn_by="The oldest member", winners=[machine])
    return ballot


@pytest.fixture
def settled(centre):
    """An instant-runoff priority ballot level after every preference."""
    ballot = _closed(centre, "irv", ["A doctor", "A washing machine"])
    assert ballot.result["settled_by_order"]
    return ballot


def _pages(client, manager, worker, ballot) -> dict[str, str]:
    centre = ballot.committee.centre
    client.force_login(manager)
    pages = {
        "ballot": client.get(reverse("ballot_detail", args=[centre.pk, ballot.pk])),
        "services": client.get(reverse("service_list", args=[centre.pk])),
    }
    client.force_login(worker)
    pages["you said"] = client.get(reverse("you_said", args=[centre.pk]))
    html = {name: page.content.decode() for name, page in pages.items()}
    ballots = priority_ballots(
        centre, timezone.now() - DAY, timezone.now() + DAY, EmployerNames(centre)
    )
    html["report"] = render_to_string(
        "advocacy/reports/_report_body.html",
        {"extra": {"ballots": ballots}, "sections_html": "<p>–</p>", "threshold": 5},
    )
    return html


def test_every_listed_result_says_a_place_was_won_by_drawing_lots(client, manager, worker, drawn):
    for name, html in _pages(client, manager, worker, drawn).items():
        assert html.count(LOT) == 1, name
        assert RULE not in html, name


def test_every_listed_result_says_a_count_was_settled_by_a_fixed_rule(
    client, manager, worker, settled
):
    for name, html in _pages(client, manager, worker, settled).items():
        assert html.count(RULE) == 1, name
        assert LOT not in html, name
