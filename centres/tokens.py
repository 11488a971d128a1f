"""Secret tokens carried in links (invitations, kiosks): only their hash is stored."""

import hashlib


def hash_token(token: str) -> str:
    """SHA-256 of the token, as 64 hex characters: what the database keeps instead."""
    return hashlib.sha256(token.encode()).hexdigest()
