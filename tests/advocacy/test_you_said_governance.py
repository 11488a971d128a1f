""" "You said, we did" shows the members' priorities (their order, not the counts), the
manager's answers and the committee's published decisions, never an employer's name;
and prints as a poster in each language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advocacy.models import Employer
from members.actions import (
    ballot_cast,
    committee_create,
    decision_publish,
    decision_record,
    meeting_record,
    priority_respond,
)

from ..factories import MemberFactory, centre_today, close_voting, fill_seats, open_ballot

EMPLOYER = "Golden Palm Recruitment"


@pytest.fixture
def governance(centre, manager):
    Employer.objects.create(centre=centre, name=EMPLOYER, kind="recruiter")
    committee = committee_create(
        centre=centre, by=None, name="Workers' committee",
        seats=[("chair", ""), ("secretary", ""), ("member", "")], quorum_percent=50,
    )  # fmt: skip
    voters = [MemberFactory(centre=centre) for _ in range(3)]
    ballot = open_ballot(committee, options=("Childcare", "Arabic classes", "Legal advice"))
    picks = [["Childcare"], ["Childcare", "Legal advice"], ["Childcare"]]
    for voter, choices in zip(voters, picks, strict=True):
        ballot_cast(
            ballot=ballot, member=voter,
            choices=[ballot.options.get(label=label).pk for label in choices],
        )  # fmt: skip
    ballot = close_voting(ballot=ballot, by=None)
    ballot.refresh_from_db()
    priority_respond(
        option=ballot.options.get(label="Childcare"), by=manager, status="planned",
        reason="Saturdays from March, after workers at golden palm recruitment asked",
    )  # fmt: skip
    fill_seats(committee)
    meeting = meeting_record(
        committee=committee, by=None, held_on=centre_today(),
        seats_present=committee.seats.all(),
    )  # fmt: skip
    carried = decision_record(
        meeting=meeting, by=None, motion="Ask the labour office to visit",
        votes_for=3, votes_against=0, abstentions=0,
        text=f"We ask the labour office to inspect {EMPLOYER}.",
    )  # fmt: skip
    decision_publish(decision=carried, by=None)
    lost = decision_record(
        meeting=meeting, by=None, motion="Close on Fridays", votes_for=1, votes_against=2,
        abstentions=0,
    )  # fmt: skip
    decision_publish(decision=lost, by=None)
    private = decision_record(
        meeting=meeting, by=None, motion="Not published", votes_for=3, votes_against=0,
        abstentions=0,
    )  # fmt: skip
    return ballot, private


def test_priorities_answers_and_decisions_without_an_employer(client, worker, centre, governance):
    client.force_login(worker)
    page = client.get(reverse("you_said", args=[centre.pk])).content.decode()
    assert page.index("Childcare") < page.index("Legal advice") < page.index("Arabic classes")
    assert "What should the centre do first?" in page
    assert "Saturdays from March" in page and "Planned" in page
    assert "We ask the labour office to inspect an employer." in page
    assert "Close on Fridays" not in page  # not carried
    assert "Not published" not in page
    assert "Golden Palm" not in page and "golden palm" not in page.lower()
    assert "votes" not in page.lower()  # the order, not the counts


def test_a_poster_in_each_language(client, cast, centre, governance):
    client.force_login(cast["manager"])
    page = client.get(reverse("you_said", args=[centre.pk])).content.decode()
    for code in ("en", "ar", "hi", "ne", "bn"):
        url = reverse("you_said_poster", args=[centre.pk, code])
        assert url in page
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Content-Language"] == code
        text = response.content.decode()
        assert f'<html lang="{code}"' in text and 'class="poster"' in text
        assert "<nav>" not in text and EMPLOYER not in text
    arabic = client.get(reverse("you_said_poster", args=[centre.pk, "ar"])).content.decode()
    assert 'dir="rtl"' in arabic
    # The reader's own language is unchanged by printing a poster in another one.
    assert 'lang="en"' in client.get(reverse("you_said", args=[centre.pk])).content.decode()
    assert client.get(reverse("you_said_poster", args=[centre.pk, "xx"])).status_code == 404
    assert client.post(reverse("you_said_poster", args=[centre.pk, "ar"])).status_code == 405
    client.force_login(cast["outsider"])
    assert client.get(reverse("you_said_poster", args=[centre.pk, "ar"])).status_code == 404
    client.logout()
    assert client.get(reverse("you_said_poster", args=[centre.pk, "ar"])).status_code == 302


def test_the_page_reads_a_fixed_number_of_queries(client, worker, centre, governance, manager):
    client.force_login(worker)
    url = reverse("you_said", args=[centre.pk])
    client.get(url)  # builds the quarter's release once
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ballot, _private = governance
    for label in ("Arabic classes", "Legal advice"):
        priority_respond(option=ballot.options.get(label=label), by=manager, status="in_progress")
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


@pytest.mark.parametrize("reader", ["worker", "committee_member"])
def test_governance_pages_name_no_employer_to_members(client, cast, centre, governance, reader):
    """The published decisions and the manager's answers are read on the governance
    pages too, not only on the poster: an employer in them is replaced there; the
    manager, who may read employers' names, reads them as typed."""
    ballot, _private = governance
    pages = [
        reverse("governance_home", args=[centre.pk]),
        reverse("ballot_detail", args=[centre.pk, ballot.pk]),
    ]
    client.force_login(cast[reader])
    home, detail = (client.get(url).content.decode() for url in pages)
    assert "We ask the labour office to inspect an employer." in home
    assert "Saturdays from March, after workers at an employer asked" in detail
    for page in (home, detail):
        assert "golden palm" not in page.lower()
    client.force_login(cast["manager"])
    home, detail = (client.get(url).content.decode() for url in pages)
    assert EMPLOYER in home and "golden palm recruitment asked" in detail
