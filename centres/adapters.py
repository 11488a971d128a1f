"""allauth hooks: no public sign-up, and TOTP secrets encrypted at rest."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import get_client_ip
from allauth.mfa.adapter import DefaultMFAAdapter

from . import crypto


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created only by accepting an invitation (see `actions.invitation_accept`)."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed logins are counted per account *and* client address (the real client,
        behind the trusted proxy): wrong passwords typed elsewhere never lock a
        colleague out. allauth hashes the key; a password reset by e-mail clears it."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{get_client_ip(request) or ''}"


class EncryptingMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
