"""The most a paper batch and a committee decision may count is the model's own rule:
every writer is refused past it (the actions, not only the forms), and the forms read
their limits from the same validators."""

import pytest
from django.core.exceptions import ValidationError

from members.actions import committee_create, decision_record, meeting_record, paper_batch_enter
from members.governance.forms_booth import PaperBatchForm
from members.governance.forms_meetings import DecisionForm
from members.models import Decision, PaperBatch

from ..factories import CommitteeFactory, centre_today, fill_seats, open_ballot


@pytest.fixture
def meeting(centre):
    committee = committee_create(
        centre=centre, by=None, name="Committee", seats=[("chair", ""), ("member", "")]
    )
    fill_seats(committee)
    return meeting_record(
        committee=committee,
        by=None,
        held_on=centre_today(centre),
        seats_present=committee.seats.all(),
    )


@pytest.mark.parametrize("field", ["votes_for", "votes_against", "abstentions"])
def test_a_decision_past_the_most_a_meeting_counts_is_refused_by_the_action(meeting, field):
    counts = {"votes_for": 0, "votes_against": 0, "abstentions": 0, field: 501}
    with pytest.raises(ValidationError) as refusal:
        decision_record(meeting=meeting, by=None, motion="Childcare", **counts)
    assert "less than or equal to 500" in " ".join(refusal.value.message_dict[field])
    assert not Decision.objects.exists()


def test_the_decision_form_reads_the_model_s_bounds(meeting):
    form = DecisionForm(meeting=meeting)
    assert [
        form.fields[name].max_value for name in ("votes_for", "votes_against", "abstentions")
    ] == [
        500,
        500,
        500,
    ]


def test_a_paper_batch_past_the_most_papers_is_refused_by_the_action(centre, manager):
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    first, *rest = ballot.options.values_list("pk", flat=True)
    totals = {first: 100_001, **{pk: 0 for pk in rest}}
    with pytest.raises(ValidationError) as refusal:
        paper_batch_enter(ballot=ballot, by=manager, label="Box 1", papers=100_001, totals=totals)
    assert "less than or equal to 100000" in " ".join(refusal.value.message_dict["papers"])
    assert not PaperBatch.objects.exists()


def test_the_paper_form_reads_the_model_s_bounds(centre):
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    form = PaperBatchForm(ballot=ballot)
    assert (form.fields["papers"].min_value, form.fields["papers"].max_value) == (1, 100_000)
    option = next(name for name in form.fields if name.startswith("option_"))
    assert (form.fields[option].min_value, form.fields[option].max_value) == (0, 100_000)
