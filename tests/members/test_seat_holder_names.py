"""A seat holder is named in public by the name she stood under on the ballot
(`Candidate.display_name`), never by her registered name, which stays with staff."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.actions import committee_create, member_erase
from members.governance.selectors import past_terms, seats_with_holders
from members.models import Candidate, SeatTerm

from ..factories import MemberFactory, centre_today
from .test_elections import _election

DAY = timezone.timedelta(days=1)


@pytest.fixture
def committee(centre, social_worker):
    """Seat 1 won by "Kamala" (registered as Kamala Devi), seat 2 by "Fatima"
    (registered as Gita B.), seat 3 co-opted (Sita A.), seat 4 vacant; a past term of
    seat 4 won by "Anjali" (registered as Rupa M.)."""
    committee = committee_create(
        centre=centre,
        by=None,
        name="Workers' committee",
        seats=[("chair", ""), ("secretary", ""), ("member", ""), ("member", "")],
    )
    election = _election(committee, social_worker, list(committee.seats.all()[:2]), "stv")
    today = centre_today(centre)
    seats = list(committee.seats.all())
    held = [
        (seats[0], "Kamala Devi", "Kamala", today - DAY, today + 300 * DAY),
        (seats[1], "Gita B.", "Fatima", today - DAY, today + 300 * DAY),
        (seats[2], "Sita A.", None, today - DAY, today + 300 * DAY),
        (seats[3], "Rupa M.", "Anjali", today - 400 * DAY, today - 40 * DAY),
    ]
    for seat, registered, stood_as, starts_on, ends_on in held:
        member = MemberFactory(centre=centre, preferred_name=registered)
        if stood_as:
            Candidate.objects.create(
                election=election,
                member=member,
                nominated_by=member,
                display_name=stood_as,
                accepted_at=timezone.now(),
            )
        SeatTerm.objects.create(
            seat=seat,
            member=member,
            election=election if stood_as else None,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    return committee


def test_the_committee_page_shows_ballot_names(client, centre, committee, worker):
    client.force_login(worker)
    page = client.get(reverse("committee_detail", args=[centre.pk, committee.pk]))
    text = page.content.decode()
    for name in ["Kamala", "Fatima", "Anjali", "A co-opted member"]:
        assert name in text, name
    for registered in ["Kamala Devi", "Gita B.", "Sita A.", "Rupa M."]:
        assert registered not in text, registered


def test_the_meeting_form_names_holders_by_their_ballot_names(
    client, centre, committee, committee_member
):
    client.force_login(committee_member)
    page = client.get(reverse("meeting_new", args=[centre.pk, committee.pk])).content.decode()
    assert "held by Fatima" in page and "held by A co-opted member" in page
    for registered in ["Kamala Devi", "Gita B.", "Sita A."]:
        assert registered not in page, registered


def test_an_erased_holder_is_a_former_candidate(client, centre, committee, social_worker, worker):
    fatima = SeatTerm.objects.get(election__isnull=False, member__preferred_name="Gita B.")
    member_erase(member=fatima.member, by=social_worker)
    client.force_login(worker)
    text = client.get(reverse("committee_detail", args=[centre.pk, committee.pk])).content.decode()
    assert "Fatima" not in text and "A former candidate" in text
    assert SeatTerm.objects.get(pk=fatima.pk).public_name == "A former candidate"


def test_holders_are_named_without_a_query_each(committee, django_assert_num_queries):
    seats = seats_with_holders(committee)
    history = list(past_terms(committee))
    with django_assert_num_queries(0):
        names = [term.public_name for _, term in seats if term] + [
            term.public_name for term in history
        ]
    assert names == ["Kamala", "Fatima", "A co-opted member", "Anjali"]
