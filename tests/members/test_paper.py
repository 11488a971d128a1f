"""Paper ballots: the roll marked for paper voters, batch totals entered by two officers."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centres.local_time import today
from members.actions import (
    ballot_cast,
    ballot_withdraw,
    paper_batch_confirm,
    paper_batch_enter,
    paper_mark,
    polling_officer_name,
)
from members.models import PaperBatch, Participation

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot


@pytest.fixture
def voters(centre):
    return [MemberFactory(centre=centre) for _ in range(4)]


@pytest.fixture
def ballot(centre, voters):
    return open_ballot(CommitteeFactory(centre=centre), method="plurality")


def _totals(ballot, *counts):
    return dict(zip(ballot.options.values_list("pk", flat=True), counts, strict=True))


def test_two_officers_enter_a_batch_and_it_is_added_to_the_result(
    centre, manager, social_worker, voters, ballot
):
    for member in voters[:3]:
        paper_mark(ballot=ballot, member=member, by=manager)
    ballot_cast(ballot=ballot, member=voters[3], choices=[ballot.options.last().pk])
    batch = paper_batch_enter(
        ballot=ballot, by=manager, label="Box 1", papers=3, totals=_totals(ballot, 2, 1, 0)
    )
    with pytest.raises(ValidationError, match="second officer"):
        paper_batch_confirm(batch=batch, by=manager, papers=3, totals=_totals(ballot, 2, 1, 0))
    with pytest.raises(ValidationError, match="differ from the first entry"):
        paper_batch_confirm(
            batch=batch, by=social_worker, papers=3, totals=_totals(ballot, 1, 2, 0)
        )
    paper_batch_confirm(batch=batch, by=social_worker, papers=3, totals=_totals(ballot, 2, 1, 0))
    ballot = close_voting(ballot=ballot, by=None)
    first, second, third = (str(pk) for pk in ballot.options.values_list("pk", flat=True))
    assert ballot.result["rounds"][0]["counts"] == {first: 2, second: 1, third: 1}
    assert ballot.result["papers"] == 3 and ballot.result["winners"] == [first]
    assert Participation.objects.filter(channel="paper").count() == 3


def test_a_paper_voter_cannot_vote_again(manager, voters, ballot):
    paper_mark(ballot=ballot, member=voters[0], by=manager)
    with pytest.raises(ValidationError, match="already voted"):
        ballot_cast(ballot=ballot, member=voters[0], choices=[ballot.options.first().pk])
    with pytest.raises(ValidationError, match="already voted"):
        paper_mark(ballot=ballot, member=voters[0], by=manager)
    ballot_cast(ballot=ballot, member=voters[1], choices=[ballot.options.first().pk])
    with pytest.raises(ValidationError, match="already voted"):
        paper_mark(ballot=ballot, member=voters[1], by=manager)


@pytest.mark.parametrize(
    ("papers", "counts", "message"),
    [
        (2, (2, 1, 0), "more marks than the papers allow"),
        (2, (1, -1, 0), "cannot be negative"),
        (5, (1, 1, 1), "more papers \\(5\\) than voters marked"),
    ],
)
def test_impossible_batches_are_refused(manager, voters, ballot, papers, counts, message):
    for member in voters[:2]:
        paper_mark(ballot=ballot, member=member, by=manager)
    with pytest.raises(ValidationError, match=message):
        paper_batch_enter(
            ballot=ballot, by=manager, label="Box", papers=papers, totals=_totals(ballot, *counts)
        )
    with pytest.raises(ValidationError, match="every option"):
        paper_batch_enter(ballot=ballot, by=manager, label="Box", papers=1, totals={})
    assert not PaperBatch.objects.exists()


def test_closing_waits_for_confirmation(manager, voters, ballot):
    paper_mark(ballot=ballot, member=voters[0], by=manager)
    paper_batch_enter(
        ballot=ballot, by=manager, label="Box 1", papers=1, totals=_totals(ballot, 1, 0, 0)
    )
    with pytest.raises(ValidationError, match="waits for a second officer"):
        close_voting(ballot=ballot, by=None)


def test_ranked_ballots_are_not_on_paper(client, centre, committee_member, manager, voters):
    ranked = open_ballot(CommitteeFactory(centre=centre), method="irv")
    with pytest.raises(ValidationError, match="not counted on paper"):
        paper_mark(ballot=ranked, member=voters[0], by=manager)
    client.force_login(committee_member)
    assert client.get(reverse("ballot_paper", args=[centre.pk, ranked.pk])).status_code == 404


def _url(name, ballot, *extra):
    return reverse(name, args=[ballot.committee.centre_id, ballot.pk, *extra])


def test_paper_pages(client, cast, committee_member, manager, voters, ballot):
    client.force_login(committee_member)
    page = _url("ballot_paper", ballot)
    assert client.get(page).status_code == 200
    assert client.put(page).status_code == 405
    assert "No member of this centre" in client.post(page, {"mark-code": "NOPE"}).content.decode()
    client.post(page, {"mark-code": voters[0].code})
    again = client.post(page, {"mark-code": voters[0].code})
    assert "already voted" in again.content.decode()
    assert Participation.objects.count() == 1

    enter = _url("paper_batch_enter", ballot)
    assert client.get(enter).status_code == 405
    first, second, third = ballot.options.values_list("pk", flat=True)
    data = {"batch-label": "Box 1", "batch-papers": 1}
    data.update({f"batch-option_{first}": 1, f"batch-option_{second}": 0})
    missing = client.post(enter, data).content.decode()
    assert "This field is required" in missing
    data[f"batch-option_{third}"] = 0
    assert client.post(enter, data).status_code == 302
    assert "already entered" in client.post(enter, data).content.decode()
    batch = PaperBatch.objects.get()

    confirm = _url("paper_batch_confirm", ballot, batch.pk)
    same = {f"b{batch.pk}-papers": 1, f"b{batch.pk}-option_{first}": 1}
    same.update({f"b{batch.pk}-option_{second}": 0, f"b{batch.pk}-option_{third}": 0})
    refused = client.post(confirm, same).content.decode()
    assert "second officer" in refused
    client.force_login(manager)
    assert client.post(confirm, same).status_code == 403  # not named an officer
    client.force_login(committee_member)
    batch.refresh_from_db()
    assert batch.confirmed_at is None


def test_paper_pages_of_another_centre_or_role(client, cast, voters, ballot):
    for role, status in [("outsider", 404), ("worker", 403), ("social_worker", 403)]:
        client.force_login(cast[role])
        assert client.get(_url("ballot_paper", ballot)).status_code == status
        assert client.post(_url("paper_batch_enter", ballot), {}).status_code == status


def test_discarding_an_entry(client, committee_member, manager, voters, ballot):
    paper_mark(ballot=ballot, member=voters[0], by=manager)
    batch = paper_batch_enter(
        ballot=ballot, by=manager, label="Box 1", papers=1, totals=_totals(ballot, 1, 0, 0)
    )
    client.force_login(committee_member)
    url = _url("paper_batch_discard", ballot, batch.pk)
    assert client.get(url).status_code == 405
    client.post(url)
    client.post(url)
    assert not PaperBatch.objects.exists()


def test_a_confirmation_that_comes_second_is_refused_with_who_confirmed(
    client, committee_member, social_worker, manager, voters, ballot
):
    """Two officers confirm the same batch from pages opened before either confirmed:
    the batch is confirmed once, by the first, and the second is told so by name."""
    from django.test import Client

    social_worker.name = "Leila"
    social_worker.save(update_fields=["name"])
    paper_mark(ballot=ballot, member=voters[0], by=manager)
    batch = paper_batch_enter(
        ballot=ballot, by=committee_member, label="Box 1", papers=1, totals=_totals(ballot, 1, 0, 0)
    )
    for officer in (social_worker, manager):
        polling_officer_name(ballot=ballot, user=officer, by=committee_member)
    confirm = _url("paper_batch_confirm", ballot, batch.pk)
    same = {f"b{batch.pk}-papers": 1}
    same.update({f"b{batch.pk}-option_{pk}": n for pk, n in _totals(ballot, 1, 0, 0).items()})
    first, second = client, Client()
    first.force_login(social_worker)
    second.force_login(manager)
    assert second.get(_url("ballot_paper", ballot)).status_code == 200  # its form is on screen

    assert first.post(confirm, same).status_code == 302
    refused = second.post(confirm, same)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "This batch was already confirmed by \u2068Leila\u2069." in page
    assert "Batch confirmed" not in page
    batch.refresh_from_db()
    assert batch.confirmed_by == social_worker
    assert PaperBatch.objects.count() == 1


def test_an_officer_told_to_wait_for_a_second_officer_is_told_why(
    client, committee_member, voters, ballot
):
    """The officer who entered a batch is offered no confirmation form; a confirmation
    sent anyway is refused with its reason, not left unsaid."""
    paper_mark(ballot=ballot, member=voters[0], by=committee_member)
    batch = paper_batch_enter(
        ballot=ballot, by=committee_member, label="Box 1", papers=1, totals=_totals(ballot, 1, 0, 0)
    )
    client.force_login(committee_member)
    same = {f"b{batch.pk}-papers": 1}
    same.update({f"b{batch.pk}-option_{pk}": n for pk, n in _totals(ballot, 1, 0, 0).items()})
    page = client.post(_url("paper_batch_confirm", ballot, batch.pk), same).content.decode()
    assert "A second officer must confirm the batch." in page
    batch.refresh_from_db()
    assert batch.confirmed_at is None


def test_a_batch_sent_after_the_close_is_refused_with_its_reason(
    client, committee_member, manager, voters, ballot
):
    """The page of a closed ballot offers no batch form; a batch sent from a page opened
    before the close is refused with its reason, not left unsaid."""
    paper_mark(ballot=ballot, member=voters[0], by=manager)
    client.force_login(committee_member)
    data = {"batch-label": "Box 1", "batch-papers": 1}
    data.update({f"batch-option_{pk}": n for pk, n in _totals(ballot, 1, 0, 0).items()})
    close_voting(ballot=ballot, by=None)
    page = client.post(_url("paper_batch_enter", ballot), data).content.decode()
    assert "Paper batches are entered while the ballot is open." in page
    assert not PaperBatch.objects.exists()


def test_a_closed_or_withdrawn_ballot_refuses_paper_marks(centre, committee_member, voters):
    closed = open_ballot(CommitteeFactory(centre=centre), method="plurality", question="Closed?")
    close_voting(ballot=closed, by=None)
    with pytest.raises(ValidationError, match="not open for voting"):
        paper_mark(ballot=closed, member=voters[0], by=committee_member)
    withdrawn = open_ballot(closed.committee, method="plurality", question="Withdrawn?")
    ballot_withdraw(ballot=withdrawn, by=None)
    with pytest.raises(ValidationError, match="not open for voting"):
        paper_mark(ballot=withdrawn, member=voters[0], by=committee_member)
    assert not Participation.objects.exists()


def test_a_vote_is_dated_by_the_centre_s_calendar(centre, committee_member, voters):
    """The roll records the day at the centre (the polling page lists today's voters by
    it), not the server's day: a zone is chosen in which the two differ now."""
    utc_day = timezone.now().date()
    centre.time_zone = "Pacific/Kiritimati" if timezone.now().hour >= 10 else "Pacific/Pago_Pago"
    centre.save(update_fields=["time_zone"])
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    paper_mark(ballot=ballot, member=voters[0], by=committee_member)
    ballot_cast(ballot=ballot, member=voters[1], choices=[ballot.options.first().pk])
    days = set(Participation.objects.values_list("voted_on", flat=True))
    assert days == {today(centre)} and today(centre) != utc_day
