"""Reads of API tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from medvirk.api.models import ApiToken
from medvirk.api.tokens import TOKEN_PREFIX, token_digest

# Longest token accepted for a look-up (a generated one is 47 characters).
_MAX_TOKEN_LENGTH = 200


def token_list_for_user(*, user: Any) -> QuerySet[ApiToken]:
    """The person's tokens that are not revoked, newest first (expired ones included, so
    the person sees that they have expired)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by(
        "-created_at", "-id"
    )


def token_get_for_user(*, user: Any, token_id: int) -> ApiToken | None:
    """One of the person's tokens that is not revoked, or None."""
    return token_list_for_user(user=user).filter(pk=token_id).first()


def token_find_usable(*, token: str) -> ApiToken | None:
    """The token behind a presented secret, if it exists, is not revoked and has not
    expired; with its user."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > _MAX_TOKEN_LENGTH:
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True)
        .first()
    )
    if found is None or not found.is_usable(now=timezone.now()):
        return None
    return found
