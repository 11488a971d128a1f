"""A nomination of someone else is hers to accept: private until she does, under the
name, statement and picture she chooses; the code typed tells nobody whether it exists."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.actions import committee_create, election_create
from members.models import Candidate, Election

from ..factories import MemberFactory, centre_today

DAY = timezone.timedelta(days=1)
SMEAR = "She is undocumented and wants to fight the employer"


@pytest.fixture
def people(centre, worker, committee_member):
    past = timezone.now() - timezone.timedelta(days=30)
    sita = MemberFactory(centre=centre, account=worker, registered_at=past)
    gita = MemberFactory(centre=centre, account=committee_member, registered_at=past)
    erased = MemberFactory(centre=centre, registered_at=past)
    return sita, gita, erased


@pytest.fixture
def election(centre, social_worker, people):
    committee = committee_create(centre=centre, by=None, name="Committee", seats=[("chair", "")])
    now = timezone.now()
    return election_create(
        committee=committee,
        by=None,
        title="Chair",
        seats=list(committee.seats.all()),
        method="plurality",
        returning_officer=social_worker,
        nominations_open_at=now - timezone.timedelta(minutes=5),
        nominations_close_at=now + DAY,
        opens_at=now + DAY,
        closes_at=now + 2 * DAY,
        term_starts_on=centre_today(centre) + 4 * DAY,
        term_ends_on=centre_today(centre) + 700 * DAY,
        roll_date=now - timezone.timedelta(minutes=1),
    )


def _url(name, election, *extra):
    return reverse(name, args=[election.ballot.committee.centre_id, election.pk, *extra])


def test_a_nomination_is_private_to_the_nominee_until_she_chooses_her_own_words(
    client, cast, centre, election, people
):
    sita, gita, _ = people
    url = _url("election_detail", election)
    client.force_login(cast["worker"])
    smear = client.post(url, {"code": gita.code, "display_name": "Gita B.", "statement": SMEAR})
    assert smear.status_code == 200 and not Candidate.objects.exists()  # refused, nothing saved
    assert "she chooses her own" in smear.content.decode()
    client.post(url, {"code": gita.code})
    candidate = Candidate.objects.get()
    assert candidate.display_name == "" and candidate.picture is None
    # Nobody but the nominee and the returning officer sees it.
    page = client.get(url).content.decode()
    assert "waiting for acceptance" not in page and gita.code not in page
    client.force_login(cast["manager"])
    assert gita.code not in client.get(url).content.decode()
    assert client.get(_url("candidate_picture", election, candidate.pk)).status_code == 404
    client.force_login(cast["social_worker"])  # the returning officer
    assert gita.code in client.get(url).content.decode()
    # Only she can open her acceptance: for anyone else it does not exist.
    accept = _url("candidate_accept", election, candidate.pk)
    client.force_login(cast["worker"])
    assert client.get(accept).status_code == 404
    client.force_login(cast["outsider"])
    assert client.get(accept).status_code == 404
    client.force_login(cast["committee_member"])
    assert client.put(accept).status_code == 405
    assert client.get(accept).status_code == 200
    bad = client.post(accept, {"display_name": "", "statement": "x"})
    assert bad.status_code == 200 and "This field is required." in bad.content.decode()
    assert Candidate.objects.get().accepted_at is None
    client.post(accept, {"display_name": "Gita", "statement": "Fair wages"})
    client.post(accept, {"display_name": "Again"})  # a second submit changes nothing
    candidate.refresh_from_db()
    assert candidate.is_standing
    assert (candidate.display_name, candidate.statement) == ("Gita", "Fair wages")
    client.force_login(cast["worker"])
    assert "Fair wages" in client.get(url).content.decode()


def test_the_code_check_answers_the_same_whether_or_not_the_code_exists(
    client, cast, centre, election, people
):
    sita, gita, erased = people
    url = _url("election_detail", election)
    erased.erased_at = timezone.now()
    erased.save()
    client.force_login(cast["worker"])

    def answer(code):
        response = client.post(url, {"code": code}, follow=True)
        return response.status_code, [str(m) for m in response.context["messages"]]

    answers = {code: answer(code) for code in (gita.code, "AMM-9999", erased.code, sita.code)}
    assert len(set(map(repr, answers.values()))) == 1, answers
    assert answer(gita.code) == answers[gita.code]  # again: one nomination, same answer
    assert Candidate.objects.count() == 1
    assert Candidate.objects.get().member == gita


def test_a_nomination_once_they_close_is_refused_plainly(client, cast, centre, election, people):
    now = timezone.now()
    Election.objects.filter(pk=election.pk).update(
        nominations_open_at=now - 2 * DAY, nominations_close_at=now - DAY
    )
    client.force_login(cast["worker"])
    response = client.post(_url("election_detail", election), {"code": people[1].code})
    assert response.status_code == 200 and not Candidate.objects.exists()
    assert "Nominations are not open." in response.content.decode()
