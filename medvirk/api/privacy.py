"""What the API app holds about a person: their API keys, of which only a keyed hash is
stored (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

from typing import Any

from medvirk.api.models import ApiToken
from medvirk.core.privacy import Export, rows

COVERS = frozenset({"api.ApiToken"})


def export(user: Any) -> Export:
    return {
        "api.ApiToken": rows(
            ApiToken.objects.filter(user=user),
            ("name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"),
        )
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    """The keys stop working and are forgotten."""
    ApiToken.objects.filter(user=user).delete()
