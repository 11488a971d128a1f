"""Naming a polling officer: the polling page offers only the staff who can still be
named, and naming someone already named (a page left open) is refused with a message,
nothing doubled."""

import pytest
from django.urls import reverse

from centres.submissions import FIELD, new_key
from members.actions import polling_officer_name

from ..factories import CommitteeFactory, MemberFactory, open_ballot

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(centre):
    MemberFactory(centre=centre)
    return open_ballot(CommitteeFactory(centre=centre))


def _polling(ballot):
    return reverse("ballot_polling", args=[ballot.committee.centre_id, ballot.pk])


def _name(ballot):
    return reverse("polling_officer_name", args=[ballot.committee.centre_id, ballot.pk])


def _offered(page) -> set:
    return set(page.context["officer_form"].fields["user"].queryset)


def test_the_page_offers_only_staff_not_yet_officers(
    client, ballot, manager, social_worker, legal, committee_member
):
    polling_officer_name(ballot=ballot, user=social_worker, by=committee_member)
    client.force_login(committee_member)
    page = client.get(_polling(ballot))
    assert _offered(page) == {manager, legal}
    assert f'<option value="{social_worker.pk}"' not in page.content.decode()


def test_with_every_member_of_staff_named_no_form_is_offered(
    client, ballot, manager, social_worker, legal, committee_member
):
    for user in (manager, social_worker, legal):
        polling_officer_name(ballot=ballot, user=user, by=committee_member)
    client.force_login(committee_member)
    page = client.get(_polling(ballot)).content.decode()
    assert "already a polling officer for this ballot" in page
    assert f'action="{_name(ballot)}"' not in page and 'name="officer-user"' not in page


def test_naming_an_officer_again_says_why_and_doubles_nothing(
    client, ballot, social_worker, committee_member
):
    client.force_login(committee_member)
    assert client.post(_name(ballot), {"officer-user": social_worker.pk}).status_code == 302
    again = client.post(_name(ballot), {"officer-user": social_worker.pk})
    assert again.status_code == 200
    assert "not yet a polling officer for this ballot" in again.content.decode()
    assert ballot.polling_officers.filter(user=social_worker).count() == 1


def test_a_double_submit_names_once(client, ballot, social_worker, committee_member):
    client.force_login(committee_member)
    data = {"officer-user": social_worker.pk, FIELD: new_key()}
    assert client.post(_name(ballot), data).status_code == 302
    assert client.post(_name(ballot), data).status_code == 302
    assert ballot.polling_officers.count() == 1
