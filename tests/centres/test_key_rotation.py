"""Rotating FIELD_ENCRYPTION_KEY: separate sub-keys for encryption and for search
digests, and a resumable re-encryption pass after which the old key can go."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from advocacy import actions as case_actions
from centres import crypto
from members.models import Member

from ..factories import MemberFactory

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()
PHONE = "+962 79 123 4567"


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_digest_key_is_not_the_encryption_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    digest = crypto.digest("791234567")
    import hashlib
    import hmac

    assert digest != hmac.new(OLD.encode(), b"791234567", hashlib.sha256).hexdigest()
    token = crypto.encrypt("x")
    with pytest.raises(InvalidToken):
        Fernet(OLD).decrypt(token.encode())  # encrypted with a derived key, not the setting


def test_changing_the_setting_changes_the_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    token = crypto.encrypt("secret")
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    with pytest.raises(InvalidToken):
        crypto.decrypt(token)


def test_rotation_re_encrypts_everything_and_search_still_works(
    settings, client, centre, social_worker, capsys
):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    member = MemberFactory(centre=centre, phone=PHONE)
    case = case_actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=member,
        narrative="CANARY-rotation narrative",
        contact="CANARY-rotation contact",
        issue_types=["wage_theft"],
        assignees=[social_worker],
    )
    TOTP.activate(social_worker, generate_totp_secret())
    before = _raw("members_member", "phone", member.pk)
    digest_before = Member.objects.get().phone_digest

    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]  # the new key first: it encrypts
    assert Member.objects.search(PHONE, by_phone=True).get() == member  # found during the rotation
    call_command("rotate_field_keys", batch_size=1)
    assert "members.member" in capsys.readouterr().out

    settings.FIELD_ENCRYPTION_KEYS = [NEW]  # the old key is gone
    assert _raw("members_member", "phone", member.pk) != before
    assert Member.objects.get().phone_digest != digest_before
    assert Member.objects.search("0791234567", region="JO", by_phone=True).get() == member
    assert Member.objects.get().phone == PHONE
    client.force_login(social_worker)
    page = client.get(reverse("case_detail", args=[centre.pk, case.pk]))
    assert page.status_code == 200
    assert "CANARY-rotation narrative" in page.content.decode()
    authenticator = Authenticator.objects.get(user=social_worker, type="totp")
    assert crypto.decrypt(authenticator.data["secret"])

    # Resumable: a second pass finds nothing left to do.
    call_command("rotate_field_keys", batch_size=1)
    assert "0 re-encrypted" in capsys.readouterr().out.splitlines()[-1]
