"""The order in which votes and receipts are stored says nothing about who cast them.

A table keeps its rows in the order they were written (PostgreSQL's heap, read in that
order by pg_dump; SQLite's rowid order), so these tests read that order directly."""

from django.db import connection

from members.actions import ballot_cast
from members.models import Participation, Receipt, Vote

from ..factories import CommitteeFactory, MemberFactory, open_ballot

VOTERS = 30  # half choose one option, half the other: 1 in 155,117,520 to keep the order


def _stored(model, column: str, ballot) -> list:
    """`column` of `ballot`'s rows in the order the database stores them."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE ballot_id = %s ORDER BY {order}",  # noqa: S608
            [ballot.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def test_votes_and_receipts_are_not_stored_in_the_order_of_the_voters(centre):
    members = [MemberFactory(centre=centre) for _ in range(VOTERS)]
    ballot = open_ballot(CommitteeFactory(centre=centre), method="plurality")
    first, second = ballot.options.all()[:2]
    chose = {}
    codes = []
    for n, member in enumerate(members):
        option = first if n < VOTERS // 2 else second
        chose[member.pk] = option.pk
        codes.append(ballot_cast(ballot=ballot, member=member, choices=[option.pk]))

    voters_in_storage = _stored(Participation, "member_id", ballot)
    assert voters_in_storage == [m.pk for m in members]  # who voted: stored in cast order
    as_the_voters_chose = [chose[pk] for pk in voters_in_storage]
    votes_in_storage = [Vote.objects.get(pk=pk).choices[0] for pk in _vote_ids_in_storage(ballot)]
    assert sorted(votes_in_storage) == sorted(as_the_voters_chose)  # every vote is there
    assert votes_in_storage != as_the_voters_chose
    receipts_in_storage = _stored(Receipt, "code", ballot)
    assert sorted(receipts_in_storage) == sorted(codes)
    assert receipts_in_storage != codes


def _vote_ids_in_storage(ballot) -> list:
    return [Vote._meta.pk.to_python(pk) for pk in _stored(Vote, "id", ballot)]
