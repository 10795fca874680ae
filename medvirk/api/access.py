"""Who may do what with API tokens: a person sees and revokes only their own."""

from __future__ import annotations

from typing import Any

from medvirk.api.models import ApiToken


def access_token_manage(*, user: Any, token: ApiToken) -> bool:
    """May ``user`` see and revoke ``token``? Only its owner, while signed in."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and token.user_id == user.pk
    )
