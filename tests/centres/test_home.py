"""Each role's home page shows what that role may do, and nothing more."""

import pytest
from django.urls import reverse

from ..factories import CentreFactory, CentreRoleFactory


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("manager", ["Staff and invitations", "Audit trail"], []),
        ("social_worker", ["Centre profile"], ["Staff and invitations", "Audit trail"]),
        ("committee_member", ["elected committee member"], ["Staff and invitations"]),
        ("worker", ["with or without an account"], ["Staff and invitations", "Audit trail"]),
        ("coordinator", ["aggregated figures only", "Amman centre"], ["Staff and invitations"]),
        ("outsider", ["Elsewhere centre"], ["Amman centre"]),
    ],
)
def test_home_per_role(client, cast, role, shown, hidden):
    client.force_login(cast[role])
    page = client.get(reverse("home")).content.decode()
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page


def test_person_without_role_is_told_how_to_get_one(client, db):
    from ..factories import UserFactory

    client.force_login(UserFactory())
    assert "A centre manager can invite you" in client.get(reverse("home")).content.decode()


def test_home_queries_do_not_grow_with_centres(
    client, social_worker, django_assert_max_num_queries
):
    client.force_login(social_worker)
    for count in (2, 20):
        for _ in range(count):
            CentreRoleFactory(user=social_worker, centre=CentreFactory())
        with django_assert_max_num_queries(12):
            assert client.get(reverse("home")).status_code == 200


def test_home_needs_sign_in_and_get(client, worker):
    assert client.get(reverse("home")).status_code == 302
    client.force_login(worker)
    assert client.post(reverse("home")).status_code == 405
