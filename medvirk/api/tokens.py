"""How API tokens look and how they are hashed. No database access here."""

from __future__ import annotations

import secrets

from django.utils.crypto import salted_hmac

TOKEN_PREFIX = "mvk_"
_DIGEST_SALT = "medvirk.api.ApiToken"


def token_generate() -> str:
    """A new token: a fixed prefix and 256 random bits, URL-safe."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The keyed hash (HMAC-SHA256 with the site's secret key) stored for a token."""
    return salted_hmac(_DIGEST_SALT, token, algorithm="sha256").hexdigest()
