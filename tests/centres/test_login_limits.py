"""Login limits behind the proxy: keyed on the real client, and wrong passwords typed
by someone else never lock a colleague out."""

import pytest
from django.urls import reverse

RIGHT = "a-long-test-password-2026"


@pytest.fixture
def behind_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def _login(client, email, password, ip):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="10.0.0.1",  # the proxy
        HTTP_X_FORWARDED_FOR=ip,
    )


def test_one_clients_failures_do_not_block_everyone(client, behind_proxy, social_worker, legal):
    for _ in range(11):
        _login(client, "nobody@example.org", "wrong-password", "203.0.113.9")
    response = _login(client, legal.email, RIGHT, "198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(legal.pk)


def test_wrong_passwords_elsewhere_do_not_lock_a_colleague_out(client, behind_proxy, social_worker):
    for _ in range(6):
        _login(client, social_worker.email, "wrong-password", "203.0.113.9")
    refused = _login(client, social_worker.email, RIGHT, "203.0.113.9")
    assert "_auth_user_id" not in client.session  # the attacker's client is slowed
    assert "Too many failed login attempts" in refused.content.decode()
    response = _login(client, social_worker.email, RIGHT, "198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(social_worker.pk)


def test_one_accounts_wrong_passwords_do_not_lock_out_a_shared_connection(
    client, behind_proxy, social_worker, legal
):
    """A centre signs in through one address: a dozen wrong passwords for one account
    stop that account, not the colleagues behind the same connection."""
    for _ in range(12):
        _login(client, legal.email, "wrong-password", "203.0.113.9")
    response = _login(client, social_worker.email, RIGHT, "203.0.113.9")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(social_worker.pk)


def test_many_people_mistyping_once_behind_one_connection_still_sign_in(
    client, behind_proxy, social_worker
):
    for number in range(15):
        _login(client, f"person{number}@example.org", "wrong-password", "203.0.113.9")
    response = _login(client, social_worker.email, RIGHT, "203.0.113.9")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(social_worker.pk)


def test_one_address_trying_many_accounts_is_still_stopped(client, behind_proxy, social_worker):
    for number in range(30):
        _login(client, f"person{number}@example.org", "wrong-password", "203.0.113.9")
    refused = _login(client, social_worker.email, RIGHT, "203.0.113.9")
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in refused.content.decode()
