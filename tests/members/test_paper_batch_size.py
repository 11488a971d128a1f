"""A paper batch is big enough that its totals tell no one's vote."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from centres.models import AuditEntry
from members.actions import paper_batch_confirm, paper_batch_enter, paper_mark
from members.models import PaperBatch

from ..factories import CommitteeFactory, MemberFactory, open_ballot


@pytest.fixture
def ballot(centre):
    centre.programme.suppression_threshold = 3
    centre.programme.save()
    for _ in range(7):
        MemberFactory(centre=centre)
    return open_ballot(CommitteeFactory(centre=centre), method="plurality")


def _mark(ballot, manager, n):
    """Mark the roll for paper until `n` members have voted on paper."""
    voted = ballot.participations.values("member")
    unmarked = ballot.committee.centre.members.exclude(pk__in=voted).order_by("pk")
    for member in list(unmarked)[: n - ballot.participations.count()]:
        paper_mark(ballot=ballot, member=member, by=manager)


def _totals(ballot, *counts):
    return dict(zip(ballot.options.values_list("pk", flat=True), counts, strict=True))


def test_a_batch_below_the_threshold_is_refused_while_other_papers_remain(manager, ballot):
    _mark(ballot, manager, 5)
    with pytest.raises(ValidationError, match="at least 3 papers") as refused:
        paper_batch_enter(
            ballot=ballot, by=manager, label="Box 2", papers=1, totals=_totals(ballot, 1, 0, 0)
        )
    assert "Mix small boxes with another before counting" in str(refused.value)
    assert not PaperBatch.objects.exists()
    # The same paper mixed with the four others makes one batch of five.
    paper_batch_enter(
        ballot=ballot, by=manager, label="Box 1", papers=5, totals=_totals(ballot, 3, 1, 1)
    )
    assert PaperBatch.objects.count() == 1


def test_a_batch_may_not_leave_too_few_papers_to_count(manager, ballot):
    _mark(ballot, manager, 5)
    # Three of five would leave two: a small last batch that would tell how two voted.
    with pytest.raises(ValidationError, match="would leave 2 papers to count"):
        paper_batch_enter(
            ballot=ballot, by=manager, label="Box 1", papers=3, totals=_totals(ballot, 2, 1, 0)
        )
    assert not PaperBatch.objects.exists()
    _mark(ballot, manager, 7)
    # With seven marked, three leave four: enough for a batch of their own.
    paper_batch_enter(
        ballot=ballot, by=manager, label="Box 1", papers=3, totals=_totals(ballot, 2, 1, 0)
    )
    paper_batch_enter(
        ballot=ballot, by=manager, label="Box 2", papers=4, totals=_totals(ballot, 1, 2, 1)
    )
    assert PaperBatch.objects.count() == 2


def test_a_single_small_batch_holding_every_paper_is_accepted(manager, ballot):
    _mark(ballot, manager, 2)
    paper_batch_enter(
        ballot=ballot, by=manager, label="Box", papers=2, totals=_totals(ballot, 1, 1, 0)
    )
    assert PaperBatch.objects.get().papers == 2


def test_the_form_says_the_fewest_papers_and_refuses_a_small_box(
    client, centre, committee_member, manager, ballot
):
    _mark(ballot, manager, 4)
    client.force_login(committee_member)
    page = client.get(reverse("ballot_paper", args=[centre.pk, ballot.pk])).content.decode()
    assert "At least 3 papers, unless this is the last batch" in page
    first, second, third = ballot.options.values_list("pk", flat=True)
    data = {"batch-label": "Box 2", "batch-papers": 1, f"batch-option_{first}": 1}
    data.update({f"batch-option_{second}": 0, f"batch-option_{third}": 0})
    response = client.post(reverse("paper_batch_enter", args=[centre.pk, ballot.pk]), data)
    assert "Mix small boxes with another before counting" in response.content.decode()
    assert not PaperBatch.objects.exists()


def test_the_audit_trail_keeps_no_batch_totals(manager, social_worker, ballot):
    _mark(ballot, manager, 3)
    batch = paper_batch_enter(
        ballot=ballot, by=manager, label="Box", papers=3, totals=_totals(ballot, 2, 1, 0)
    )
    paper_batch_confirm(batch=batch, by=social_worker, papers=3, totals=_totals(ballot, 2, 1, 0))
    entries = AuditEntry.objects.filter(content_type__model="paperbatch")
    assert entries.count() == 2
    assert all("totals" not in (entry.changes or {}) for entry in entries)
