"""allauth hooks: no public sign-up, and TOTP secrets encrypted at rest."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from . import crypto


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created only by accepting an invitation (see `actions.invitation_accept`)."""

    def is_open_for_signup(self, request) -> bool:
        return False


class EncryptingMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
