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
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
        )
        assert directives["script-src"] == ["'self'"], url
        assert directives["default-src"] == ["'self'"], url
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html, url
        assert "http://" not in html.replace("http://testserver", ""), url


def test_sessions_expire_when_idle(client, worker):
    """Each request keeps the session alive for 30 minutes more; after 30 idle
    minutes the next request finds no session."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(worker)
    assert client.get(reverse("home")).status_code == 200
    stored = Session.objects.get(session_key=client.session.session_key)
    left = stored.expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)

    # As if the last request had been 31 minutes ago.
    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
