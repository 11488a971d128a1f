"""Roles that can open a case need a second factor (TOTP) before any page of their centre."""

import base64
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from centres import crypto


@pytest.fixture
def second_factor_required(settings):
    settings.WORKERCENTRE_REQUIRE_SECOND_FACTOR = True


def _activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.mark.parametrize("role", ["social_worker", "legal", "manager"])
def test_case_capable_role_without_totp_is_sent_to_set_it_up(
    client, cast, centre, second_factor_required, role
):
    client.force_login(cast[role])
    response = client.get(reverse("centre_detail", args=[centre.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("role", ["social_worker", "legal", "manager"])
def test_with_totp_the_page_opens(client, cast, centre, second_factor_required, role):
    _activate_totp(cast[role])
    client.force_login(cast[role])
    assert client.get(reverse("centre_detail", args=[centre.pk])).status_code == 200


@pytest.mark.parametrize("role", ["committee_member", "worker", "coordinator"])
def test_roles_without_cases_need_no_second_factor(
    client, cast, centre, second_factor_required, role
):
    client.force_login(cast[role])
    assert client.get(reverse("centre_detail", args=[centre.pk])).status_code == 200


def test_setting_off_lets_staff_in_without_totp(client, social_worker, centre, settings):
    settings.WORKERCENTRE_REQUIRE_SECOND_FACTOR = False
    client.force_login(social_worker)
    assert client.get(reverse("centre_detail", args=[centre.pk])).status_code == 200


def _code(secret: str, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def test_login_asks_for_the_code_and_accepts_only_the_right_one(
    client, social_worker, centre, second_factor_required
):
    secret = _activate_totp(social_worker)
    response = client.post(
        reverse("account_login"),
        {"login": social_worker.email, "password": "a-long-test-password-2026"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": _code(secret, offset=1000)})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert client.session["_auth_user_id"] == str(social_worker.pk)
    assert client.get(reverse("centre_detail", args=[centre.pk])).status_code == 200


def test_totp_secret_is_encrypted_at_rest(social_worker):
    from allauth.mfa.models import Authenticator

    secret = _activate_totp(social_worker)
    stored = Authenticator.objects.get(user=social_worker, type=Authenticator.Type.TOTP).data[
        "secret"
    ]
    assert secret not in stored
    # Encrypted with the field key, not merely encoded: it decrypts with the key,
    # and no base64 reading of the stored value gives the secret back.
    assert crypto.decrypt(stored) == secret
    for text in (stored, stored + "=", stored + "=="):
        try:
            decoded = base64.urlsafe_b64decode(text)
        except ValueError:
            continue
        assert secret.encode() not in decoded
