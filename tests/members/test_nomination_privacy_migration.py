"""Nominations written before they became private: a nomination of another member not
yet accepted kept the nominator's name, statement and picture for her. The data
migration clears them, so that only the code stays until she chooses her own words."""

import importlib

import pytest
from django.apps import apps

from members.models import Candidate

from ..factories import MemberFactory
from .test_nomination_privacy import SMEAR, election, people  # noqa: F401

MIGRATION = "members.migrations.0028_clear_waiting_nominations"
PICTURE = b"\xff\xd8\xff\xe0 a nominator's photo"


def clear(**_):
    importlib.import_module(MIGRATION).clear_waiting_nominations(apps, None)


@pytest.fixture
def old_rows(centre, election, people):  # noqa: F811
    """Candidacies as they were written before nominations were private."""
    sita, gita, erased = people
    others = [MemberFactory(centre=centre) for _ in range(4)]
    made = dict(
        waiting=Candidate.objects.create(
            election=election, member=gita, nominated_by=sita,
            display_name="Gita the troublemaker", statement=SMEAR, picture=PICTURE,
        ),
        declined=Candidate.objects.create(
            election=election, member=others[0], nominated_by=sita,
            display_name="Ram", statement=SMEAR, picture=PICTURE,
            withdrawn_at=election.nominations_open_at,
        ),
        unknown=Candidate.objects.create(
            election=election, member=others[3], nominated_by=None,
            display_name="Nobody knows who wrote this", statement=SMEAR, picture=PICTURE,
        ),
        accepted=Candidate.objects.create(
            election=election, member=others[1], nominated_by=sita,
            display_name="Hari, as he chose", statement="My own words", picture=PICTURE,
            accepted_at=election.nominations_open_at,
        ),
        own=Candidate.objects.create(
            election=election, member=sita, nominated_by=sita,
            display_name="Sita", statement="I stand", picture=PICTURE,
            accepted_at=election.nominations_open_at,
        ),
        own_waiting=Candidate.objects.create(
            election=election, member=others[2], nominated_by=others[2],
            display_name="Maya", statement="My words", picture=PICTURE,
        ),
    )  # fmt: skip
    return made


def test_a_waiting_nomination_of_another_keeps_only_the_code(old_rows):
    clear()
    for key in ("waiting", "declined", "unknown"):
        row = Candidate.objects.get(pk=old_rows[key].pk)
        assert (row.display_name, row.statement, row.picture) == ("", "", None), key
        assert row.member_id == old_rows[key].member_id  # the code stays
        assert row.nominated_by_id == old_rows[key].nominated_by_id


def test_accepted_and_own_candidacies_keep_their_words(old_rows):
    clear()
    for key in ("accepted", "own", "own_waiting"):
        row = Candidate.objects.get(pk=old_rows[key].pk)
        kept = old_rows[key]
        assert (row.display_name, row.statement) == (kept.display_name, kept.statement), key
        assert bytes(row.picture) == PICTURE, key


def test_clearing_twice_changes_nothing_more(old_rows):
    clear()
    before = list(Candidate.objects.values_list("pk", "display_name", "statement"))
    clear()
    assert list(Candidate.objects.values_list("pk", "display_name", "statement")) == before
    assert Candidate.objects.count() == len(old_rows)
