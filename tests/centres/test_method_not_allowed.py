"""A button's address opened as a link (after signing in again, say) answers 405 with a
page in the site's layout and the reader's language, linking to the page holding the
button; and signing in with such an address as `next` lands on that page instead."""

import pytest
from django.test import Client
from django.urls import reverse

from centres.methods import allowed_methods, page_of

from ..factories import PASSWORD, CommitteeFactory, open_ballot


@pytest.fixture
def ballot(centre):
    return open_ballot(CommitteeFactory(centre=centre))


@pytest.mark.parametrize(
    ("language", "direction", "words"),
    [("en", "ltr", "This action is done with its button"), ("ar", "rtl", 'dir="rtl"')],
)
def test_a_button_address_opened_as_a_link_says_what_to_do(
    client, committee_member, centre, ballot, language, direction, words
):
    client.force_login(committee_member)
    client.cookies["django_language"] = language
    button_url = reverse("ballot_open", args=[centre.pk, ballot.pk])
    response = client.get(button_url)
    page = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert words in page
    assert f'href="{reverse("ballot_detail", args=[centre.pk, ballot.pk])}"' in page
    ballot.refresh_from_db()
    assert ballot.is_open  # nothing changed


def test_the_405_page_is_translated(client, committee_member, centre, ballot):
    from django.utils import translation

    with translation.override("ar"):
        from django.utils.translation import gettext

        title = gettext("This action is done with its button")
    client.force_login(committee_member)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("ballot_open", args=[centre.pk, ballot.pk])).content.decode()
    assert title in page


def test_signing_in_with_a_button_address_as_next_lands_on_its_page(
    committee_member, centre, ballot
):
    client = Client()
    button_url = reverse("ballot_open", args=[centre.pk, ballot.pk])
    login = client.post(button_url)  # the session had expired
    assert login.status_code == 302 and reverse("account_login") in login["Location"]
    response = client.post(
        reverse("account_login") + f"?next={button_url}",
        {"login": committee_member.email, "password": PASSWORD, "next": button_url},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("ballot_detail", args=[centre.pk, ballot.pk])
    assert client.get(response["Location"]).status_code == 200


def test_signing_in_with_a_page_as_next_still_goes_there(committee_member, centre, ballot):
    client = Client()
    detail = reverse("ballot_detail", args=[centre.pk, ballot.pk])
    response = client.post(
        reverse("account_login"),
        {"login": committee_member.email, "password": PASSWORD, "next": detail},
    )
    assert response["Location"] == detail


def test_every_button_address_has_a_page_above_it():
    """Every POST-only view of the project is known as such, and a GET of the page found
    above it is not refused for its method."""
    from django.urls import get_resolver

    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            else:
                found.append((prefix + str(entry.pattern), entry.callback))

    walk(get_resolver().url_patterns)
    posts = [route for route, view in found if allowed_methods(view) == ["POST"]]
    assert len(posts) > 20
    button_url = "/centres/1/ballots/2/open/"
    assert page_of(button_url) == "/centres/1/ballots/2/"
    assert page_of("/centres/1/decisions/3/publish/") == "/centres/1/"


def test_a_form_sent_to_a_page_links_to_that_page(client, manager):
    client.force_login(manager)
    response = client.post(reverse("home"))
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert "This page is opened as a link" in response.content.decode()


def test_a_head_request_keeps_its_empty_answer(client, committee_member, centre, ballot):
    client.force_login(committee_member)
    response = client.head(reverse("ballot_open", args=[centre.pk, ballot.pk]))
    assert response.status_code == 405 and response.content == b""
