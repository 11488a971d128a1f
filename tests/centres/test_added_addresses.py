"""An e-mail address added in the account settings signs nobody in, and receives no
password reset, until it is confirmed through the link mailed to it."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD

ADDED = "someone-else@example.net"


def _add_address(client, user):
    client.force_login(user)
    response = client.post(reverse("account_email"), {"email": ADDED, "action_add": ""})
    assert response.status_code == 302
    assert EmailAddress.objects.get(email=ADDED).verified is False
    client.logout()
    confirmation = next(m for m in mail.outbox if m.to == [ADDED])
    mail.outbox.clear()
    return re.search(r"http://testserver(/accounts/confirm-email/\S+/)", confirmation.body).group(1)


def _signed_in_as(client):
    return client.get(reverse("home")).wsgi_request.user


def test_an_unconfirmed_added_address_does_not_sign_in(client, social_worker):
    _add_address(client, social_worker)
    client.post(reverse("account_login"), {"login": ADDED, "password": PASSWORD})
    assert not _signed_in_as(client).is_authenticated


def test_the_invited_address_still_signs_in(client, social_worker):
    _add_address(client, social_worker)
    client.post(reverse("account_login"), {"login": social_worker.email, "password": PASSWORD})
    assert _signed_in_as(client) == social_worker


def test_a_confirmed_added_address_signs_in(client, social_worker):
    link = _add_address(client, social_worker)
    client.post(link)
    assert EmailAddress.objects.get(email=ADDED).verified
    client.post(reverse("account_login"), {"login": ADDED, "password": PASSWORD})
    assert _signed_in_as(client) == social_worker


def test_an_unconfirmed_added_address_gets_no_password_reset(client, social_worker):
    _add_address(client, social_worker)
    client.post(reverse("account_reset_password"), {"email": ADDED})
    assert all("password/reset/key" not in m.body for m in mail.outbox)
