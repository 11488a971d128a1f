"""Accepting an invitation with two taps at the same moment, on PostgreSQL: one account
and one role, and both taps get a page (never a server error).

A tap that reaches the server only after the other has finished finds the link spent
(accepting clears its token) and gets the "not valid" page, 404: on a busy machine the
barrier cannot make two requests overlap, so that outcome is allowed beside the other's
302; a tap that waited on the other's lock gets 302."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from centres.categories import BUILT_IN, ServiceCategory
from centres.models import CentreRole, Role, User
from centres.tokens import hash_token

from ..factories import CentreRoleFactory, InvitationFactory

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def _taps_went_on(statuses: list[int]) -> bool:
    """One tap accepted (302); the other waited and went on (302) or came late (404)."""
    return 302 in statuses and all(s in (302, 404) for s in statuses)


def _both_at_once(tap):
    barrier = Barrier(2)

    def run(_n):
        try:
            barrier.wait(timeout=30)
            return tap()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(run, range(2)))


def test_a_new_person_accepting_twice_at_once(transactional_db, centre):
    InvitationFactory(centre=centre, email="amina@example.org", token_hash=hash_token("tok"))
    link = reverse("invitation_accept", args=["tok"])
    data = {"name": "Amina", "password1": "river-lantern-2026!", "password2": "river-lantern-2026!"}

    def tap():
        return Client(raise_request_exception=False).post(link, data).status_code

    assert _taps_went_on(_both_at_once(tap))
    assert User.objects.filter(email="amina@example.org").count() == 1
    assert CentreRole.objects.filter(centre=centre, user__email="amina@example.org").count() == 1


def test_a_signed_in_person_accepting_twice_at_once(transactional_db, centre, other_centre):
    someone = CentreRoleFactory(centre=other_centre, role=Role.SOCIAL_WORKER).user
    InvitationFactory(
        centre=centre, email=someone.email, token_hash=hash_token("tok"), role=Role.LEGAL_ADVISOR
    )
    link = reverse("invitation_accept", args=["tok"])

    def tap():
        browser = Client(raise_request_exception=False)
        browser.force_login(someone)
        return browser.post(link).status_code

    assert _taps_went_on(_both_at_once(tap))
    assert CentreRole.objects.filter(user=someone, centre=centre).count() == 1
