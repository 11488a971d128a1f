"""allauth hooks: no public sign-up, and TOTP secrets encrypted at rest."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import get_client_ip
from allauth.mfa.adapter import DefaultMFAAdapter

from . import crypto
from .methods import opens_by_link, page_of


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created only by accepting an invitation (see `actions.invitation_accept`)."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def is_safe_url(self, url) -> bool:
        """A `next` that is a button's address (closing a ballot, say) is not followed
        by a GET after signing in: it would only answer 405."""
        return super().is_safe_url(url) and opens_by_link(url)

    def get_login_redirect_url(self, request) -> str:
        """Where such a `next` was refused, the page holding its button."""
        wanted = request.POST.get("next") or request.GET.get("next")
        if wanted and super().is_safe_url(wanted) and not opens_by_link(wanted):
            return page_of(wanted)
        return super().get_login_redirect_url(request)

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
