"""Pages carry a strict Content-Security-Policy, and no page needs inline script or style."""

import re

import pytest
from django.urls import reverse


@pytest.fixture
def pages(centre):
    return [
        reverse("home"),
        reverse("centre_detail", args=[centre.pk]),
        reverse("centre_edit", args=[centre.pk]),
        reverse("staff_list", args=[centre.pk]),
        reverse("staff_invite", args=[centre.pk]),
        reverse("audit_trail", args=[centre.pk]),
        reverse("account_login"),
    ]


def test_csp_forbids_inline_and_foreign_scripts(client, manager, pages):
    client.force_login(manager)
    for url in pages:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html, url
        assert "http://" not in html.replace("http://testserver", ""), url


def test_sessions_expire_when_idle(client, worker, settings):
    client.force_login(worker)
    client.get(reverse("home"))
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
