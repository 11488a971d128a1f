"""A form refused for its CSRF cookie (a page left open past the session, a browser
that drops cookies) says so in the reader's language, in the site's own page."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_a_form_refused_for_its_csrf_cookie_says_what_to_do(
    social_worker, centre, language, direction
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)
    client.cookies["django_language"] = language
    response = client.post(reverse("visit_new", args=[centre.pk]), {"member": "AMM-0001"})
    page = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert f'href="{reverse("home")}"' in page
    assert "CSRF" not in page
