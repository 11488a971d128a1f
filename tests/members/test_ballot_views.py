"""Ballot pages: who may prepare, open, close, vote, read results, receipts and respond."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from members.actions import ballot_cast
from members.models import Ballot, Participation, PriorityResponse, Receipt, Vote

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot


@pytest.fixture
def committee(centre):
    return CommitteeFactory(centre=centre, name="Workers' committee")


@pytest.fixture
def voter(centre, worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    member.account = worker
    member.save()
    return member


@pytest.fixture
def ballot(committee, voter):
    return open_ballot(committee)


def _url(name, ballot, *extra):
    return reverse(name, args=[ballot.committee.centre_id, ballot.pk, *extra])


@pytest.mark.parametrize("role", ["worker", "committee_member", "manager", "social_worker"])
def test_governance_page_for_the_centre(client, cast, centre, ballot, role):
    client.force_login(cast[role])
    response = client.get(reverse("governance_home", args=[centre.pk]))
    assert response.status_code == 200
    assert ballot.question in response.content.decode()


def test_governance_page_scoping_and_method(client, cast, centre, other_centre):
    client.force_login(cast["outsider"])
    assert client.get(reverse("governance_home", args=[centre.pk])).status_code == 404
    client.force_login(cast["coordinator"])
    assert client.get(reverse("governance_home", args=[centre.pk])).status_code == 403
    client.force_login(cast["worker"])
    assert client.post(reverse("governance_home", args=[centre.pk])).status_code == 405


# Before the ballot opens, and still a plausible date (centres.dates).
LAST_MONTH = (timezone.now() - timezone.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")


def _ballot_form(**overrides):
    now = timezone.localtime()
    data = {
        "question": "What should we do first?",
        "method": "approval",
        "max_choices": 2,
        "seats": 1,
        "electorate": "members",
        "roll_date": now.strftime("%Y-%m-%dT%H:%M"),
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timezone.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "options": "Childcare on Fridays\nArabic classes\nLegal clinic",
    }
    data.update(overrides)
    return data


def test_committee_prepares_a_ballot_once(client, committee_member, centre, committee):
    client.force_login(committee_member)
    url = reverse("ballot_new", args=[centre.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _ballot_form())
    ballot = Ballot.objects.get()
    assert response.status_code == 302 and ballot.options.count() == 3
    again = client.post(url, _ballot_form())
    assert "already being prepared" in again.content.decode()
    assert Ballot.objects.count() == 1


def test_the_counting_methods_are_offered_in_plain_words(client, committee_member, centre):
    client.force_login(committee_member)
    committee = CommitteeFactory(centre=centre)
    pages = [
        client.get(reverse("ballot_new", args=[centre.pk])).content.decode(),
        client.get(reverse("election_new", args=[centre.pk, committee.pk])).content.decode(),
    ]
    for page in pages:
        assert "Approval (each voter chooses up to a set number of options)" in page
        assert "up to k" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"options": "Only one"}, "at least two options"),
        ({"max_choices": ""}, "how many options"),
        ({"question": ""}, "This field is required"),
        ({"closes_at": LAST_MONTH}, "close after it opens"),
    ],
)
def test_bad_ballot_input_saves_nothing(
    client, committee_member, centre, committee, overrides, message
):
    client.force_login(committee_member)
    response = client.post(reverse("ballot_new", args=[centre.pk]), _ballot_form(**overrides))
    assert message in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("role", ["manager", "social_worker", "worker", "coordinator"])
def test_only_the_committee_prepares_ballots(client, cast, centre, committee, role):
    client.force_login(cast[role])
    assert client.post(reverse("ballot_new", args=[centre.pk]), _ballot_form()).status_code == 403
    assert not Ballot.objects.exists()


def test_ballot_pages_of_another_centre_are_not_found(client, cast, centre, ballot):
    client.force_login(cast["outsider"])
    for name in ["ballot_detail", "ballot_vote", "ballot_receipts"]:
        assert client.get(_url(name, ballot)).status_code == 404
    for name in ["ballot_open", "ballot_close"]:
        assert client.post(_url(name, ballot)).status_code == 404
    ballot.refresh_from_db()
    assert ballot.status == "open"


def test_a_worker_cannot_open_or_close(client, worker, ballot):
    client.force_login(worker)
    assert client.post(_url("ballot_close", ballot)).status_code == 403
    ballot.refresh_from_db()
    assert ballot.status == "open"


def test_a_worker_votes_once_and_gets_a_receipt(client, worker, voter, ballot):
    client.force_login(worker)
    assert client.get(_url("ballot_vote", ballot)).status_code == 200
    option = ballot.options.first()
    response = client.post(_url("ballot_vote", ballot), {"choices": [option.pk]})
    code = re.search(r"receipt-code\"><code[^>]*>([A-Z0-9-]+)<", response.content.decode()).group(1)
    assert Receipt.objects.get().code == code
    again = client.post(_url("ballot_vote", ballot), {"choices": [option.pk]})
    assert "already voted" in again.content.decode()
    assert Participation.objects.count() == Vote.objects.count() == 1


def test_a_worker_who_voted_sees_so_not_the_form(client, worker, voter, ballot):
    client.force_login(worker)
    option = ballot.options.first()
    client.post(_url("ballot_vote", ballot), {"choices": [option.pk]})
    page = client.get(_url("ballot_vote", ballot))
    assert page.status_code == 200
    assert "You have voted" in page.content.decode()
    assert 'name="choices"' not in page.content.decode()
    assert "no-store" in page["Cache-Control"]  # the back button asks again
    again = client.post(_url("ballot_vote", ballot), {"choices": [option.pk]})
    assert again.status_code == 200
    text = again.content.decode()
    assert "You already voted in this ballot" in text and "This member" not in text
    assert 'name="choices"' not in text
    assert Participation.objects.count() == Vote.objects.count() == Receipt.objects.count() == 1


def test_bad_vote_input_saves_nothing(client, worker, voter, ballot):
    client.force_login(worker)
    ids = list(ballot.options.values_list("pk", flat=True))
    response = client.post(_url("ballot_vote", ballot), {"choices": ids})  # 3 > 2
    assert "at most 2" in response.content.decode()
    response = client.post(_url("ballot_vote", ballot), {"choices": ["999999"]})
    assert "Select a valid choice" in response.content.decode()
    assert not Participation.objects.exists() and not Vote.objects.exists()


@pytest.mark.parametrize("role", ["manager", "social_worker", "coordinator"])
def test_staff_cannot_vote(client, cast, ballot, role):
    client.force_login(cast[role])
    assert client.get(_url("ballot_vote", ballot)).status_code == 403


def test_ranked_ballot_takes_choices_in_order(client, worker, voter, committee):
    ranked = open_ballot(committee, method="irv", question="Ranked")
    a, b, c = ranked.options.all()
    client.force_login(worker)
    client.post(_url("ballot_vote", ranked), {"rank_1": b.pk, "rank_2": a.pk, "rank_3": ""})
    assert Vote.objects.get().choices == [b.pk, a.pk]


def test_results_and_receipts_only_after_the_close(client, cast, centre, committee, worker, voter):
    others = [MemberFactory(centre=centre) for _ in range(3)]
    ballot = open_ballot(committee)
    childcare = ballot.options.get(label="Childcare")
    codes = [ballot_cast(ballot=ballot, member=m, choices=[childcare.pk]) for m in [voter, *others]]
    client.force_login(cast["manager"])
    during = client.get(_url("ballot_detail", ballot)).content.decode()
    assert "Results are shown only after voting closes" in during
    assert client.get(_url("ballot_receipts", ballot)).status_code == 404
    close_voting(ballot=ballot, by=None)
    client.force_login(worker)
    after = client.get(_url("ballot_detail", ballot)).content.decode()
    assert "Round 1" not in after or "Childcare" in after
    receipts = client.get(_url("ballot_receipts", ballot)).content.decode()
    listed = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", receipts)
    assert sorted(listed) == sorted(codes)
    assert len(listed) == Participation.objects.filter(ballot=ballot).count()


def test_the_results_list_puts_each_date_on_its_own_line(client, committee_member, committee):
    ballot = open_ballot(committee)
    close_voting(ballot=ballot, by=None)
    client.force_login(committee_member)
    page = client.get(reverse("governance_home", args=[committee.centre_id])).content.decode()
    item = re.search(r"<li><a [^>]*>(.*?)</a>(.*?)</li>", page.split('id="results"')[-1])
    assert "What should the centre do first?" in item[1]
    assert re.fullmatch(
        r'<br><span class="muted"><bdi [^>]*class="when">[^<]+</bdi></span>', item[2]
    )


def test_a_closed_ballot_says_who_voted_and_leads_to_no_polling_station(
    client, committee_member, committee, voter
):
    ballot = open_ballot(committee)
    ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.first().pk])
    client.force_login(committee_member)
    polling = _url("ballot_polling", ballot)
    during = client.get(_url("ballot_detail", ballot)).content.decode()
    assert "Voted so far" in during and polling in during
    assert "Approval: choose up to 2" in during and "(choose up to k)" not in during
    close_voting(ballot=ballot, by=None)
    after = client.get(_url("ballot_detail", ballot)).content.decode()
    assert "Voted so far" not in after and "<dt>Voted</dt>" in after
    assert polling not in after


def test_the_manager_responds_to_each_priority(client, cast, committee, voter):
    ballot = open_ballot(committee)
    option = ballot.options.first()
    url = _url("priority_respond", ballot, option.pk)
    client.force_login(cast["manager"])
    assert client.get(url).status_code == 404  # not before the close
    close_voting(ballot=ballot, by=None)
    response = client.post(url, {"status": "not_possible", "reason": ""})
    assert "Say why" in response.content.decode()
    assert not PriorityResponse.objects.exists()
    client.post(url, {"status": "planned", "reason": "From March"})
    client.post(url, {"status": "planned", "reason": "From March"})
    assert PriorityResponse.objects.get().status == "planned"
    client.force_login(cast["worker"])
    assert "From March" in client.get(_url("ballot_detail", ballot)).content.decode()
    for role in ["committee_member", "worker", "social_worker"]:
        client.force_login(cast[role])
        assert client.post(url, {"status": "in_progress"}).status_code == 403
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404


def test_the_managers_services_page_shows_the_latest_priorities(client, cast, committee, voter):
    ballot = open_ballot(committee)
    ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.get(label="Childcare").pk])
    client.force_login(cast["manager"])
    url = reverse("service_list", args=[committee.centre_id])
    assert "members' priorities" not in client.get(url).content.decode()  # not before the close
    close_voting(ballot=ballot, by=None)
    page = client.get(url).content.decode()
    assert "members&#x27; priorities" in page or "members' priorities" in page
    assert "Not answered yet" in page and "Childcare" in page
    client.force_login(cast["worker"])
    assert "Not answered yet" not in client.get(url).content.decode()


def test_options_can_be_drawn_from_the_catalogue_and_requests(
    client, committee_member, manager, social_worker, centre, committee
):
    from centres.categories import ServiceCategory
    from services import actions as service_actions
    from services.models import Service

    language = ServiceCategory.objects.get(code="language", centre=None)
    service_actions.service_save(
        service=Service(centre=centre, category=language, name="Arabic class", capacity=8),
        by=manager,
    )
    childcare = ServiceCategory.objects.get(code="unpaid_work", centre=None)
    request = service_actions.request_create(
        centre=centre, wish="Childcare please", by=social_worker
    )
    request.category = childcare
    request.save()
    client.force_login(committee_member)
    url = reverse("ballot_new", args=[centre.pk])
    page = client.get(url).content.decode()
    assert "Arabic class" in page and str(childcare.name) in page
    assert "Childcare please" not in page  # a worker's words never reach the picker
    data = _ballot_form(options="Our own idea")
    data["from_catalogue"] = ["Arabic class"]
    data["from_requests"] = [str(childcare.name)]
    assert client.post(url, data).status_code == 302
    sources = dict(Ballot.objects.get().options.values_list("label", "source"))
    assert sources == {
        "Arabic class": "catalogue",
        str(childcare.name): "requests",
        "Our own idea": "committee",
    }
    bad = _ballot_form(options="Our own idea")
    bad["from_catalogue"] = ["Not a service"]
    assert "Select a valid choice" in client.post(url, bad).content.decode()
    assert Ballot.objects.count() == 1
