"""Two officers confirming one paper batch at the same moment, on PostgreSQL: the row
lock makes one confirmation, and the second officer is told who confirmed it."""

import time
from concurrent.futures import ThreadPoolExecutor
from threading import Event

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from members.actions import paper_batch_confirm, paper_batch_enter, paper_mark
from members.models import PaperBatch

from ..factories import CommitteeFactory, MemberFactory, open_ballot

pytestmark = pytest.mark.postgresql


def test_two_confirmations_at_once_make_one(
    transactional_db, centre, committee_member, social_worker, manager
):
    social_worker.name = "Leila"
    social_worker.save(update_fields=["name"])
    member = MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    paper_mark(ballot=ballot, member=member, by=committee_member)
    totals = dict.fromkeys(ballot.options.values_list("pk", flat=True), 0)
    totals[ballot.options.first().pk] = 1
    batch = paper_batch_enter(
        ballot=ballot, by=committee_member, label="Box 1", papers=1, totals=totals
    )
    first_written = Event()

    def first():
        # The first confirmation stays uncommitted while the second one arrives.
        try:
            with transaction.atomic():
                paper_batch_confirm(batch=batch, by=social_worker, papers=1, totals=totals)
                first_written.set()
                time.sleep(1)
            return "confirmed"
        finally:
            connection.close()

    def second():
        try:
            first_written.wait(timeout=30)
            paper_batch_confirm(batch=batch, by=manager, papers=1, totals=totals)
            return "confirmed"
        except ValidationError as refusal:
            return refusal.messages[0]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [pool.submit(first), pool.submit(second)]
        outcomes = [r.result(timeout=60) for r in results]
    assert outcomes == ["confirmed", "This batch was already confirmed by \u2068Leila\u2069."]
    assert PaperBatch.objects.get().confirmed_by == social_worker
