"""Writes of API tokens: create, revoke, note use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.api.access import access_token_manage
from medvirk.api.models import ApiToken
from medvirk.api.tokens import TOKEN_PREFIX, token_digest, token_generate

# A person may hold this many tokens that are not revoked.
MAX_TOKENS_PER_USER = 20
# How often the "last used" time is written at most, so a busy token is not a write per call.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Longest lifetime a token can be given, in days.
MAX_LIFETIME_DAYS = 366 * 5


@dataclass(frozen=True)
class CreatedToken:
    """A new token and its secret, which is shown once and never stored."""

    token: ApiToken
    secret: str


def token_create(
    *, user: Any, name: str, expires_in_days: int | None = None, now: datetime | None = None
) -> CreatedToken:
    """Create a token for ``user`` with a name and an optional lifetime in days."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if len(name) > 100:
        raise ValidationError({"name": _("The name can be at most 100 characters.")})
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_LIFETIME_DAYS:
        raise ValidationError(
            {
                "expires_in_days": _("A token lasts from 1 to %(days)d days.")
                % {"days": MAX_LIFETIME_DAYS}
            }
        )
    moment = now or timezone.now()
    secret = token_generate()
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
        if active.count() >= MAX_TOKENS_PER_USER:
            raise ValidationError(
                _("You have %(count)d tokens. Revoke one before you create another.")
                % {"count": MAX_TOKENS_PER_USER}
            )
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[: len(TOKEN_PREFIX) + 4],
            digest=token_digest(secret),
            created_at=moment,
            expires_at=moment + timedelta(days=expires_in_days) if expires_in_days else None,
        )
    return CreatedToken(token=token, secret=secret)


def token_revoke(*, user: Any, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """Revoke one of the person's own tokens; it stops working at once."""
    if not access_token_manage(user=user, token=token):
        raise PermissionDenied
    moment = now or timezone.now()
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=moment)
    token.refresh_from_db(fields=["revoked_at"])
    return token


def token_mark_used(*, token: ApiToken, now: datetime | None = None) -> None:
    """Note that the token was used, at most once per LAST_USED_RESOLUTION."""
    moment = now or timezone.now()
    if token.last_used_at is not None and moment - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    token.last_used_at = moment
